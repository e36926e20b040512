// The HTTP contract of registration to attend (shared/API.md "Registration to attend").
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam, rule } from '../shared/validation';
import { CODE_ALPHABET, CODE_LENGTH, MODES, RegistrationInput, STATUSES, normaliseCode } from './registration';

const bySession = z.object({ number: intParam });
const byId = z.object({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: rule('rule.registration.id') })) });
const codePattern = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export const CheckInInput = z.object({
  confirmationCode: z.pipe(
    z.string().check(z.maxLength(40)),
    z.pipe(z.transform(normaliseCode), z.string().check(z.regex(codePattern, { message: rule('rule.registration.code') }))),
  ),
});

const Registered = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  waitlistPosition: z.optional(z.int()),
  confirmationCode: z.string(),
  token: z.string(),
});
const Counts = z.record(z.enum(MODES), z.object({ capacity: z.int(), confirmed: z.int(), waitlisted: z.int(), cancelled: z.int(), checkedIn: z.int() }));

const TOKEN_HEADER = 'x-registration-token';

export const registrationRoutes = {
  register: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/registrations',
    auth: 'public',
    summary: 'Register to attend a Period of Sessions (confirmed while seats last, else waitlisted)',
    params: bySession,
    body: RegistrationInput,
    responses: {
      201: { description: 'Registered: keep the token, it is shown once', schema: Registered },
      404: { description: 'Unknown session' },
      409: { description: 'An active registration with this email exists' },
      422: { description: 'Window closed, mode not offered, or field errors' },
    },
  }),
  info: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/registration-info',
    auth: 'public',
    summary: 'What the registration form needs: window, modes offered, seats left, retention',
    params: bySession,
    responses: { 200: { description: '{ sessionNumber, opensAt, closesAt, open, modes, retentionDays, deleteAfter }' }, 404: { description: 'Unknown session' } },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/registrations/{id}',
    auth: 'public',
    summary: 'One registration, for the holder of its token',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: { 200: { description: 'Registration' }, 401: { description: 'No token' }, 403: { description: 'Wrong token' }, 404: { description: 'Unknown id' } },
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/registrations/{id}/cancel',
    auth: 'public',
    summary: 'Cancel a registration (with its token); the first waitlisted of that mode takes the seat',
    params: byId,
    headers: [TOKEN_HEADER],
    responses: {
      200: { description: 'Registration, status cancelled' },
      401: { description: 'No token' },
      403: { description: 'Wrong token' },
      404: { description: 'Unknown id' },
      409: { description: 'Already cancelled or checked in' },
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
      401: { description: 'No token' },
      403: { description: 'Wrong token' },
      404: { description: 'Unknown id' },
      409: { description: 'Not confirmed' },
    },
  }),
  checkIn: defineRoute({
    method: 'POST',
    path: '/api/sessions/{number}/check-ins',
    auth: ['secretariat'],
    summary: 'Check an attendee in by confirmation code',
    params: bySession,
    body: CheckInInput,
    responses: {
      200: { description: '{ checkedIn: true, checkedInAt, registration }' },
      404: { description: 'No registration with this code' },
      409: { description: 'Already checked in, or not confirmed' },
    },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}/registrations',
    auth: ['secretariat'],
    summary: 'Attendees of a session with counts per mode and status; Accept: text/csv for a CSV file',
    params: bySession,
    headers: ['accept'],
    responses: {
      200: { description: '{ items, counts } or CSV (UTF-8 with BOM)', schema: z.object({ counts: Counts }) },
      404: { description: 'Unknown session' },
    },
  }),
} as const;
