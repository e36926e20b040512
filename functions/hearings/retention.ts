// How long hearing requests are kept after their Period (README "Retention"): read by the
// purge (purge.ts) and the stack's backstop lifecycle rule (lib/documents.ts).
export const DEFAULT_RETENTION_YEARS = 5;

/** The instant a Period's requests are due for purging: the end of its last day plus the years. */
export function purgeDueAt(endDate: string, years: number): Date {
  const end = new Date(`${endDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}

/** The Periods whose requests are due at `now`. */
export const periodsDue = (sessions: readonly { number: number; endDate: string }[], now: Date, years: number): number[] =>
  sessions.filter((s) => purgeDueAt(s.endDate, years) <= now).map((s) => s.number);

