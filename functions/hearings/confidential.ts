// Confidential participants' names at rest (issue 15): before a request is stored their
// names are taken out of `participants` (left as '', as every other viewer sees them)
// and kept only sealed, in `sealedNames` (shared/envelope.ts, bound to the request id).
// They are opened only when the owner or the secretariat reads the request, and each
// such read leaves an audit item under the request: when, which role, how many names,
// never a name or who exactly (a subject is an identifier of a person).
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth';
import { tableNameOf } from '../shared/config';
import { ddb, guarded } from '../shared/ddb';
import { type Sealed, open, seal } from '../shared/envelope';
import { logger } from '../shared/logger';
import type { HearingRequest } from './request';
import { hearingsTable, readAuditKey } from './table';

export type WithSealed<T> = T & { sealedNames?: Sealed };
const TableName = tableNameOf(hearingsTable);
const contextOf = (id: string) => ({ docket: 'hearing-request', requestId: id });

/**
 * What is sealed per participant: null for one not confidential; the name, or the name
 * with the organisation (which can name the person as surely: a witness's small
 * collective), for a confidential one. A bare string is how the first sealed items were
 * written, and is still read.
 */
type SealedEntry = string | { name: string; organization?: string } | null;
type Participant = HearingRequest['participants'][number];

function reopened(p: Participant, entry: SealedEntry | undefined): Participant {
  if (!p.confidential || entry === null || entry === undefined) return p;
  if (typeof entry === 'string') return { ...p, name: entry };
  return entry.organization === undefined ? { ...p, name: entry.name } : { ...p, name: entry.name, organization: entry.organization };
}

/** The request as stored: confidential names (and their organisations) sealed, blank or absent in the clear. */
export async function sealNames<T extends Pick<HearingRequest, 'id' | 'participants'>>(request: WithSealed<T>): Promise<WithSealed<T>> {
  const { sealedNames: _previous, ...rest } = request;
  const entries: SealedEntry[] = request.participants.map((p) => (p.confidential ? (p.organization ? { name: p.name, organization: p.organization } : p.name) : null));
  if (!entries.some((n) => n)) return rest as WithSealed<T>;
  return {
    ...(rest as T),
    participants: request.participants.map((p) => {
      if (!p.confidential) return p;
      const { organization: _organization, ...kept } = p;
      return { ...kept, name: '' };
    }),
    sealedNames: await seal(JSON.stringify(entries), contextOf(request.id)),
  };
}

/** The request with its confidential names, for its owner or the secretariat; the read is recorded. */
export async function openNames<T extends Pick<HearingRequest, 'id' | 'participants'>>(request: WithSealed<T>, reader: Principal, now: Date): Promise<T> {
  const { sealedNames, ...rest } = request;
  if (!sealedNames) return rest as unknown as T;
  const names = JSON.parse(await open(sealedNames, contextOf(request.id))) as SealedEntry[];
  const role = reader.roles.includes('secretariat') ? 'secretariat' : 'owner';
  await guarded(() =>
    ddb.send(new PutCommand({ TableName, Item: { ...readAuditKey(request.id, ulid(now.getTime())), kind: 'confidentialNamesRead', requestId: request.id, at: now.toISOString(), role, names: names.filter((n) => n !== null).length } })),
  );
  logger.info('confidential names opened', { requestId: request.id, role });
  return { ...(rest as unknown as T), participants: request.participants.map((p, i) => reopened(p, names[i])) };
}

/**
 * A page of requests (a list the owner or the secretariat reads): each one with sealed
 * names opened, and their read records written in batches rather than one call each.
 */
export async function openNamesOfPage<T extends Pick<HearingRequest, 'id' | 'participants'>>(requests: WithSealed<T>[], reader: Principal, now: Date): Promise<T[]> {
  const role = reader.roles.includes('secretariat') ? 'secretariat' : 'owner';
  const audits: Record<string, unknown>[] = [];
  const opened = await Promise.all(
    requests.map(async (request) => {
      const { sealedNames, ...rest } = request;
      if (!sealedNames) return rest as unknown as T;
      const names = JSON.parse(await open(sealedNames, contextOf(request.id))) as SealedEntry[];
      audits.push({ ...readAuditKey(request.id, ulid(now.getTime())), kind: 'confidentialNamesRead', requestId: request.id, at: now.toISOString(), role, names: names.filter((n) => n !== null).length });
      return { ...(rest as unknown as T), participants: request.participants.map((p, i) => reopened(p, names[i])) };
    }),
  );
  for (let i = 0; i < audits.length; i += 25) {
    let batch: Record<string, unknown>[] = audits.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; batch.length && attempt < 5; attempt++) {
      const result = await guarded(() => ddb.send(new BatchWriteCommand({ RequestItems: { [TableName]: batch as never } })));
      batch = (result.UnprocessedItems?.[TableName] ?? []) as Record<string, unknown>[];
    }
  }
  if (audits.length) logger.info('confidential names opened', { requests: audits.length, role });
  return opened;
}
