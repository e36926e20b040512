// The HTTP contract of Periods of Sessions (shared/API.md).
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam } from '../shared/validation';
import { SessionInput } from './session';
import { lazySchema } from '../shared/lazy';

const byNumber = lazySchema(() => z.object({ number: intParam }));

/** A Period of Sessions as the API answers it: the input, with working hours always set. */
export const SessionView = lazySchema(() => z.extend(SessionInput, { workingHours: z.object({ start: z.string(), end: z.string() }) }));
export type SessionView = z.infer<typeof SessionView>;
export const SessionList = lazySchema(() => z.object({ items: z.array(SessionView) }));

export const sessionRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    auth: 'public',
    summary: 'Liveness of the API',
    responses: { 200: { description: '{ status: "ok" }', schema: lazySchema(() => z.object({ status: z.literal('ok') })) } },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/sessions',
    auth: 'public',
    summary: 'Periods of Sessions ordered by number',
    responses: { 200: { description: '{ items: [Session] }', schema: SessionList } },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}',
    auth: 'public',
    summary: 'One Period of Sessions',
    params: byNumber,
    responses: { 200: { description: 'Session', schema: SessionView }, 404: { description: 'Unknown number' } },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/sessions',
    auth: ['secretariat'],
    summary: 'Open a Period of Sessions',
    body: SessionInput,
    rules: ['endDate is not before startDate', 'the request window opens before it closes', 'registration opens before it closes', 'hearingDays fall between startDate and endDate'],
    responses: {
      201: {
        description: 'Session',
        schema: SessionView,
        links: {
          session: { operation: 'GET /api/sessions/{number}', parameters: { number: '$response.body#/number' } },
          registrationInfo: { operation: 'GET /api/sessions/{number}/registration-info', parameters: { number: '$response.body#/number' } },
          propose: { operation: 'POST /api/sessions/{number}/schedule/proposals', parameters: { number: '$response.body#/number' } },
        },
      },
      409: { description: 'Number already used' },
      422: { description: 'Field errors' },
    },
  }),
} as const;
