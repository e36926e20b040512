// One declaration per kind of item (the idea of ElectroDB, without the library): its
// primary key, and each index attribute with the fields it is derived from. Everything
// a store used to repeat by hand comes from it: the full item to put, the SET fragment
// of an update (with every index attribute that a changed field feeds), and the fields
// without the storage attributes. An update that changes a field an index attribute
// depends on, without the other fields that attribute needs, is refused at once: index
// attributes cannot drift from the fields they mirror.
import type { TableDef } from './table';

type Fields = object;
type Item = Record<string, unknown>;

/** An index key attribute: computed from `from`; undefined leaves the item out of a sparse index. */
export interface IndexAttribute<T extends Fields> {
  from: readonly (keyof T & string)[];
  value: (fields: T) => string | undefined;
}

export interface UpdateFragment {
  /** Assignments for a SET clause (`#e0 = :e0, …`), without the keyword. */
  set: string;
  /** Attributes for a REMOVE clause (sparse index attributes that no longer apply), or ''. */
  remove: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export interface Entity<T extends Fields, K> {
  readonly table: TableDef;
  /** The primary key of the item `ids` names. */
  key(ids: K): Record<string, string>;
  /** The index attributes of `value` (those that apply). */
  indexValues(value: T): Record<string, string>;
  /** The whole item to put: primary key (from `ids`, else read from the fields), index attributes, fields. */
  item(value: T, ids?: K): Item;
  /** The fields of a stored item, without its storage attributes. */
  strip(item: Item): T;
  /**
   * The update of `changes`, plus every index attribute a changed field feeds; `known`
   * holds unchanged fields those attributes also need (the id, say). Placeholders are
   * `#e<n>`/`:e<n>`, so they mix with a caller's own. `removed` names fields to REMOVE:
   * the index attributes they feed are computed without them (a sparse one goes).
   */
  update(changes: Partial<T>, known?: Partial<T>, removed?: readonly (keyof T & string)[]): UpdateFragment;
}

export function defineEntity<T extends Fields, K>(def: {
  table: TableDef;
  key: (ids: K) => Record<string, string>;
  /** The key's arguments, read from the fields (else `item` is given them). */
  keyOf?: (value: T) => K;
  indexes?: Record<string, IndexAttribute<T>>;
}): Entity<T, K> {
  const indexes = Object.entries(def.indexes ?? {});
  const indexKeyNames = new Set((def.table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]));
  for (const [name] of indexes) {
    if (!indexKeyNames.has(name)) throw new Error(`${def.table.id}: ${name} is not a key attribute of any index of the table`);
  }
  const storage = [def.table.partitionKey, def.table.sortKey, ...indexes.map(([name]) => name)].filter((n): n is string => !!n);

  const indexValues = (value: T) => {
    const out: Record<string, string> = {};
    for (const [name, attribute] of indexes) {
      const v = attribute.value(value);
      if (v !== undefined) out[name] = v;
    }
    return out;
  };

  return {
    table: def.table,
    key: def.key,
    indexValues,
    item: (value, ids) => ({ ...def.key(ids !== undefined ? ids : (def.keyOf?.(value) as K)), ...indexValues(value), ...value }),
    strip: (item) => {
      const copy: Item = { ...item };
      for (const name of storage) delete copy[name];
      return copy as T;
    },
    update: (changes, known = {}, removedFields = []) => {
      const all = { ...known, ...changes } as Record<string, unknown>;
      for (const field of removedFields) delete all[field];
      const assignments: string[] = [];
      const removed: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      let n = 0;
      const name = (attribute: string) => {
        names[`#e${n}`] = attribute;
        return `#e${n}`;
      };
      const assign = (attribute: string, value: unknown) => {
        const placeholder = name(attribute);
        values[`:e${n}`] = value;
        assignments.push(`${placeholder} = :e${n}`);
        n++;
      };
      for (const [field, value] of Object.entries(changes)) {
        if (storage.includes(field)) throw new Error(`${def.table.id}: ${field} is a storage attribute, derived, never set by hand`);
        if (value !== undefined) assign(field, value);
      }
      for (const field of removedFields) {
        if (storage.includes(field)) throw new Error(`${def.table.id}: ${field} is a storage attribute, derived, never removed by hand`);
        removed.push(name(field));
        n++;
      }
      for (const [attribute, index] of indexes) {
        const fedByRemoval = index.from.some((field) => removedFields.includes(field));
        if (!fedByRemoval && !index.from.some((field) => field in changes)) continue;
        const missing = index.from.filter((field) => all[field] === undefined && !removedFields.includes(field));
        if (missing.length) throw new Error(`${def.table.id}: ${attribute} also needs ${missing.join(', ')} (pass it as known)`);
        const value = index.value(all as T);
        if (value === undefined) {
          removed.push(name(attribute));
          n++;
        } else assign(attribute, value);
      }
      return { set: assignments.join(', '), remove: removed.join(', '), names, values };
    },
  };
}
