// Registration to attend: the schema of the public form, the secrets (confirmation code
// and manage token), and the pure rules (window open, mode offered, retention).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { Forbidden, RuleBroken, Unauthorized } from '../shared/errors';
import { LANGS, type Lang } from '../shared/messages';
import type { Session } from '../sessions/session';
import { rule, trimmed } from '../shared/validation';
import { lazySchema } from '../shared/lazy';

export const MODES = ['in_person', 'online'] as const;
export type Mode = (typeof MODES)[number];
/** 'expired': a hold the person never verified (issue 13); added after 'cancelled', never renamed. */
export const STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'expired'] as const;
export type Status = (typeof STATUSES)[number];

// Built on first use: loading ICU's region names costs milliseconds of every cold start.
let regionNames: Intl.DisplayNames | undefined;
const isRegion = (code: string) => {
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') return false;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  const name = regionNames.of(code);
  return name !== code && name !== 'Unknown Region';
};

export const RegistrationInput = lazySchema(() => z.object({
  name: trimmed(200),
  email: z.string().check(z.trim(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: rule('rule.registration.email') })),
  organization: z.optional(trimmed(200)),
  country: z.string().check(z.refine(isRegion, { message: rule('rule.registration.country') })),
  attendance: z.enum(MODES),
  language: z.enum(LANGS),
  accessibilityNeeds: z.optional(trimmed(1000)),
  consentToPublish: z.boolean(),
}));
export type RegistrationInput = z.infer<typeof RegistrationInput>;

/** What the store keeps (the token only as its SHA-256). */
export interface Registration extends RegistrationInput {
  id: string;
  sessionNumber: number;
  status: Status;
  confirmationCode: string;
  tokenHash: string;
  createdAt: string;
  /** Order on the waiting list (first come, first served); kept after promotion. */
  waitSeq?: number;
  /** Position on the waiting list when it was joined. */
  waitlistPosition?: number;
  promotedAt?: string;
  cancelledAt?: string;
  /** Until the person opens the emailed link, the seat or place is only held until then. */
  holdUntil?: string;
  /** When the person proved the address (opened the emailed link). */
  verifiedAt?: string;
  expiredAt?: string;
  checkedInAt?: string;
  /** The id of the check-in attempt that landed (store.checkIn): internal, never in a view. */
  checkInId?: string;
  /** Epoch seconds: DynamoDB TTL deletes the record then. */
  expiresAt: number;
}

/** The view the attendee and the secretariat get: never the token hash. */
export type RegistrationView = Omit<Registration, 'tokenHash' | 'waitSeq' | 'checkInId'>;
export const toView = ({ tokenHash, waitSeq, checkInId, ...rest }: Registration): RegistrationView => rest;

// Confirmation codes: read aloud at a door and typed on a phone, so no look-alikes
// (0/O, 1/I). 32 symbols = 5 bits a symbol, so `byte & 31` is unbiased: 40 bits a code.
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export function newConfirmationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}

/** What a person types at check-in: case and separators do not matter. */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

/** 256 random bits, base64url: the manage link's secret. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time: hashing first gives equal lengths, and timingSafeEqual leaks no prefix. */
export function tokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The guard key of "one active registration per email per session": never the email itself. */
export const normaliseEmail = (email: string) => email.trim().normalize('NFC').toLowerCase();
export const emailHash = (session: number, email: string) => createHash('sha256').update(`${session}\n${normaliseEmail(email)}`, 'utf8').digest('hex');

export function formatWhen(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** Registration is open between the session's registration.opensAt and closesAt. */
export function assertWindowOpen(session: Session, now: Date, lang: Lang): void {
  const { opensAt, closesAt } = session.registration;
  const params = { session: session.number, opensAt: formatWhen(opensAt, session.timeZone, lang), closesAt: formatWhen(closesAt, session.timeZone, lang) };
  if (now.getTime() < Date.parse(opensAt)) throw new RuleBroken('registration.windowNotOpen', params);
  if (now.getTime() >= Date.parse(closesAt)) throw new RuleBroken('registration.windowClosed', params);
}

/** A mode with capacity 0 is not offered; the message says what the session does offer. */
export function assertModeOffered(session: Session, mode: Mode): void {
  const { capacity } = session.registration;
  if (capacity[mode] > 0) return;
  const key =
    capacity.in_person === 0 && capacity.online === 0
      ? 'registration.noPublicAttendance'
      : capacity.online > 0
        ? 'registration.onlineOnly'
        : 'registration.inPersonOnly';
  throw new RuleBroken(key, { session: session.number }, [{ path: 'attendance', key, params: { session: session.number } }]);
}

export const DAY_SECONDS = 24 * 3600;

/** Attendee records expire `retentionDays` after the last day of the session. */
export function expiryOf(session: Session, retentionDays: number): number {
  const dayAfterEnd = Date.parse(`${session.endDate}T00:00:00Z`) / 1000 + DAY_SECONDS;
  return dayAfterEnd + retentionDays * DAY_SECONDS;
}

/** Only the holder of the token sees or changes a registration. */
export function assertToken(reg: Registration, token: string | undefined): void {
  if (!token) throw new Unauthorized('registration.tokenMissing');
  if (!tokenMatches(token, reg.tokenHash)) throw new Forbidden('registration.tokenWrong');
}
