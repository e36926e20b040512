// The HTTP contract of Periods of Sessions (shared/API.md).
import * as z from 'zod/mini';
import { defineRoute } from '../shared/route';
import { intParam } from '../shared/validation';
import { SessionInput } from './session';

const byNumber = z.object({ number: intParam });

export const sessionRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    auth: 'public',
    summary: 'Liveness of the API',
    responses: { 200: { description: '{ status: "ok" }' } },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/sessions',
    auth: 'public',
    summary: 'Periods of Sessions ordered by number',
    responses: { 200: { description: '{ items: [Session] }' } },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/sessions/{number}',
    auth: 'public',
    summary: 'One Period of Sessions',
    params: byNumber,
    responses: { 200: { description: 'Session', schema: SessionInput }, 404: { description: 'Unknown number' } },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/sessions',
    auth: ['secretariat'],
    summary: 'Open a Period of Sessions',
    body: SessionInput,
    responses: { 201: { description: 'Session', schema: SessionInput }, 409: { description: 'Number already used' }, 422: { description: 'Field errors' } },
  }),
} as const;
