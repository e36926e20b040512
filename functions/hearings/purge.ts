// Retention (issue 15): hearing requests, with their supporting documents and the read
// records of their confidential names, are purged RETENTION_YEARS after the end of the
// Period they belong to (DOCKET_RETENTION_YEARS, default 5: README "Retention" says
// why). A daily EventBridge Scheduler schedule invokes this function; it is a job and
// not DynamoDB TTL because the documents live in S3 and go at the same time, and
// because the local runtime keeps TTL off (its clock can be moved). Sessions and the
// published schedule stay: they are the Commission's public record, without requests.
import * as z from 'zod/mini';
import { clock } from '../shared/clock';
import { readConfig, withDefault } from '../shared/config';
import { logger } from '../shared/logger';
import { listSessions } from '../sessions/store';
import { requestPrefix } from './documents';
import { removePrefix } from './documents-bucket';
import { deleteRequestItems, requestIdsOfSession } from './documents-store';
import { DEFAULT_RETENTION_YEARS, periodsDue } from './retention';
import { deleteHearingItems } from '../hearing-day/store';
import { lazySchema } from '../shared/lazy';


const config = readConfig({
  DOCKET_RETENTION_YEARS: withDefault(String(DEFAULT_RETENTION_YEARS), /^[1-9]\d?$/),
});

/** `sessions` limits a run to those Periods (an operator's targeted run; the schedule sends none). */
const PurgeEvent = lazySchema(() => z.object({ sessions: z.optional(z.array(z.int())) }));

export async function handler(event: unknown): Promise<{ periods: number; requests: number; items: number; objects: number }> {
  const parsed = PurgeEvent.safeParse(event ?? {});
  const only = parsed.success ? parsed.data.sessions : undefined;
  const now = clock.now();
  const years = Number(config.DOCKET_RETENTION_YEARS);
  const due = periodsDue(await listSessions(), now, years).filter((n) => !only || only.includes(n));
  const totals = { periods: due.length, requests: 0, items: 0, objects: 0 };
  for (const number of due) {
    for (const id of await requestIdsOfSession(number)) {
      // The bytes first: a request whose items are gone could not name them any more.
      totals.objects += await removePrefix(requestPrefix(id));
      // The hearing day's items too (issue 16: a passcode, the State delegates' names),
      // before the request, whose item is how an interrupted run finds them again.
      totals.items += await deleteHearingItems(id);
      totals.items += await deleteRequestItems(id);
      totals.requests++;
    }
  }
  logger.info('hearing requests purged', { ...totals, years, sessions: due });
  return totals;
}
