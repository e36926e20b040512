// The entity declaration (functions/shared/entity.ts): what stores derive from it.
import { describe, expect, it } from 'vitest';
import { defineEntity } from '../../functions/shared/entity';
import { defineTable } from '../../functions/shared/table';
import { hearingRequestEntity } from '../../functions/hearings/table';

const table = defineTable({
  id: 'things',
  envVar: 'THINGS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'byOwner', partitionKey: 'ownerPk', sortKey: 'id' },
    { name: 'waiting', partitionKey: 'waitPk', sortKey: 'id' },
  ],
});
interface Thing {
  id: string;
  owner: string;
  status: 'active' | 'waiting';
}
const thing = defineEntity({
  table,
  key: (id: string) => ({ pk: `THING#${id}`, sk: 'THING' }),
  keyOf: (t: Thing) => t.id,
  indexes: {
    ownerPk: { from: ['owner'], value: (t) => `OWNER#${t.owner}` },
    // Sparse: only waiting things are in the index.
    waitPk: { from: ['status'], value: (t) => (t.status === 'waiting' ? 'WAIT' : undefined) },
  },
});

describe('entities', () => {
  it('puts key, index attributes and fields, and strips the storage attributes back off', () => {
    const value: Thing = { id: 'a1', owner: 'o1', status: 'waiting' };
    const item = thing.item(value);
    expect(item).toEqual({ pk: 'THING#a1', sk: 'THING', ownerPk: 'OWNER#o1', waitPk: 'WAIT', ...value });
    expect(thing.strip(item)).toEqual(value);
    expect(thing.item({ ...value, status: 'active' })).not.toHaveProperty('waitPk');
  });

  it('sets every index attribute a changed field feeds, and removes a sparse one that no longer applies', () => {
    const promoted = thing.update({ status: 'active' });
    expect(promoted.set).toBe('#e0 = :e0');
    expect(promoted.remove).toBe('#e1');
    expect(promoted.names).toEqual({ '#e0': 'status', '#e1': 'waitPk' });
    expect(promoted.values).toEqual({ ':e0': 'active' });
    const moved = thing.update({ owner: 'o2', status: 'waiting' });
    expect(moved.names).toEqual({ '#e0': 'owner', '#e1': 'status', '#e2': 'ownerPk', '#e3': 'waitPk' });
    expect(moved.values).toEqual({ ':e0': 'o2', ':e1': 'waiting', ':e2': 'OWNER#o2', ':e3': 'WAIT' });
  });

  it('refuses an update that cannot derive an index attribute, a storage attribute set by hand, and an attribute no index has', () => {
    expect(() => hearingRequestEntity.update({ status: 'withdrawn' })).toThrow(/statusSk also needs id/);
    expect(hearingRequestEntity.update({ status: 'withdrawn' }, { id: 'X' }).values).toEqual({ ':e0': 'withdrawn', ':e1': 'withdrawn#X', ':e2': 'STATUS#withdrawn' });
    expect(() => thing.update({ ownerPk: 'x' } as Partial<Thing>)).toThrow(/storage attribute/);
    expect(() => defineEntity({ table, key: (id: string) => ({ pk: id }), indexes: { nope: { from: [], value: () => 'x' } } })).toThrow(/not a key attribute/);
  });

  it('removes a field on request, and the sparse index attribute it fed', () => {
    const held = { decision: 'accepted' as const, reason: 'ok', from: 177, at: '2031-05-10T12:00:00Z', historyLength: 1 };
    expect(hearingRequestEntity.update({ held }, { id: 'X' }).values).toMatchObject({ ':e0': held, ':e1': 'RELEASE#177' });
    const dropped = hearingRequestEntity.update({ status: 'accepted' }, { id: 'X' }, ['held']);
    expect(dropped.remove.split(', ').map((p) => dropped.names[p]).sort()).toEqual(['held', 'releasePk']);
    expect(Object.values(dropped.names)).toContain('status');
    expect(() => hearingRequestEntity.update({}, {}, ['releasePk' as 'held'])).toThrow(/storage attribute/);
  });
});
