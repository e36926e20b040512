// The audit hash chain and its verifier: every edit, removal or reordering is named.
import { describe, expect, it } from 'vitest';
import { type AuditEntry, GENESIS, canonicalJson, hashOf, nextEntry, verifyChain } from '../../functions/evote/audit';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const at = new Date('2030-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const head = entries[entries.length - 1];
    entries.push(nextEntry(head, i === 0 ? 'created' : 'vote', { commissionerId: `c-${i}`, n: i }, at));
  }
  return entries;
}
const kinds = (v: ReturnType<typeof verifyChain>) => v.problems.map((p) => `${p.kind}@${p.seq}`);

describe('audit chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('links entries and verifies an intact chain with its head', () => {
    const entries = chain(5);
    expect(entries[0].prevHash).toBe(GENESIS);
    expect(entries[3].prevHash).toBe(entries[2].hash);
    expect(entries[4].hash).toBe(hashOf(entries[4]));
    const last = entries[4];
    expect(verifyChain(entries, { seq: last.seq, hash: last.hash })).toEqual({ ok: true, entries: 5, problems: [] });
  });

  it('reports an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], data: { ...entries[2].data, n: 99 } };
    expect(kinds(verifyChain(entries))).toEqual(['edited@3']);
  });

  it('reports an edited entry whose hash was recomputed (the next link breaks)', () => {
    const entries = chain(5);
    const forged = { ...entries[2], data: { n: 99 } };
    entries[2] = { ...forged, hash: hashOf(forged) };
    expect(kinds(verifyChain(entries))).toEqual(['broken_link@4']);
  });

  it('reports a removed entry, in the middle and at the end', () => {
    const entries = chain(5);
    const head = { seq: 5, hash: entries[4].hash };
    expect(kinds(verifyChain([...entries.slice(0, 2), ...entries.slice(3)], head))).toEqual(['removed@4', 'broken_link@4']);
    expect(kinds(verifyChain(entries.slice(0, 4), head))).toEqual(['removed@5']);
  });

  it('reports reordered entries', () => {
    const entries = chain(5);
    const swapped = [entries[0], entries[2], entries[1], entries[3], entries[4]];
    expect(verifyChain(swapped).ok).toBe(false);
    expect(kinds(verifyChain(swapped))).toContain('reordered@2');
  });
});
