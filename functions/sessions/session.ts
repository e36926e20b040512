// Periods of Sessions: the schema, the rules between fields, and the questions other
// contexts ask of a session (is the request window open now? is registration open?).
import * as z from 'zod/mini';
import { type FieldIssue, RuleBroken } from '../shared/errors';
import { instant, isoDate, rule, timeZone, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

export const FORMATS = ['in_person', 'online', 'hybrid'] as const;

const window = lazySchema(() => z.object({ opensAt: instant, closesAt: instant }));
const hhmm = lazySchema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: rule('rule.session.hhmm') })));
const seats = lazySchema(() => z.int().check(z.minimum(0), z.maximum(1_000_000)));

export const SessionInput = lazySchema(() => z.object({
  number: z.int().check(z.minimum(1), z.maximum(999_999)),
  title: trimmed(200),
  startDate: isoDate,
  endDate: isoDate,
  timeZone,
  format: z.enum(FORMATS),
  location: z.optional(trimmed(200)),
  requestWindow: window,
  registration: z.object({
    opensAt: instant,
    closesAt: instant,
    capacity: z.object({ in_person: seats, online: seats }),
  }),
  hearingDays: z.array(isoDate).check(z.maxLength(60)),
  slotMinutes: z.int().check(z.minimum(15), z.maximum(240)),
  rooms: z.array(trimmed(80)).check(z.minLength(1), z.maxLength(20)),
  /** Working hours of a hearing day, local to timeZone; an addition to the contract. */
  workingHours: z.optional(z.object({ start: hhmm, end: hhmm })),
}));
export type SessionInput = z.infer<typeof SessionInput>;
export type Session = Omit<SessionInput, 'workingHours'> & { workingHours: { start: string; end: string } };

export const DEFAULT_WORKING_HOURS = { start: '09:00', end: '17:00' };

const iso = (value: string) => new Date(value).toISOString();

/** Checks the rules between fields and returns the session as stored (instants in UTC). */
export function toSession(input: SessionInput): Session {
  const issues: FieldIssue[] = [];
  if (input.endDate < input.startDate) issues.push({ path: 'endDate', key: 'rule.session.endBeforeStart' });
  if (Date.parse(input.requestWindow.opensAt) >= Date.parse(input.requestWindow.closesAt)) {
    issues.push({ path: 'requestWindow.closesAt', key: 'rule.session.windowOrder' });
  }
  if (Date.parse(input.requestWindow.closesAt) > Date.parse(`${input.startDate}T00:00:00Z`)) {
    issues.push({ path: 'requestWindow.closesAt', key: 'rule.session.requestWindowAfterStart' });
  }
  if (Date.parse(input.registration.opensAt) >= Date.parse(input.registration.closesAt)) {
    issues.push({ path: 'registration.closesAt', key: 'rule.session.windowOrder' });
  }
  input.hearingDays.forEach((day, i) => {
    if (day < input.startDate || day > input.endDate) issues.push({ path: `hearingDays.${i}`, key: 'rule.session.dayOutside' });
  });
  const workingHours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  if (workingHours.start >= workingHours.end) issues.push({ path: 'workingHours.end', key: 'rule.session.hoursOrder' });
  if (issues.length > 0) throw new RuleBroken('error.validation', {}, issues);
  return {
    ...input,
    workingHours,
    requestWindow: { opensAt: iso(input.requestWindow.opensAt), closesAt: iso(input.requestWindow.closesAt) },
    registration: { ...input.registration, opensAt: iso(input.registration.opensAt), closesAt: iso(input.registration.closesAt) },
    hearingDays: [...new Set(input.hearingDays)].sort(),
  };
}

const within = (w: { opensAt: string; closesAt: string }, now: Date) =>
  now.getTime() >= Date.parse(w.opensAt) && now.getTime() < Date.parse(w.closesAt);

export const isRequestWindowOpen = (session: Session, now: Date) => within(session.requestWindow, now);
export const isRegistrationOpen = (session: Session, now: Date) => within(session.registration, now);
