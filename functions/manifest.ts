// The one list of Docket's functions: entry file, routes, tables and what each may do
// with them. The CDK stack builds functions, grants and API routes from it; the local
// runtime mounts the same handlers from it. Add a context here and both follow.
import { docsRoutes } from './docs/routes';
import { outboxTable } from './notifications/table';
import { registrationRoutes } from './registrations/routes';
import { registrationsTable } from './registrations/table';
import type { RouteSpec } from './shared/route';
import type { TableDef } from './shared/table';
import { sessionRoutes } from './sessions/routes';
import { sessionsTable } from './sessions/table';

/** 'write' is PutItem only: how contexts reach the outbox inside their transactions. */
export type Access = 'read' | 'readwrite' | 'write';

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
export const tables: readonly TableDef[] = [sessionsTable, outboxTable, registrationsTable];

export const httpFunctions: readonly FunctionDef[] = [
  {
    name: 'sessions',
    entry: 'functions/sessions/handler.ts',
    routes: Object.values(sessionRoutes),
    tables: [{ table: sessionsTable, access: 'readwrite' }],
  },
  {
    name: 'registrations',
    entry: 'functions/registrations/handler.ts',
    routes: Object.values(registrationRoutes),
    tables: [
      { table: registrationsTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
      { table: outboxTable, access: 'write' },
    ],
    // Room for the store's bounded retries of lost races (25 s) inside API Gateway's 30 s.
    timeoutSeconds: 29,
  },
  {
    name: 'docs',
    entry: 'functions/docs/handler.ts',
    routes: Object.values(docsRoutes),
    tables: [],
  },
];

/** Functions started by events rather than HTTP requests. */
export interface EventFunctionDef extends Omit<FunctionDef, 'routes'> {
  /** A DynamoDB stream (new images) of this table triggers the function. */
  stream?: TableDef;
  /** EventBridge Scheduler one-time schedules target this function. */
  scheduled?: boolean;
  /** The function sends email through SES. */
  sendsEmail?: boolean;
}

export const eventFunctions: readonly EventFunctionDef[] = [
  {
    name: 'outbox-sender',
    entry: 'functions/notifications/sender.ts',
    tables: [],
    stream: outboxTable,
    sendsEmail: true,
  },
];

export const allRoutes = (): RouteSpec[] => httpFunctions.flatMap((f) => f.routes);
