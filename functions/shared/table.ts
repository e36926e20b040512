// The shape of a table definition. Each context declares its table once, next to its
// key builders (functions/<context>/table.ts); the CDK stack and the local runtime both
// build their tables from these definitions.

export interface IndexDef {
  name: string;
  partitionKey: string;
  sortKey?: string;
}

export interface TableDef {
  /** Short id, also the logical name in the stack: 'sessions', 'hearings', ... */
  id: string;
  /** The environment variable that carries the physical table name to functions. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  indexes?: readonly IndexDef[];
  /** Attribute holding an epoch-seconds expiry (DynamoDB TTL). */
  ttlAttribute?: string;
  /** A stream feeds the outbox sender (new images only). */
  stream?: boolean;
}

export const defineTable = <const T extends TableDef>(table: T): T => table;
