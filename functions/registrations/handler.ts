// Lambda adapter for registration to attend: thin routes over the rules and the store.
import { getSession } from '../sessions/store';
import { clock } from '../shared/clock';
import { Conflict } from '../shared/errors';
import { httpApi } from '../shared/http';
import { countMetric } from '../shared/metrics';
import { implement, reply } from '../shared/route';
import { attendeeViews, attendeesCsv, countsOf } from './attendees';
import { qrSvg } from './qr';
import { assertModeOffered, assertToken, assertWindowOpen, expiryOf, MODES, toView } from './registration';
import { registrationRoutes as r } from './routes';
import { cancel, checkIn, currentPosition, getRegistration, listRegistrations, patientRead, readCounter, register, retentionDays } from './store';

const TOKEN = 'x-registration-token';

export const handler = httpApi([
  implement(r.register, async ({ params, body, lang }) => {
    const session = await patientRead(() => getSession(params.number));
    const now = clock.now();
    assertWindowOpen(session, now, lang);
    assertModeOffered(session, body.attendance);
    const { registration, token } = await register(session, body, now);
    countMetric(registration.status === 'waitlisted' ? 'RegistrationWaitlisted' : 'RegistrationConfirmed');
    return reply(201, {
      id: registration.id,
      status: registration.status,
      waitlistPosition: registration.waitlistPosition,
      confirmationCode: registration.confirmationCode,
      token,
    });
  }),
  implement(r.info, async ({ params }) => {
    const session = await getSession(params.number);
    const now = clock.now();
    const { opensAt, closesAt, capacity } = session.registration;
    const modes = Object.fromEntries(
      await Promise.all(
        MODES.map(async (mode) => {
          const counter = capacity[mode] > 0 ? await readCounter(session.number, mode) : { confirmed: 0, waiting: 0 };
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
    };
  }),
  implement(r.get, async ({ params, headers }) => {
    const reg = await getRegistration(params.id);
    assertToken(reg, headers[TOKEN]);
    return { ...toView(reg), waitlistPosition: await currentPosition(reg) };
  }),
  implement(r.cancel, async ({ params, headers }) => {
    assertToken(await getRegistration(params.id), headers[TOKEN]);
    const { registration } = await cancel(params.id, clock.now());
    return toView(registration);
  }),
  implement(r.qr, async ({ params, headers }) => {
    const reg = await getRegistration(params.id);
    assertToken(reg, headers[TOKEN]);
    if (reg.status !== 'confirmed') throw new Conflict('registration.notConfirmed', { status: reg.status });
    return reply(200, await qrSvg(reg.confirmationCode), { 'content-type': 'image/svg+xml; charset=utf-8' });
  }),
  implement(r.checkIn, async ({ params, body }) => {
    await getSession(params.number);
    const reg = await checkIn(params.number, body.confirmationCode, clock.now());
    return { checkedIn: true, checkedInAt: reg.checkedInAt, registration: toView(reg) };
  }),
  implement(r.list, async ({ params, headers }) => {
    const session = await getSession(params.number);
    const items = attendeeViews(await listRegistrations(session.number));
    if (/\btext\/csv\b/i.test(headers.accept ?? '')) {
      return reply(200, attendeesCsv(items), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="registrations-${session.number}.csv"`,
      });
    }
    return { items, counts: countsOf(session, items) };
  }),
]);
