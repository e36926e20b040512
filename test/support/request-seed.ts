// Writes hearing requests straight into the hearings table (BatchWrite of the request
// item and its State pointers, as the submit transaction lays them out, without the
// outbox), for tests and benchmarks of lists at sizes no one would submit over HTTP.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { HearingRequest } from '../../functions/hearings/request';

export interface SeedSpec {
  sessionNumber: number;
  /** States of the i-th request (i = 0 is the oldest). */
  states: (i: number) => string[];
  status?: (i: number) => HearingRequest['status'];
  ownerSub?: string;
}

/** Seeds `count` requests, oldest first; returns their ids in that order. */
export async function seedRequestsDirect(count: number, spec: SeedSpec): Promise<string[]> {
  const { ddb } = await import('../../functions/shared/ddb');
  const { tableNameOf } = await import('../../functions/shared/config');
  const { hearingsTable, requestKey, requestIndexKeys, statePointerKey, statePk } = await import('../../functions/hearings/table');
  const TableName = tableNameOf(hearingsTable);
  const next = monotonicFactory();
  const ownerSub = spec.ownerSub ?? 'u-seed-growth';
  const ids: string[] = [];
  const items: Record<string, unknown>[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const id = next();
    ids.push(id);
    const status = spec.status?.(i) ?? 'submitted';
    const states = spec.states(i);
    items.push({
      ...requestKey(id),
      ...requestIndexKeys({ id, ownerSub, sessionNumber: spec.sessionNumber, status }),
      id,
      sessionNumber: spec.sessionNumber,
      status,
      kind: 'case',
      states,
      matter: { type: 'case', number: '13.752' },
      title: `Solicitud ${i}`,
      objective: 'Informar a la Comisión sobre el estado de cumplimiento de las recomendaciones.',
      basis: 'Las comunidades no fueron consultadas antes de la concesión minera otorgada en su territorio ancestral.',
      participants: [{ name: 'Representación', role: 'representative', confidential: false }],
      languages: ['es'],
      private: false,
      contact: { name: 'Organización', email: 'seed@example.org' },
      language: 'es',
      ownerSub,
      submittedAt: at,
      updatedAt: at,
      history: [{ at, status, by: ownerSub }],
      version: 1,
    });
    for (const s of states) items.push({ ...statePointerKey(id, s), statePk: statePk(s), id });
  }
  for (let from = 0; from < items.length; from += 25) {
    let pending: Record<string, unknown>[] = items.slice(from, from + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 20) throw new Error('BatchWrite kept leaving items unprocessed');
      const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
      pending = (out.UnprocessedItems?.[TableName] ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
  return ids;
}
