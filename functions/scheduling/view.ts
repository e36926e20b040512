// What scheduling answers, as zod schemas: the contract in the OpenAPI document, the
// frontend's types, and what the fuzz test checks each answer against.
import * as z from 'zod/mini';
import { lazySchema } from '../shared/lazy';

const CONSTRAINTS = ['grid', 'unavailable', 'room', 'state', 'commissioner'] as const;
const constraint = lazySchema(() => z.enum(CONSTRAINTS));
const Slot = () => ({ start: z.string(), end: z.string(), room: z.string() });

export const RapporteurshipsView = lazySchema(() => z.object({
  rapporteurs: z.record(z.string(), z.array(z.string())),
  revision: z.int(),
  updatedAt: z.optional(z.string()),
}));
export type RapporteurshipsView = z.infer<typeof RapporteurshipsView>;

export const UnscheduledView = lazySchema(() => z.object({ requestId: z.string(), reason: constraint, resources: z.array(z.string()), explanation: z.string() }));
const Assignment = lazySchema(() => z.object({ requestId: z.string(), ...Slot() }));
const Breakdown = lazySchema(() => z.record(z.string(), z.number()));

export const ProposalView = lazySchema(() => z.object({
  id: z.string(),
  assignments: z.array(Assignment),
  unscheduled: z.array(UnscheduledView),
  score: z.number(),
  breakdown: Breakdown,
  /** Who produced the timetable: the greedy start, the local search improving it, or HiGHS. */
  method: z.enum(['heuristic', 'search', 'mip']),
  /**
   * How far from optimal the score can be, as proven by HiGHS's bound: (score − bound) / score;
   * 0 is proven optimal, 0.01 within 1 %. Null when no bound was computed (model too large).
   */
  provenGap: z.nullable(z.number()),
  violations: z.array(z.unknown()),
}));
export type ProposalView = z.infer<typeof ProposalView>;

export const DraftView = lazySchema(() => z.object({
  sessionNumber: z.int(),
  timeZone: z.string(),
  revision: z.int(),
  proposalId: z.optional(z.string()),
  score: z.optional(z.number()),
  /** Method and proven gap of the proposal the draft started from (absent before the first proposal and on older drafts). */
  method: z.optional(z.string()),
  provenGap: z.optional(z.nullable(z.number())),
  published: z.optional(z.object({ version: z.int(), publishedAt: z.string() })),
  grid: z.object({ days: z.array(z.string()), times: z.array(z.string()), slotMinutes: z.int(), rooms: z.array(z.string()), starts: z.array(z.array(z.string())) }),
  hearings: z.array(
    z.object({
      requestId: z.string(),
      title: z.string(),
      kind: z.string(),
      states: z.array(z.string()),
      private: z.boolean(),
      slots: z.int(),
      start: z.optional(z.string()),
      end: z.optional(z.string()),
      room: z.optional(z.string()),
    }),
  ),
  unscheduled: z.array(UnscheduledView),
  conflicts: z.array(z.object({ requestId: z.string(), constraint, text: z.string() })),
}));
export type DraftView = z.infer<typeof DraftView>;

const Change = lazySchema(() => z.object({
  requestId: z.string(),
  change: z.enum(['added', 'removed', 'moved']),
  from: z.optional(z.object({ start: z.string(), room: z.string() })),
  to: z.optional(z.object({ start: z.string(), room: z.string() })),
}));
/** `unchanged`: nothing moved since the last version, so none was made (its number is given). */
export const PublishedView = lazySchema(() => z.object({ version: z.int(), changes: z.array(Change), unchanged: z.optional(z.boolean()) }));
export const MoveOptionsView = lazySchema(() => z.object({
  requestId: z.string(),
  options: z.array(z.object({ start: z.string(), room: z.string(), fits: z.boolean(), clashes: z.array(z.string()) })),
}));
export type MoveOptionsView = z.infer<typeof MoveOptionsView>;
export type PublishedView = z.infer<typeof PublishedView>;

export const PublicScheduleView = lazySchema(() => z.object({
  sessionNumber: z.int(),
  version: z.int(),
  publishedAt: z.string(),
  timeZone: z.string(),
  hearings: z.array(
    z.object({
      requestId: z.string(),
      ...Slot(),
      kind: z.string(),
      states: z.array(z.string()),
      private: z.boolean(),
      title: z.string(),
      /** The title in each language the secretariat gave (issue 16), the reader's first; empty for private hearings. */
      titles: z.optional(z.array(z.object({ language: z.enum(['es', 'en', 'pt', 'fr']), title: z.string() }))),
      participants: z.array(z.object({ name: z.string(), organization: z.optional(z.string()), role: z.string() })),
    }),
  ),
  changelog: z.array(z.object({ version: z.int(), publishedAt: z.string(), changes: z.array(Change) })),
}));
export type PublicScheduleView = z.infer<typeof PublicScheduleView>;
