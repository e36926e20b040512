// The authorization policy of every route, as a table the matrix test runs through the
// local runtime's real authorizer and handlers. A route in /api/openapi.json without a
// row here fails the test, so no route ships without its policy.
//
// Each row: how to build a fresh request for that route (owned by the `owner` applicant
// where ownership matters), and the status each principal must get. Tokens that are
// forged, expired, from another issuer get 401 on every protected route and are
// treated as anonymous on public ones; that part is derived, not repeated per row.
import { seedSessions } from '../../functions/sessions/seed';
import type { PrincipalName } from './principals';
import type { TestRuntime } from './runtime';

export type Expected = Partial<Record<PrincipalName, number>>;
export interface Fixture {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
export interface PolicyRow {
  /** Builds a fresh request; `as` says who is about to call it. */
  setup: (rt: TestRuntime, as: PrincipalName) => Promise<Fixture>;
  expect: Required<Pick<Expected, 'anonymous' | 'owner' | 'otherApplicant' | 'secretariat' | 'commissioner' | 'recusedCommissioner' | 'unknownGroup'>>;
}

const everyone = (status: number) => ({ anonymous: status, owner: status, otherApplicant: status, secretariat: status, commissioner: status, recusedCommissioner: status, unknownGroup: status });
const only = (role: 'secretariat' | 'applicant' | 'commissioner' | 'staff', ok: number) => ({
  anonymous: 401,
  owner: role === 'applicant' ? ok : 403,
  otherApplicant: role === 'applicant' ? ok : 403,
  secretariat: role === 'secretariat' || role === 'staff' ? ok : 403,
  commissioner: role === 'commissioner' || role === 'staff' ? ok : 403,
  recusedCommissioner: role === 'commissioner' || role === 'staff' ? ok : 403,
  unknownGroup: 403,
});

let next = 20_000 + Math.floor(Math.random() * 10_000);
export const freshSessionNumber = () => next++;
export const sessionBody = (number = freshSessionNumber()) => ({ ...seedSessions[3], number, title: `${number} Período de Sesiones` });

export const policy: Record<string, PolicyRow> = {
  'GET /api/health': { setup: async () => ({ path: '/api/health' }), expect: everyone(200) },
  'GET /api/openapi.json': { setup: async () => ({ path: '/api/openapi.json' }), expect: everyone(200) },
  'GET /api/sessions': { setup: async () => ({ path: '/api/sessions' }), expect: everyone(200) },
  'GET /api/sessions/{number}': { setup: async () => ({ path: '/api/sessions/178' }), expect: everyone(200) },
  'POST /api/sessions': { setup: async () => ({ path: '/api/sessions', body: sessionBody() }), expect: only('secretariat', 201) },
};
