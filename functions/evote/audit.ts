// The audit record of a ballot: a hash chain. Each entry's hash is SHA-256 over the
// canonical JSON of { seq, at, type, data, prevHash }; prevHash is the previous entry's
// hash (64 zeros for the first). verifyChain() recomputes it and names every entry that
// was edited, removed or moved. Receipts live here too: the same hashing, one place.
import { createHash, randomBytes } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export type AuditType = 'created' | 'opened' | 'recusal' | 'vote' | 'reminded' | 'closed' | 'result' | 'voided';

export interface AuditEntry {
  seq: number;
  at: string;
  type: AuditType;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const hashOf = (entry: Omit<AuditEntry, 'hash'>) =>
  sha256(canonicalJson({ seq: entry.seq, at: entry.at, type: entry.type, data: entry.data, prevHash: entry.prevHash }));

/** The entry that follows `head` (undefined for the first). */
export function nextEntry(head: { seq: number; hash: string } | undefined, type: AuditType, data: Record<string, unknown>, now: Date): AuditEntry {
  const partial = { seq: (head?.seq ?? 0) + 1, at: now.toISOString(), type, data, prevHash: head?.hash ?? GENESIS };
  return { ...partial, hash: hashOf(partial) };
}

export type AuditProblemKind = 'edited' | 'removed' | 'reordered' | 'broken_link' | 'head_mismatch';
export interface AuditProblem {
  /** Position in the list as read (0-based) and the seq the entry claims. */
  index: number;
  seq: number | undefined;
  kind: AuditProblemKind;
}
export interface Verification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
}

/**
 * Recomputes the chain. `head`, when given, is the last seq and hash the ballot
 * recorded in the same transactions: it reveals entries removed from the end.
 */
export function verifyChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): Verification {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS;
  entries.forEach((entry, index) => {
    const seq = typeof entry.seq === 'number' ? entry.seq : undefined;
    if (hashOf(entry) !== entry.hash) problems.push({ index, seq, kind: 'edited' });
    if (seq === undefined || seq < expectedSeq) problems.push({ index, seq, kind: 'reordered' });
    else if (seq > expectedSeq) problems.push({ index, seq, kind: 'removed' });
    if (entry.prevHash !== prevHash) problems.push({ index, seq, kind: 'broken_link' });
    expectedSeq = (seq ?? expectedSeq) + 1;
    prevHash = entry.hash;
  });
  if (head) {
    const last = entries[entries.length - 1];
    if (!last || last.seq < head.seq) problems.push({ index: entries.length, seq: head.seq, kind: 'removed' });
    else if (last.seq !== head.seq || last.hash !== head.hash) problems.push({ index: entries.length - 1, seq: last.seq, kind: 'head_mismatch' });
  }
  return { ok: problems.length === 0, entries: entries.length, problems };
}

/** A voter's receipt: SHA-256 over ballot id, choice and a nonce only the voter keeps. */
export function makeReceipt(ballotId: string, choice: string, nonce = randomBytes(32).toString('hex')) {
  return { receipt: sha256(`${ballotId}|${choice}|${nonce}`), nonce };
}
export const checkReceipt = (ballotId: string, choice: string, nonce: string, receipt: string) => makeReceipt(ballotId, choice, nonce).receipt === receipt;
