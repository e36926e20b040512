// What leaves the hearing-day context, as zod schemas: the contract in the OpenAPI
// document and the frontend's types.
import * as z from 'zod/mini';
import { LANGS } from '../shared/messages';
import { DELEGATE_ROLES, SPEAKERS } from './day';
import { lazySchema } from '../shared/lazy';

const lang = lazySchema(() => z.enum(LANGS));
const Titles = lazySchema(() => z.array(z.object({ language: lang, title: z.string() })));
const Slot = lazySchema(() => z.object({ start: z.string(), end: z.string(), room: z.string() }));

export const DelegationView = lazySchema(() => z.object({ members: z.array(z.object({ name: z.string(), role: z.enum(DELEGATE_ROLES) })), updatedAt: z.string() }));

/** A hearing as its State sees it: never a confidential participant's name or organisation, never the applicant's contact. */
export const StateHearingView = lazySchema(() => z.object({
  id: z.string(),
  sessionNumber: z.int(),
  status: z.enum(['accepted', 'scheduled']),
  kind: z.string(),
  scope: z.enum(['country', 'regional']),
  states: z.array(z.string()),
  title: z.string(),
  matter: z.optional(z.object({ type: z.string(), number: z.string() })),
  objective: z.string(),
  private: z.boolean(),
  participants: z.array(z.object({ name: z.optional(z.string()), organization: z.optional(z.string()), role: z.string(), confidential: z.boolean() })),
  languages: z.array(lang),
  slot: z.optional(Slot),
  delegation: z.optional(DelegationView),
  delegationDeadline: z.string(),
  delegationOpen: z.boolean(),
  delegationLimit: z.int(),
}));
export type StateHearingView = z.infer<typeof StateHearingView>;
export const StateHearingsView = lazySchema(() => z.object({ state: z.string(), items: z.array(StateHearingView) }));

export const JoiningView = lazySchema(() => z.object({
  requestId: z.string(),
  videoLink: z.string(),
  passcode: z.optional(z.string()),
  interpretation: z.array(z.object({ language: lang, channel: z.string() })),
  securityGuidelines: z.string(),
  updatedAt: z.string(),
}));

export const PlanView = lazySchema(() => z.object({
  requestId: z.string(),
  title: z.string(),
  scope: z.enum(['country', 'regional']),
  /** The IACHR's minutes per party for this kind of hearing (20 country, 30 regional). */
  ruleMinutes: z.int(),
  slot: z.optional(Slot),
  segments: z.array(z.object({ speaker: z.enum(SPEAKERS), minutes: z.int() })),
  partyMinutes: z.object({ petitioners: z.int(), state: z.int() }),
  revision: z.int(),
  updatedAt: z.optional(z.string()),
}));

export const ArchiveHearingView = lazySchema(() => z.object({
  requestId: z.string(),
  title: z.string(),
  titles: Titles,
  kind: z.string(),
  states: z.array(z.string()),
  start: z.optional(z.string()),
  end: z.optional(z.string()),
  participants: z.array(z.object({ name: z.string(), organization: z.optional(z.string()), role: z.string() })),
  recordingUrl: z.optional(z.string()),
  summary: z.string(),
  recordedAt: z.string(),
}));
export const ArchiveView = lazySchema(() => z.object({ sessionNumber: z.int(), webcastUrl: z.optional(z.string()), hearings: z.array(ArchiveHearingView) }));
export type ArchiveView = z.infer<typeof ArchiveView>;

export const RecordView = lazySchema(() => z.object({ requestId: z.string(), sessionNumber: z.int(), private: z.boolean(), recordingUrl: z.optional(z.string()), summary: z.record(z.string(), z.string()), recordedAt: z.string() }));
export const TitlesView = lazySchema(() => z.object({ requestId: z.string(), sessionNumber: z.int(), titles: Titles }));
export const WebcastView = lazySchema(() => z.object({ sessionNumber: z.int(), url: z.string(), updatedAt: z.string() }));
