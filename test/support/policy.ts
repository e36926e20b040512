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
  /** `state` (a State delegation, issue 16), when absent, is expected to fare as `unknownGroup`. */
  expect: Required<Pick<Expected, 'anonymous' | 'owner' | 'otherApplicant' | 'secretariat' | 'commissioner' | 'recusedCommissioner' | 'unknownGroup'>> & Pick<Expected, 'state'>;
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

/** A request of the `owner` applicant with one supporting document, uploaded and checked (available). */
async function documentOfOwner(rt: TestRuntime): Promise<{ id: string; documentId: string }> {
  const id = await requestOfOwner(rt);
  const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const res = await rt.call('POST', `/api/hearing-requests/${id}/documents`, { as: APPLICANT, body: { fileName: 'anexo.pdf', contentType: 'application/pdf', size: bytes.length } });
  if (res.status !== 201) throw new Error(`document not attached: ${res.text}`);
  const put = await fetch(res.body.upload.url, { method: 'PUT', headers: res.body.upload.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload refused: ${put.status}`);
  await rt.s3.settled();
  return { id, documentId: res.body.document.id };
}

/** An open draft of the `owner` applicant: partial, or complete (ready to submit in an open window). */
async function draftOfOwner(rt: TestRuntime, complete = false): Promise<string> {
  const body = complete ? validBody(await openSession(rt)) : { title: 'Borrador sin terminar', states: ['CO'] };
  const res = await rt.call('POST', '/api/hearing-request-drafts', { as: APPLICANT, body });
  if (res.status !== 201) throw new Error(`draft not created: ${res.text}`);
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

/**
 * An accepted request of the `owner` applicant (about Colombia), with joining details when
 * asked. Released at once: a held acceptance is no hearing yet to anyone but the secretariat.
 */
async function acceptedOfOwner(rt: TestRuntime, withJoining = false): Promise<string> {
  const id = await requestOfOwner(rt);
  const decided = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { as: SECRETARIAT, body: { decision: 'accepted', reason: 'Cumple los requisitos.', releaseNow: true } });
  if (decided.status !== 200) throw new Error(`request not accepted: ${decided.text}`);
  if (withJoining) {
    const set = await rt.call('PUT', `/api/hearings/${id}/joining`, { as: SECRETARIAT, body: joiningBody });
    if (set.status !== 200) throw new Error(`joining details not set: ${set.text}`);
  }
  return id;
}
const joiningBody = { videoLink: 'https://meet.example.org/cidh', passcode: '123456', interpretation: [{ language: 'en', channel: 'Canal 2' }], securityGuidelines: 'https://www.example.org/seguridad' };
/** The hearing's parties: its owner, the secretariat, the commissioners (none of them a national of Colombia). */
const partiesOnly = (ok: number) => ({ anonymous: 401, owner: ok, otherApplicant: 403, secretariat: ok, commissioner: ok, recusedCommissioner: ok, unknownGroup: 403 });

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
  'POST /api/hearing-requests/{id}/documents': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/documents`, body: { fileName: 'anexo.pdf', contentType: 'application/pdf', size: 1000 } }),
    expect: ownerOnly(201),
  },
  'GET /api/hearing-requests/{id}/documents': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/documents` }),
    expect: { ...ownerOnly(200), secretariat: 200 },
  },
  'GET /api/hearing-requests/{id}/documents/{documentId}': {
    setup: async (rt) => {
      const { id, documentId } = await documentOfOwner(rt);
      return { path: `/api/hearing-requests/${id}/documents/${documentId}` };
    },
    expect: { ...ownerOnly(200), secretariat: 200 },
  },
  'DELETE /api/hearing-requests/{id}/documents/{documentId}': {
    setup: async (rt) => {
      const { id, documentId } = await documentOfOwner(rt);
      return { path: `/api/hearing-requests/${id}/documents/${documentId}` };
    },
    expect: ownerOnly(200),
  },
  'POST /api/hearing-requests/{id}/withdraw': { setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/withdraw` }), expect: ownerOnly(200) },
  'POST /api/hearing-requests/{id}/decision': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/decision`, body: { decision: 'accepted', reason: 'Cumple los requisitos del Reglamento.' } }),
    expect: only('secretariat', 200),
  },
  // Issue 15: the secretariat's review (commissioners read shared notes only).
  'POST /api/hearing-requests/{id}/questions': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/questions`, body: { question: '¿Qué Estados participarán?' } }),
    expect: only('secretariat', 200),
  },
  'POST /api/hearing-requests/{id}/answer': {
    setup: async (rt) => {
      const id = await requestOfOwner(rt);
      const asked = await rt.call('POST', `/api/hearing-requests/${id}/questions`, { ...as(SECRETARIAT), body: { question: '¿Qué Estados participarán?' } });
      if (asked.status !== 200) throw new Error(`question not asked: ${asked.text}`);
      return { path: `/api/hearing-requests/${id}/answer`, body: { answer: 'Colombia y Perú.' } };
    },
    expect: ownerOnly(200),
  },
  'PUT /api/hearing-requests/{id}/assignment': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/assignment`, body: { kind: 'rapporteurship', to: 'women' } }),
    expect: only('secretariat', 200),
  },
  'PUT /api/hearing-requests/{id}/score': { setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/score`, body: { score: 3 } }), expect: only('secretariat', 200) },
  'POST /api/hearing-requests/{id}/notes': {
    setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/notes`, body: { text: 'Nota interna', shared: true } }),
    expect: only('secretariat', 201),
  },
  'GET /api/hearing-requests/{id}/notes': { setup: async (rt) => ({ path: `/api/hearing-requests/${await requestOfOwner(rt)}/notes` }), expect: staff(200) },
  'DELETE /api/hearing-requests/{id}/decision': {
    setup: async (rt) => {
      const id = await requestOfOwner(rt);
      const decided = await rt.call('POST', `/api/hearing-requests/${id}/decision`, { ...as(SECRETARIAT), body: { decision: 'rejected', reason: 'Fuera de plazo' } });
      if (decided.status !== 200) throw new Error(`not decided: ${decided.text}`);
      return { path: `/api/hearing-requests/${id}/decision` };
    },
    expect: only('secretariat', 200),
  },
  'GET /api/sessions/{number}/decisions': { setup: async (rt) => ({ path: `/api/sessions/${await openSession(rt)}/decisions` }), expect: only('secretariat', 200) },
  'POST /api/sessions/{number}/decisions/release': { setup: async (rt) => ({ path: `/api/sessions/${await openSession(rt)}/decisions/release` }), expect: only('secretariat', 200) },
  'GET /api/notice-templates': { setup: async () => ({ path: '/api/notice-templates' }), expect: only('secretariat', 200) },
  'PUT /api/notice-templates/{kind}/{lang}': {
    setup: async () => ({ path: '/api/notice-templates/hearing.submitted/fr', body: { subject: 'Demande reçue — {id}', text: 'Votre demande « {title} » est reçue.' } }),
    expect: only('secretariat', 200),
  },
  'DELETE /api/notice-templates/{kind}/{lang}': { setup: async () => ({ path: '/api/notice-templates/hearing.submitted/fr' }), expect: only('secretariat', 200) },
  'POST /api/notice-templates/{kind}/{lang}/preview': {
    setup: async () => ({ path: '/api/notice-templates/hearing.submitted/fr/preview', body: { subject: 'Demande reçue — {id}', text: 'Votre demande « {title} » est reçue.' } }),
    expect: only('secretariat', 200),
  },
  'GET /api/sessions/{number}/hearing-requests.csv': { setup: async (rt) => ({ path: `/api/sessions/${await openSession(rt)}/hearing-requests.csv` }), expect: only('secretariat', 200) },
  'GET /api/sessions/{number}/hearing-requests/stats': { setup: async (rt) => ({ path: `/api/sessions/${await openSession(rt)}/hearing-requests/stats` }), expect: only('secretariat', 200) },
  'POST /api/hearing-request-drafts': { setup: async () => ({ path: '/api/hearing-request-drafts', body: { title: 'Borrador', objective: 'Solo el comienzo' } }), expect: only('applicant', 201) },
  'GET /api/hearing-request-drafts': { setup: async () => ({ path: '/api/hearing-request-drafts' }), expect: only('applicant', 200) },
  // Drafts are their owner's alone: another applicant and the secretariat are refused.
  'GET /api/hearing-request-drafts/{id}': { setup: async (rt) => ({ path: `/api/hearing-request-drafts/${await draftOfOwner(rt)}` }), expect: ownerOnly(200) },
  'PUT /api/hearing-request-drafts/{id}': {
    setup: async (rt) => ({ path: `/api/hearing-request-drafts/${await draftOfOwner(rt)}`, body: { title: 'Borrador corregido' } }),
    expect: ownerOnly(200),
  },
  'DELETE /api/hearing-request-drafts/{id}': { setup: async (rt) => ({ path: `/api/hearing-request-drafts/${await draftOfOwner(rt)}` }), expect: ownerOnly(200) },
  'POST /api/hearing-request-drafts/{id}/submit': { setup: async (rt) => ({ path: `/api/hearing-request-drafts/${await draftOfOwner(rt, true)}/submit` }), expect: ownerOnly(201) },
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
  'GET /api/sessions/{number}/schedule/hearings/{requestId}/options': {
    setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule/hearings/NOPE/options` }),
    expect: only('secretariat', 404),
  },
  'POST /api/sessions/{number}/schedule/publish': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule/publish` }), expect: only('secretariat', 404) },
  'GET /api/sessions/{number}/schedule': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule` }), expect: everyone(404) },
  // The hearing day (issue 16). The matrix's requests concern Colombia: `state` is its delegation.
  'GET /api/state/hearings': { setup: async () => ({ path: '/api/state/hearings' }), expect: { ...only('secretariat', 403), state: 200 } },
  'PUT /api/hearings/{requestId}/delegation': {
    setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/delegation`, body: { members: [{ name: 'Embajadora', role: 'head' }] } }),
    expect: { ...only('secretariat', 403), state: 200 },
  },
  'PUT /api/hearings/{requestId}/joining': { setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/joining`, body: joiningBody }), expect: only('secretariat', 200) },
  'GET /api/hearings/{requestId}/joining': {
    setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt, true)}/joining` }),
    expect: { ...partiesOnly(200), state: 200 },
  },
  'GET /api/hearings/{requestId}/plan': { setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/plan` }), expect: { ...partiesOnly(200), state: 200 } },
  'PUT /api/hearings/{requestId}/plan': {
    setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/plan`, body: { revision: 0, segments: [{ speaker: 'petitioners', minutes: 20 }, { speaker: 'state', minutes: 20 }] } }),
    expect: only('secretariat', 200),
  },
  'PUT /api/hearings/{requestId}/titles': { setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/titles`, body: { en: 'Prior consultation' } }), expect: only('secretariat', 200) },
  // Not held yet (it is not even scheduled): the secretariat gets 409, and it changes nothing.
  'PUT /api/hearings/{requestId}/record': {
    setup: async (rt) => ({ path: `/api/hearings/${await acceptedOfOwner(rt)}/record`, body: { summary: { es: 'Resumen.', en: 'Summary.', pt: 'Resumo.', fr: 'Résumé.' } } }),
    expect: only('secretariat', 409),
  },
  'GET /api/sessions/{number}/archive': { setup: async () => ({ path: '/api/sessions/178/archive' }), expect: everyone(200) },
  'GET /api/sessions/{number}/archive.atom': { setup: async () => ({ path: '/api/sessions/178/archive.atom' }), expect: everyone(200) },
  'PUT /api/sessions/{number}/webcast': { setup: async () => ({ path: '/api/sessions/178/webcast', body: { url: 'https://www.example.org/cidh/en-vivo' } }), expect: only('secretariat', 200) },
  'GET /api/sessions/{number}/schedule.ics': { setup: async (rt) => ({ path: `/api/sessions/${await absentSessionNumber(rt)}/schedule.ics` }), expect: everyone(404) },
};
