// The sessions table: one item per Period of Sessions.
// Access patterns:
//   get one session by number        GetItem  pk=SESSION, sk=<number padded to 6>
//   list sessions ordered by number  Query    pk=SESSION (sk sorts numerically thanks to the padding)
import { defineEntity } from '../shared/entity';
import { defineTable } from '../shared/table';
import type { Session } from './session';

export const sessionsTable = defineTable({
  id: 'sessions',
  envVar: 'SESSIONS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
});

export const SESSION_PARTITION = 'SESSION';
export const sessionKey = (number: number) => ({ pk: SESSION_PARTITION, sk: String(number).padStart(6, '0') });

/** A Period of Sessions item (functions/shared/entity.ts); no index attributes. */
export const sessionEntity = defineEntity({ table: sessionsTable, key: sessionKey, keyOf: (s: Session) => s.number });
