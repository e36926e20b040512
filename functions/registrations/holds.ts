// The sweep of unverified holds (issue 13): a registration holds its seat or place until
// `holdUntil`; if the emailed link was not opened by then, it expires and its seat passes
// to the next in line (the same promotion as a cancel). In AWS an EventBridge Scheduler
// rate schedule invokes this every minute (functions/manifest.ts `every`); locally a
// background job does (local/background.ts). The registration path also expires due
// holds lazily when a mode is full, so a seat frees even between two sweeps.
// Why not one schedule per hold (like the ballot closer)? A burst of a thousand
// registrations would create a thousand schedules at Scheduler's API rate; the hold items
// are bucketed by hour, so a sweep is a handful of Queries, never a Scan.
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { clock } from '../shared/clock';
import { logger } from '../shared/logger';
import { budgetOf } from '../shared/retry';
import { expireDue, releaseStaleReservations } from './store';
import { lazySchema } from '../shared/lazy';

/**
 * The schedule's event. The stack's rate schedule sends none (the last 48 hour buckets
 * are read); the local stand-in names the hours since its previous tick, so a quiet tick
 * is a couple of Queries. Anything else is ignored, never an error: the sweep still runs.
 */
const SweepEvent = lazySchema(() => z.object({ hours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(48))) }));

// The same sweep gives back seats and tickets whose registration request died between
// taking them and storing the registration (issue 12; store.ts "reservations in flight").
export const handler = async (event: unknown, context?: Context): Promise<{ expired: number; released: number }> => {
  const parsed = SweepEvent.safeParse(event);
  const hours = parsed.success ? parsed.data.hours : undefined;
  const budget = budgetOf(context);
  const now = clock.now();
  const expired = await expireDue(now, { budget, limit: 500, hours });
  if (expired > 0) logger.info('holds expired', { expired });
  const released = await releaseStaleReservations(now, { budget });
  if (released > 0) logger.warn('stale reservations given back', { released });
  return { expired, released };
};
