// The authorization policy of every route, as a table the matrix test runs through the
// local runtime's real authorizer and handlers. A route in /api/openapi.json without a
// row here fails the test, so no route ships without its policy.
//
// Each row: how to build a fresh request for that route (owned by the `owner` applicant
// where ownership matters), and the status each principal must get. Tokens that are
// forged, expired, from another issuer get 401 on every protected route and are
// treated as anonymous on public ones; that part is derived, not repeated per row.
import { seedSessions } from '../../functions/sessions/seed';
import { APPLICANT, freshSession, validBody } from './hearings';
import { absentSessionNumber, throwawayNumber, throwawaySession } from './sessions';
import type { PrincipalName } from './principals';
import { emailedToken, verifyByEmail } from './registrations';
import type { TestRuntime } from './runtime';
import { LOCAL_ONLY } from './target';

export type Expected = Partial<Record<PrincipalName, number>>;
export interface Fixture {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
export interface PolicyRow {
  /** Why the row cannot run against a deployed stage (test/support/target.ts), if it cannot. */
  localOnly?: string;
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

/** A random throwaway number, not checked (for tests on a DynamoDB Local of their own). */
export const freshSessionNumber = () => throwawayNumber();
export const sessionBody = (number = freshSessionNumber()) => ({ ...seedSessions[3], number, title: `${number} Período de Sesiones` });

const as = (email: string) => ({ as: email });
const SECRETARIAT = 'secretariat@example.org';

const clockNow = (rt: TestRuntime): Promise<Date> => rt.now();

export async function ballotBody(rt: TestRuntime) {
  const closesAt = new Date((await clockNow(rt)).getTime() + 24 * 3600_000).toISOString();
  return { title: 'Consulta interna', question: '¿Aprueba el informe?', kind: 'named', stateConcerned: 'MX', majority: 'majority_present', closesAt };
}

/**
 * A ballot about Mexico (so commissioner.mx is recused) in the state asked for. 'voted':
 * open with every eligible member's vote, so it may close early (issue 13); 'closed':
 * closed that way, with quorum, so its audit record is published.
 */
export async function ballotIn(rt: TestRuntime, state: 'draft' | 'open' | 'voted' | 'closed'): Promise<string> {
  const created = await rt.call('POST', '/api/ballots', { ...as(SECRETARIAT), body: await ballotBody(rt) });
  if (created.status !== 201) throw new Error(`ballot not created: ${created.text}`);
  const id = created.body.id as string;
  if (state !== 'draft') await rt.call('POST', `/api/ballots/${id}/open`, as(SECRETARIAT));
  if (state === 'voted' || state === 'closed') {
    for (const code of ['cl', 'br', 'jm', 'pa', 'pe', 'gt']) await rt.call('POST', `/api/ballots/${id}/votes`, { ...as(`commissioner.${code}@example.org`), body: { choice: 'yes' } });
  }
  if (state === 'closed') await rt.call('POST', `/api/ballots/${id}/close`, as(SECRETARIAT));
  return id;
}

const staff = (ok: number) => ({ ...only('staff', ok) });

/** One session per runtime whose request window is open at the runtime's clock. */
const openSessions = new Map<string, Promise<number>>();
function openSession(rt: TestRuntime): Promise<number> {
  if (!openSessions.has(rt.url)) {
    openSessions.set(
      rt.url,
      (async () => {
        const now = (await clockNow(rt)).getTime();
        const window = { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 60 * 86_400_000).toISOString() };
        return freshSession(rt, window, new Date(now).getUTCFullYear() + 1);
      })(),
    );
  }
  return openSessions.get(rt.url)!;
}

/** A submitted hearing request owned by the `owner` applicant. */
async function requestOfOwner(rt: TestRuntime): Promise<string> {
  const res = await rt.call('POST', '/api/hearing-requests', { as: APPLICANT, body: validBody(await openSession(rt)) });
  if (res.status !== 201) throw new Error(`request not created: ${res.text}`);
  return res.body.id;
}

/** One session per runtime whose registration is open at the runtime's clock. */
const registrationSessions = new Map<string, Promise<number>>();
export function registrationSession(rt: TestRuntime): Promise<number> {
  if (!registrationSessions.has(rt.url)) {
    registrationSessions.set(
      rt.url,
      (async () => {
        const now = (await clockNow(rt)).getTime();
        const year = new Date(now).getUTCFullYear() + 1;
        return throwawaySession(rt, {
          startDate: `${year}-12-01`,
          endDate: `${year}-12-10`,
          hearingDays: [`${year}-12-02`],
          requestWindow: { opensAt: `${year}-09-01T00:00:00Z`, closesAt: `${year}-09-30T00:00:00Z` },
          registration: { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 60 * 86_400_000).toISOString(), capacity: { in_person: 0, online: 100_000 } },
        });
      })(),
    );
  }
  return registrationSessions.get(rt.url)!;
}

