// The secretariat's view of a session's attendees: counts per mode and status, and the
// CSV export (csv-stringify: RFC 4180 quoting; a UTF-8 BOM so spreadsheets read accents).
import { stringify } from 'csv-stringify/sync';
import type { Session } from '../sessions/session';
import { MODES, type Mode, type Registration, type RegistrationView, toView } from './registration';

export interface ModeCounts {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
}

export function countsOf(session: Session, items: RegistrationView[]): Record<Mode, ModeCounts> {
  const counts = Object.fromEntries(
    MODES.map((m) => [m, { capacity: session.registration.capacity[m], confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 }]),
  ) as Record<Mode, ModeCounts>;
  for (const r of items) {
    counts[r.attendance][r.status] += 1;
    if (r.checkedInAt) counts[r.attendance].checkedIn += 1;
  }
  return counts;
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

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is defused with a quote. */
const defuse = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

export const BOM = '\uFEFF';

export function attendeesCsv(items: RegistrationView[]): string {
  const rows = items.map((r) => CSV_COLUMNS.map((c) => defuse(r[c as keyof RegistrationView])));
  // Any line break is quoted, not only the record delimiter (CRLF): a bare LF in a note
  // would otherwise split the row in some readers.
  return BOM + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
