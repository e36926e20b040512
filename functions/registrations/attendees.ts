// The secretariat's view of a session's attendees: counts per mode and status, and the
// CSV export (csv-stringify: RFC 4180 quoting; a UTF-8 BOM so spreadsheets read accents).
import { BOM, csvText, defuse } from '../shared/csv';

export { BOM };
import type { Session } from '../sessions/session';
import { MODES, type Mode, type Registration, type RegistrationView, toView } from './registration';

export interface ModeCounts {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  expired: number;
  checkedIn: number;
}

/** Counts of a set of registrations in hand (tests; the list uses the counters below). */
export function countsOf(session: Session, items: RegistrationView[]): Record<Mode, ModeCounts> {
  const counts = Object.fromEntries(
    MODES.map((m) => [m, { capacity: session.registration.capacity[m], confirmed: 0, waitlisted: 0, cancelled: 0, expired: 0, checkedIn: 0 }]),
  ) as Record<Mode, ModeCounts>;
  for (const r of items) {
    counts[r.attendance][r.status] += 1;
    if (r.checkedInAt) counts[r.attendance].checkedIn += 1;
  }
  return counts;
}

/** Counts kept with the data (the mode counters): exact at any size, two reads a mode. */
export function countsFromCounters(session: Session, counters: Record<Mode, { confirmed: number; waiting: number; cancelled: number; expired: number; checkedIn: number }>): Record<Mode, ModeCounts> {
  return Object.fromEntries(
    MODES.map((m) => {
      const c = counters[m];
      return [m, { capacity: session.registration.capacity[m], confirmed: c.confirmed, waitlisted: c.waiting, cancelled: c.cancelled, expired: c.expired, checkedIn: c.checkedIn }];
    }),
  ) as Record<Mode, ModeCounts>;
}

/**
 * The secretariat's list: each waitlisted registration with its position now (people
 * ahead of it may have been promoted or have cancelled since it joined).
 */
export function attendeeViews(items: Registration[]): RegistrationView[] {
  const ahead = new Map<string, number>();
  for (const mode of MODES) {
    items
      .filter((r) => r.attendance === mode && r.status === 'waitlisted')
      .sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0))
      .forEach((r, i) => ahead.set(r.id, i + 1));
  }
  return items.map((r) => ({ ...toView(r), waitlistPosition: ahead.get(r.id) }));
}

export const CSV_COLUMNS = [
  'confirmationCode',
  'status',
  'attendance',
  'waitlistPosition',
  'name',
  'email',
  'organization',
  'country',
  'language',
  'accessibilityNeeds',
  'consentToPublish',
  'createdAt',
  'checkedInAt',
  'cancelledAt',
] as const;

export function attendeesCsv(items: RegistrationView[], first = true): string {
  return csvText(CSV_COLUMNS, items.map((r) => CSV_COLUMNS.map((c) => defuse(r[c as keyof RegistrationView]))), first);
}