let attendee = 0;
export const attendeeBody = () => ({
  name: 'Persona Asistente',
  email: `asistente.${Date.now()}.${attendee++}@example.org`,
  country: 'PE',
  attendance: 'online',
  language: 'es',
  consentToPublish: false,
});

/** A confirmed, verified registration: its id, code and the token header (from the emailed link) that opens it. */
async function registration(rt: TestRuntime, verified = true) {
  const session = await registrationSession(rt);
  const res = await rt.call('POST', `/api/sessions/${session}/registrations`, { body: attendeeBody() });
  if (res.status !== 201) throw new Error(`registration not created: ${res.text}`);
  const id = res.body.id as string;
  const token = verified ? await verifyByEmail(rt, id) : await emailedToken(rt, id);
  return { session, id, code: res.body.confirmationCode as string, headers: { 'x-registration-token': token } };
}

const ownerOnly = (ok: number) => ({ ...only('applicant', ok), otherApplicant: 403 });

export const policy: Record<string, PolicyRow> = {
  'GET /api/health': { setup: async () => ({ path: '/api/health' }), expect: everyone(200) },
  'GET /api/openapi.json': { setup: async () => ({ path: '/api/openapi.json' }), expect: everyone(200) },
  'GET /api/sessions': { setup: async () => ({ path: '/api/sessions' }), expect: everyone(200) },
  'GET /api/sessions/{number}': { setup: async () => ({ path: '/api/sessions/178' }), expect: everyone(200) },
  'POST /api/sessions': { setup: async (rt) => ({ path: '/api/sessions', body: sessionBody(await absentSessionNumber(rt)) }), expect: only('secretariat', 201) },

  'POST /api/ballots': { setup: async (rt) => ({ path: '/api/ballots', body: await ballotBody(rt) }), expect: only('secretariat', 201) },
  'GET /api/ballots': { setup: async () => ({ path: '/api/ballots' }), expect: staff(200) },
  'GET /api/ballots/{id}': { setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'open')}` }), expect: staff(200) },
  'POST /api/ballots/{id}/open': { setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'draft')}/open` }), expect: only('secretariat', 200) },
  'POST /api/ballots/{id}/close': { setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'voted')}/close` }), expect: only('secretariat', 200) },
  'POST /api/ballots/{id}/void': {
    setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'open')}/void`, body: { reason: 'Asunto retirado' } }),
    expect: only('secretariat', 200),
  },
  'POST /api/ballots/{id}/recusals': {
    setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'open')}/recusals`, body: { commissionerId: 'c-pe', reason: 'Conflicto de interés declarado' } }),
    expect: only('secretariat', 201),
  },
  'POST /api/ballots/{id}/votes': {
    setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'open')}/votes`, body: { choice: 'yes' } }),
    // Art. 17: the national of the State concerned may not vote (403 with the reason).
    expect: { ...only('commissioner', 201), recusedCommissioner: 403 },
  },
  'POST /api/hearing-requests': { setup: async (rt) => ({ path: '/api/hearing-requests', body: validBody(await openSession(rt)) }), expect: only('applicant', 201) },
  'GET /api/hearing-requests': {
    setup: async () => ({ path: '/api/hearing-requests' }),
    expect: { ...only('applicant', 200), secretariat: 200 },
  },
  'GET /api/hearing-requests/{id}': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}` }),
    expect: { ...ownerOnly(200), secretariat: 200 },
  },
  'PATCH /api/hearing-requests/{id}': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}`, body: { title: 'Título corregido de la solicitud' } }),
    expect: ownerOnly(200),
  },
  'POST /api/hearing-requests/{id}/withdraw': { setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/withdraw` }), expect: ownerOnly(200) },
  'POST /api/hearing-requests/{id}/decision': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/decision`, body: { decision: 'accepted', reason: 'Cumple los requisitos del Reglamento.' } }),
    expect: only('secretariat', 200),
  },
  'POST /api/sessions/{number}/registrations': {
    setup: async (rt) => ({ path: `/api/sessions/${await registrationSession(rt)}/registrations`, body: attendeeBody() }),
    expect: everyone(201),
  },
  'GET /api/sessions/{number}/registration-info': { setup: async (rt) => ({ path: `/api/sessions/${await registrationSession(rt)}/registration-info` }), expect: everyone(200) },
  // Holding the registration's token is what authorizes these (the token is checked
  // separately in registrations.int.test.ts: missing → 401, wrong → 403).
  'GET /api/registrations/{id}': {
    localOnly: LOCAL_ONLY.mail,
    setup: async (rt) => {
      const r = await registration(rt);
      return { path: `/api/registrations/${r.id}`, headers: r.headers };
    },
    expect: everyone(200),
  },
  'POST /api/registrations/{id}/verify': {
    localOnly: LOCAL_ONLY.mail,
    setup: async (rt) => {
      const r = await registration(rt, false);
      return { path: `/api/registrations/${r.id}/verify`, headers: r.headers };
    },
    expect: everyone(200),
  },
  'POST /api/registrations/{id}/cancel': {
    localOnly: LOCAL_ONLY.mail,
    setup: async (rt) => {
      const r = await registration(rt);
      return { path: `/api/registrations/${r.id}/cancel`, headers: r.headers };
    },
    expect: everyone(200),
  },
  'GET /api/registrations/{id}/qr.svg': {
    localOnly: LOCAL_ONLY.mail,
    setup: async (rt) => {
      const r = await registration(rt);
      return { path: `/api/registrations/${r.id}/qr.svg`, headers: r.headers };
    },
    expect: everyone(200),
  },
  'POST /api/sessions/{number}/check-ins': {
    localOnly: LOCAL_ONLY.mail,
    setup: async (rt) => {
      const r = await registration(rt);
      return { path: `/api/sessions/${r.session}/check-ins`, body: { confirmationCode: r.code } };
    },
    expect: only('secretariat', 200),
  },
  'GET /api/sessions/{number}/registrations': { setup: async (rt) => ({ path: `/api/sessions/${await registrationSession(rt)}/registrations` }), expect: only('secretariat', 200) },
  'GET /api/ballots/{id}/audit': { setup: async (rt) => ({ path: `/api/ballots/${await ballotIn(rt, 'closed')}/audit` }), expect: staff(200) },
  'GET /api/rapporteurships': { setup: async () => ({ path: '/api/rapporteurships' }), expect: everyone(200) },
  'PUT /api/rapporteurships': {
    // The current revision, read just before, so the secretariat's write goes through (unchanged content).
    setup: async (rt) => {
      const current = (await rt.call('GET', '/api/rapporteurships')).body;
      return { path: '/api/rapporteurships', body: { rapporteurs: current.rapporteurs, revision: current.revision } };
    },
    expect: only('secretariat', 200),
  },
  'POST /api/sessions/{number}/schedule/proposals': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule/proposals` }), expect: only('secretariat', 404) },
  'GET /api/sessions/{number}/schedule/draft': { setup: async () => ({ path: '/api/sessions/175/schedule/draft' }), expect: only('secretariat', 200) },
  'PUT /api/sessions/{number}/schedule/hearings/{requestId}': {
    setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule/hearings/NOPE`, body: { start: '2020-12-03T14:00:00Z', room: 'Sala virtual 1' } }),
    expect: only('secretariat', 404),
  },
  'POST /api/sessions/{number}/schedule/publish': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule/publish` }), expect: only('secretariat', 404) },
  'GET /api/sessions/{number}/schedule': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule` }), expect: everyone(404) },
  'GET /api/sessions/{number}/schedule.ics': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule.ics` }), expect: everyone(404) },
};
