// Lambda adapter for registration to attend: thin routes over the rules and the store.
import { getSession } from '../sessions/store';
import { clock } from '../shared/clock';
import { Conflict, RuleBroken } from '../shared/errors';
import { httpApi } from '../shared/http';
import { countMetric } from '../shared/metrics';
import { budgetOf, patiently } from '../shared/retry';
import { implement, reply } from '../shared/route';
import { attendeesCsv, countsFromCounters } from './attendees';
import { qrSvg } from './qr';
import { type Registration, type RegistrationView, assertModeOffered, assertToken, assertWindowOpen, expiryOf, MODES, toView } from './registration';
import { IDEMPOTENCY_HEADER, idempotencyKeyPattern, registrationRoutes as r } from './routes';
import {
  cancel,
  checkIn,
  currentPosition,
  currentPositions,
  decodeCursor,
  getRegistration,
  holdMinutes,
  listRegistrationsPage,
  readCounter,
  readCounters,
  register,
  retentionDays,
  verify,
} from './store';

const TOKEN = 'x-registration-token';

/** Positions now for the waitlisted rows of one page (exact at any size: store.currentPositions). */
async function withPositions(session: number, items: Registration[]): Promise<RegistrationView[]> {
  const out = items.map((reg) => ({ ...toView(reg), waitlistPosition: undefined as number | undefined }));
  for (const mode of MODES) {
    const seqs = items.filter((x) => x.attendance === mode && x.status === 'waitlisted' && x.waitSeq !== undefined).map((x) => x.waitSeq!);
    if (seqs.length === 0) continue;
    const positions = await currentPositions(session, mode, seqs);
    items.forEach((reg, i) => {
      if (reg.attendance === mode && reg.status === 'waitlisted') out[i].waitlistPosition = positions.get(reg.waitSeq!);
    });
  }
  return out;
}

export const handler = httpApi([
  implement(r.register, async ({ params, body, lang, headers, context }) => {
    const budget = budgetOf(context);
    const session = await patiently('session', () => getSession(params.number), budget);
    const now = clock.now();
    assertWindowOpen(session, now, lang);
    assertModeOffered(session, body.attendance);
    const idempotencyKey = headers[IDEMPOTENCY_HEADER];
    if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
      throw new RuleBroken('error.validation', {}, [{ path: IDEMPOTENCY_HEADER, key: 'rule.registration.idempotencyKey' }]);
    }
    // The token goes only into the emailed link (issue 13): whoever answers this
    // response has not yet shown they own the address.
    const { registration } = await register(session, body, now, { budget, idempotencyKey });
    countMetric(registration.status === 'waitlisted' ? 'RegistrationWaitlisted' : 'RegistrationConfirmed');
    return reply(201, {
      id: registration.id,
      status: registration.status,
      waitlistPosition: registration.waitlistPosition,
      confirmationCode: registration.confirmationCode,
      holdUntil: registration.holdUntil,
      verified: !!registration.verifiedAt,
    });
  }),
  implement(r.info, async ({ params, context }) => {
    const budget = budgetOf(context);
    const session = await patiently('session', () => getSession(params.number), budget);
    const now = clock.now();
    const { opensAt, closesAt, capacity } = session.registration;
    const modes = Object.fromEntries(
      await Promise.all(
        MODES.map(async (mode) => {
          const counter = capacity[mode] > 0 ? await patiently('counter', () => readCounter(session.number, mode), budget) : { confirmed: 0, waiting: 0 };
          return [mode, { offered: capacity[mode] > 0, capacity: capacity[mode], available: Math.max(0, capacity[mode] - counter.confirmed), waiting: counter.waiting }];
        }),
      ),
    );
    const days = retentionDays();
    return {
      sessionNumber: session.number,
      opensAt,
      closesAt,
      open: now.getTime() >= Date.parse(opensAt) && now.getTime() < Date.parse(closesAt),
      modes,
      retentionDays: days,
      deleteAfter: new Date(expiryOf(session, days) * 1000).toISOString(),
      holdMinutes: holdMinutes(),
    };
  }),
  implement(r.get, async ({ params, headers, context }) => {
    const budget = budgetOf(context);
    const reg = await patiently('registration', () => getRegistration(params.id), budget);
    assertToken(reg, headers[TOKEN]);
    return { ...toView(reg), waitlistPosition: await patiently('position', () => currentPosition(reg), budget) };
  }),
  implement(r.verify, async ({ params, headers, context }) => {
    const budget = budgetOf(context);
    assertToken(await patiently('registration', () => getRegistration(params.id), budget), headers[TOKEN]);
    const reg = await verify(params.id, clock.now(), { budget });
    return { ...toView(reg), waitlistPosition: await patiently('position', () => currentPosition(reg), budget) };
  }),
  implement(r.cancel, async ({ params, headers, context }) => {
    const budget = budgetOf(context);
    assertToken(await patiently('registration', () => getRegistration(params.id), budget), headers[TOKEN]);
    const { registration } = await cancel(params.id, clock.now(), { budget });
    return toView(registration);
  }),
  implement(r.qr, async ({ params, headers, context }) => {
    const reg = await patiently('registration', () => getRegistration(params.id), budgetOf(context));
    assertToken(reg, headers[TOKEN]);
    if (reg.status !== 'confirmed') throw new Conflict('registration.notConfirmed', { status: reg.status });
    return reply(200, await qrSvg(reg.confirmationCode), { 'content-type': 'image/svg+xml; charset=utf-8' });
  }),
  implement(r.checkIn, async ({ params, body, context }) => {
    const budget = budgetOf(context);
    await patiently('session', () => getSession(params.number), budget);
    const reg = await checkIn(params.number, body.confirmationCode, clock.now(), { budget });
    return { checkedIn: true, checkedInAt: reg.checkedInAt, registration: toView(reg) };
  }),
  implement(r.list, async ({ params, query, headers, context }) => {
    const budget = budgetOf(context);
    const session = await patiently('session', () => getSession(params.number), budget);
    const csv = /\btext\/csv\b/i.test(headers.accept ?? '');
    const start = query.cursor === undefined ? undefined : decodeCursor(session.number, query.cursor);
    if (query.cursor !== undefined && !start) throw new RuleBroken('error.validation', {}, [{ path: 'cursor', key: 'rule.registration.cursor' }]);
    const limit = query.limit ?? (csv ? 1000 : 200);
    const page = await patiently('list', () => listRegistrationsPage(session.number, { limit, start }), budget);
    const items = await patiently('positions', () => withPositions(session.number, page.items), budget);
    if (csv) {
      const next: Record<string, string> = page.next ? { 'x-next-cursor': page.next, link: `</api/sessions/${session.number}/registrations?cursor=${page.next}&limit=${limit}>; rel="next"` } : {};
      return reply(200, attendeesCsv(items, !start), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="registrations-${session.number}.csv"`,
        'access-control-expose-headers': 'x-next-cursor, link',
        ...next,
      });
    }
    const counters = await patiently('counters', () => readCounters(session.number), budget);
    return { items, counts: countsFromCounters(session, counters), ...(page.next ? { nextCursor: page.next } : {}) };
  }),
]);
