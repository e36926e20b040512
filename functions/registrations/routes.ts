// The HTTP contract of registration to attend (shared/API.md "Registration to attend").
// Response schemas are the views the handler answers with (docs/openapi.ts turns them
// into the OpenAPI document).
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { CODE_ALPHABET, CODE_LENGTH, MODES, RegistrationInput, STATUSES, normaliseCode } from './registration';
import { lazySchema } from '../shared/lazy';

const bySession = lazySchema(() => z.object({ number: intParam }));
const byId = lazySchema(() => z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.registration.id') })) }));
const codePattern = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export const CheckInInput = lazySchema(() => z.object({
  confirmationCode: z.pipe(
    z.string().check(z.maxLength(40)),
    z.pipe(z.transform(normaliseCode), z.string().check(z.regex(codePattern, { message: rule('rule.registration.code') }))),
  ),
}));

/** A page of the secretariat's list: `limit` rows from `cursor` (the previous page's nextCursor). */
export const ListQuery = lazySchema(() => z.object({
  cursor: z.optional(z.string().check(z.maxLength(1000), z.regex(/^[A-Za-z0-9_-]+$/, { message: rule('rule.registration.cursor') }))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/, { message: rule('rule.integer') })),
      z.pipe(z.transform(Number), z.int().check(z.minimum(1), z.maximum(2000))),
    ),
  ),
}));

/** Idempotency-Key: a repeat of a request with the same key gets the first answer. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,64}$/;

const Registered = lazySchema(() => z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  waitlistPosition: z.optional(z.int()),
  confirmationCode: z.string(),
  /** Until when the seat or place is held unless the emailed link is opened. */
  holdUntil: z.optional(z.string()),
  /** True when the email address is proven (the emailed link was opened). */
  verified: z.boolean(),
}));

export const RegistrationViewSchema = lazySchema(() => z.object({
  id: z.string(),
  sessionNumber: z.int(),
  status: z.enum(STATUSES),
  name: z.string(),
  email: z.string(),
  organization: z.optional(z.string()),
  country: z.string(),
  attendance: z.enum(MODES),
  language: z.string(),
  accessibilityNeeds: z.optional(z.string()),
  consentToPublish: z.boolean(),
  confirmationCode: z.string(),
  createdAt: z.string(),
  waitlistPosition: z.optional(z.int()),
  holdUntil: z.optional(z.string()),
  verifiedAt: z.optional(z.string()),
  promotedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  expiredAt: z.optional(z.string()),
  checkedInAt: z.optional(z.string()),
  expiresAt: z.int(),
}));

