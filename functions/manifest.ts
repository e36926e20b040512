// The one list of Docket's functions: entry file, routes, tables and what each may do
// with them. The CDK stack builds functions, grants and API routes from it; the local
// runtime mounts the same handlers from it. Add a context here and both follow.
import { docsRoutes } from './docs/routes';
import type { RouteSpec } from './shared/route';
import type { TableDef } from './shared/table';
import { sessionRoutes } from './sessions/routes';
import { sessionsTable } from './sessions/table';

export type Access = 'read' | 'readwrite';

export interface FunctionDef {
  /** Short name; also the construct id and the log group suffix. */
  name: string;
  /** Entry file relative to the repository root; it exports `handler`. */
  entry: string;
  routes: readonly RouteSpec[];
  tables: readonly { table: TableDef; access: Access }[];
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** Every table, each owned by one context. */
export const tables: readonly TableDef[] = [sessionsTable];

export const httpFunctions: readonly FunctionDef[] = [
  {
    name: 'sessions',
    entry: 'functions/sessions/handler.ts',
    routes: Object.values(sessionRoutes),
    tables: [{ table: sessionsTable, access: 'readwrite' }],
  },
  {
    name: 'docs',
    entry: 'functions/docs/handler.ts',
    routes: Object.values(docsRoutes),
    tables: [],
  },
];

export const allRoutes = (): RouteSpec[] => httpFunctions.flatMap((f) => f.routes);
