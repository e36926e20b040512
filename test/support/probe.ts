// Test-only functions mounted by startLocal({ extraFunctions }) beside the manifest's.
import { evoteTable } from '../../functions/evote/table';
import type { EventFunctionDef, FunctionDef } from '../../functions/manifest';
import type { RouteSpec } from '../../functions/shared/route';

const route = (path: string) => ({ method: 'GET', path, auth: 'public', summary: 'test probe', responses: {} }) as unknown as RouteSpec;

/** `probe` has no grant and a 1 s timeout; `probe-evote` may read the evote table. */
export const probeFunctions: FunctionDef[] = [
  { name: 'probe', entry: 'test/support/lambdas/probe.ts', routes: [route('/api/test/probe'), route('/api/test/probe/{name}')], tables: [], timeoutSeconds: 1 },
  { name: 'probe-evote', entry: 'test/support/lambdas/probe.ts', routes: [route('/api/test/probe-evote')], tables: [{ table: evoteTable, access: 'read' }], timeoutSeconds: 5 },
];

/** Event functions started by runtime.invoke: `event-probe` has no grant, `event-probe-evote` may read the evote table. */
export const probeEventFunctions: EventFunctionDef[] = [
  { name: 'event-probe', entry: 'test/support/lambdas/event-probe.ts', tables: [], scheduled: true },
  { name: 'event-probe-evote', entry: 'test/support/lambdas/event-probe.ts', tables: [{ table: evoteTable, access: 'read' }], scheduled: true },
];