const RegistrationInfoSchema = lazySchema(() => z.object({
  sessionNumber: z.int(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  modes: z.record(z.enum(MODES), z.object({ offered: z.boolean(), capacity: z.int(), available: z.int(), waiting: z.int() })),
  retentionDays: z.int(),
  deleteAfter: z.string(),
  holdMinutes: z.int(),
}));

/** The answers' types, for the pages (`import type`: no schema reaches the bundle). */
export type Registered = z.infer<typeof Registered>;
export type RegistrationView = z.infer<typeof RegistrationViewSchema>;
export type RegistrationInfo = z.infer<typeof RegistrationInfoSchema>;

const Counts = lazySchema(() => z.record(z.enum(MODES), z.object({ capacity: z.int(), confirmed: z.int(), waitlisted: z.int(), cancelled: z.int(), expired: z.int(), checkedIn: z.int() })));

const TOKEN_HEADER = 'x-registration-token';
/** What every route opened by the registration token may answer besides its own. */
const tokenRefusals = { 401: { description: 'No token' }, 403: { description: 'Wrong token' }, 404: { description: 'Unknown id' } } as const;

export const registrationRoutes = {
  register: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/registrations',
    auth: 'public',
    summary:
      'Register to attend a Period of Sessions (confirmed while seats last, else waitlisted). The seat or place is held until holdUntil ' +
      '(DOCKET_REGISTRATION_HOLD_MINUTES, default 30) and then released unless the link emailed to the address is opened (POST /api/registrations/{id}/verify). ' +
      'The manage token travels only in that email, never in this response. A repeat of a request (same Idempotency-Key header, or the very same form) ' +
      'is answered with the registration it made, so a retry after a lost answer never meets 409 (the very same form without a key: within 2 minutes, ' +
      'since a form is no secret and the answer carries the confirmation code).',
    params: bySession,
    body: RegistrationInput,
    headers: [IDEMPOTENCY_HEADER],
    responses: {
      201: { description: 'Registered (held until verified)', schema: Registered },
      404: { description: 'Unknown session' },
      409: { description: 'An active registration with this email exists' },
      422: { description: 'Window closed, mode not offered, or field errors' },
      503: { description: 'The store did not answer in time; nothing was stored (retry with the same Idempotency-Key)' },
    },
  }),
  info: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/registration-info',
    auth: 'public',
    summary: 'What the registration form needs: window, modes offered, seats left, retention, how long an unverified hold lasts',
    params: bySession,
    responses: {
      200: {
        description: 'Registration info',
        schema: RegistrationInfoSchema,
      },
      404: { description: 'Unknown session' },
    },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/registrations/{id}',
    auth: 'public',
    summary: 'One registration, for the holder of its token (waitlistPosition is the position now, exact at any size)',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: {
      200: { description: 'Registration', schema: RegistrationViewSchema },
      ...tokenRefusals,
    },
  }),
  verify: defineRoute({
    method: 'POST',
    path: '/api/registrations/{id}/verify',
    auth: 'public',
    summary: 'Prove the email address (the page of the emailed link calls this with its token): the held seat or place is kept for good. Verifying twice is fine.',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: {
      200: { description: 'Registration, verifiedAt set', schema: RegistrationViewSchema },
      ...tokenRefusals,
      409: { description: 'The hold expired (the place was released) or the registration is cancelled' },
    },
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/registrations/{id}/cancel',
    auth: 'public',
    summary: 'Cancel a registration (with its token); the first waitlisted of that mode takes the seat',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: {
      200: { description: 'Registration, status cancelled', schema: RegistrationViewSchema },
      ...tokenRefusals,
      409: { description: 'Already cancelled, expired or checked in' },
    },
  }),
  qr: defineRoute({
    method: 'GET',
    path: '/api/registrations/{id}/qr.svg',
    auth: 'public',
    summary: 'The QR code of the confirmation code (with the token)',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: {
      200: { description: 'SVG image', contentType: 'image/svg+xml' },
      ...tokenRefusals,
      409: { description: 'Not confirmed' },
    },
  }),
  checkIn: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/check-ins',
    auth: ['secretariat'],
    summary: 'Check an attendee in by confirmation code (only a confirmed registration whose email is verified)',
    params: bySession,
    body: CheckInInput,
    responses: {
      200: { description: 'Checked in', schema: lazySchema(() => z.object({ checkedIn: z.boolean(), checkedInAt: z.string(), registration: RegistrationViewSchema })) },
      404: { description: 'No registration with this code' },
      409: { description: 'Already checked in, not confirmed, or email not verified' },
    },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/registrations',
    auth: ['secretariat'],
    summary:
      'Attendees of a session, a page at a time in the order they registered (limit default 200 rows, 1000 for CSV; at most 2000), ' +
      'with exact counts per mode and status. Pass nextCursor back as cursor for the next page. With Accept: text/csv the page is CSV ' +
      '(UTF-8; the first page starts with a BOM and the header row) and the next page is named by the x-next-cursor header and a Link rel="next": ' +
      'the secretariat page concatenates the pages, so no response ever holds the whole export (Lambda answers at most 6 MB).',
    params: bySession,
    query: ListQuery,
    headers: ['accept'],
    responses: {
      200: {
        description: '{ items, counts, nextCursor } or a CSV page',
        schema: lazySchema(() => z.object({ items: z.array(RegistrationViewSchema), counts: Counts, nextCursor: z.optional(z.string()) })),
      },
      404: { description: 'Unknown session' },
      422: { description: 'A cursor that is not one of this list, or a limit out of range' },
    },
  }),
} as const;
