// Where each seat's notices go and in which language. Seats, not people (DESIGN.md §2):
// the mailbox of a seat is configuration, read once at cold start; without it the seats'
// development mailboxes (local/users.ts) are used.
import * as z from 'zod/mini';
import { COMMISSIONERS } from '../shared/commissioners';
import { optional, readConfig } from '../shared/config';
import { LANGS, type Lang } from '../shared/messages';
import { lazySchema } from '../shared/lazy';

export interface Seat {
  email: string;
  language: Lang;
}

const Directory = lazySchema(() => z.record(z.string(), z.object({ email: z.email(), language: z.enum(LANGS) })));

const config = readConfig({
  /** JSON: { "c-mx": { "email": "...", "language": "es" }, ... } */
  EVOTE_SEATS: optional(2),
});

// The language each seat's member reads, by nationality (the member may change it in
// EVOTE_SEATS).
const defaultLanguage: Record<string, Lang> = { MX: 'es', CL: 'es', BR: 'pt', JM: 'en', PA: 'es', PE: 'es', GT: 'es' };

const configured = config.EVOTE_SEATS ? Directory.parse(JSON.parse(config.EVOTE_SEATS)) : {};

export function seatOf(commissionerId: string): Seat | undefined {
  const c = COMMISSIONERS.find((x) => x.id === commissionerId);
  if (!c) return undefined;
  return configured[c.id] ?? { email: `commissioner.${c.nationality.toLowerCase()}@example.org`, language: defaultLanguage[c.nationality] ?? 'en' };
}
