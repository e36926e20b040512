// What leaves the hearings context: a request as its viewer may see it (confidential
// names hidden from others), without the internals of storage (ownerSub, version).
// The zod schema is the contract in the OpenAPI document and the frontend's type.
import * as z from 'zod/mini';
import { LANGS } from '../shared/messages';
import { type HearingRequest, KINDS, MATTER_TYPES, PARTICIPANT_ROLES, seesEverything, STATUSES, withoutConfidentialNames } from './request';

const status = z.enum(STATUSES);

export const HearingRequestView = z.object({
  id: z.string(),
  status,
  sessionNumber: z.int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  kind: z.enum(KINDS),
  states: z.array(z.string()),
  matter: z.optional(z.object({ type: z.enum(MATTER_TYPES), number: z.string() })),
  title: z.string(),
  objective: z.string(),
  basis: z.string(),
  participants: z.array(z.object({ name: z.string(), organization: z.optional(z.string()), role: z.enum(PARTICIPANT_ROLES), confidential: z.boolean() })),
  languages: z.array(z.enum(LANGS)),
  private: z.boolean(),
  privateReason: z.optional(z.string()),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
  observations: z.optional(z.string()),
  unavailableDates: z.optional(z.array(z.string())),
  language: z.enum(LANGS),
  /** The viewer submitted it (instead of the owner's subject, which stays inside). */
  mine: z.boolean(),
  history: z.array(z.object({ at: z.string(), status, by: z.string(), byOwner: z.boolean(), reason: z.optional(z.string()) })),
  slot: z.optional(z.object({ start: z.string(), end: z.string(), room: z.string() })),
});
export type HearingRequestView = z.infer<typeof HearingRequestView>;

export const HearingRequestPage = z.object({ items: z.array(HearingRequestView), nextCursor: z.optional(z.string()) });
export type HearingRequestPage = z.infer<typeof HearingRequestPage>;

/** What a viewer may see of a request: all of it for its owner and the secretariat. */
export function viewOf(request: HearingRequest, viewer: { sub: string; roles: readonly string[] }): HearingRequestView {
  const { ownerSub, version: _version, ...rest } = seesEverything(request, viewer) ? request : withoutConfidentialNames(request);
  return { ...rest, mine: ownerSub === viewer.sub, history: rest.history.map((e) => ({ ...e, byOwner: e.by === ownerSub })) };
}
