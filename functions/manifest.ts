// The one list of Docket's functions: entry file, routes, tables and what each may do
// with them. The CDK stack builds functions, grants and API routes from it; the local
// runtime mounts the same handlers from it. Add a context here and both follow.
import { docsRoutes } from './docs/routes';
import { evoteRoutes } from './evote/routes';
import { evoteTable } from './evote/table';
import { type BucketDef, documentsBucket } from './hearings/bucket';
import { documentRoutes } from './hearings/documents-routes';
import { hearingDayRoutes } from './hearing-day/routes';
import { hearingDayTable } from './hearing-day/table';
import { hearingRoutes } from './hearings/routes';
import { reviewRoutes } from './hearings/review-routes';
import { hearingsTable } from './hearings/table';
import { outboxTable } from './notifications/table';
import { registrationRoutes } from './registrations/routes';
import { registrationsTable } from './registrations/table';
import { schedulingRoutes } from './scheduling/routes';
import { schedulingTable } from './scheduling/table';
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
  /** The event function this one creates EventBridge Scheduler one-time schedules for. */
  schedules?: string;
  /** Files (from the repository root) the bundle loads at run time; copied next to it. */
  assets?: readonly string[];
  /**
   * Modules (from the repository root) the function imports on first use rather than at
   * start: each is built as its own file next to the bundle (solver.ts → solver.mjs, with
   * the same options), since the bundle is one file and esbuild would otherwise inline
   * it. The importing code names the built file (see scheduling/load-solver.ts).
   */
  lazyEntries?: readonly string[];
  /** S3 buckets the function uses: 'read' (GetObject) or 'readwrite' (also Put, Delete, List). */
  buckets?: readonly { bucket: BucketDef; access: 'read' | 'readwrite' }[];
  /** Seals and opens confidential names (shared/envelope.ts): the KMS key's GenerateDataKey and Decrypt. */
  sealsNames?: boolean;
}

/** Every S3 bucket, each owned by one context. */
export const buckets: readonly BucketDef[] = [documentsBucket];

const publicScheduleRoutes: readonly RouteSpec[] = [schedulingRoutes.schedule, schedulingRoutes.ics];

/** Every table, each owned by one context. */
export const tables: readonly TableDef[] = [sessionsTable, outboxTable, evoteTable, hearingsTable, registrationsTable, schedulingTable, hearingDayTable];

export const httpFunctions: readonly FunctionDef[] = [
  {
    name: 'sessions',
    entry: 'functions/sessions/handler.ts',
    routes: Object.values(sessionRoutes),
    tables: [{ table: sessionsTable, access: 'readwrite' }],
  },
  {
    name: 'evote',
    entry: 'functions/evote/handler.ts',
    routes: Object.values(evoteRoutes),
    // Opening a ballot tells the commissioners through the outbox, in the same transaction.
    tables: [
      { table: evoteTable, access: 'readwrite' },
      { table: outboxTable, access: 'write' },
    ],
    schedules: 'ballot-closer',
    // The retry policy's budget is the remaining time minus the slowest single call and
    // an answer margin (shared/retry.ts, 12.5 s): the default 10 s would leave none.
    timeoutSeconds: 29,
  },
  {
    name: 'hearings',
    entry: 'functions/hearings/handler.ts',
    routes: [...Object.values(hearingRoutes), ...Object.values(reviewRoutes)],
    tables: [
      { table: hearingsTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
      { table: outboxTable, access: 'write' },
    ],
    // Room for the retry policy's budget (shared/retry.ts), as for evote.
    timeoutSeconds: 29,
    // Confidential participants' names are stored sealed (hearings/confidential.ts).
    sealsNames: true,
  },
  {
    // Supporting documents (issue 15): the only HTTP function granted the documents
    // bucket; it signs upload and download links, the bytes never pass through it.
    name: 'hearing-documents',
    entry: 'functions/hearings/documents-handler.ts',
    routes: Object.values(documentRoutes),
    tables: [{ table: hearingsTable, access: 'readwrite' }],
    buckets: [{ bucket: documentsBucket, access: 'readwrite' }],
  },
  {
    name: 'registrations',
    entry: 'functions/registrations/handler.ts',
    routes: Object.values(registrationRoutes),
    tables: [
      { table: registrationsTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
      { table: outboxTable, access: 'write' },
      // The Period's public viewing link in online registrants' mails (issue 16).
      { table: hearingDayTable, access: 'read' },
    ],
    // Room for the store's bounded retries of lost races (25 s) inside API Gateway's 30 s.
    timeoutSeconds: 29,
  },
  {
    name: 'scheduling',
    entry: 'functions/scheduling/handler.ts',
    routes: Object.values(schedulingRoutes).filter((route) => !publicScheduleRoutes.includes(route)),
    // Reads sessions and accepted requests; publishing marks requests scheduled (hearings
    // store entries) and writes the outbox in the same transaction. The solver (HiGHS
    // WebAssembly) wants memory and a few seconds.
    tables: [
      { table: schedulingTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
      { table: hearingsTable, access: 'readwrite' },
      { table: outboxTable, access: 'write' },
      // Publication tells the parties how to join (issue 16): the joining details are read.
      { table: hearingDayTable, access: 'read' },
    ],
    memoryMb: 1024,
    timeoutSeconds: 29,
    // HiGHS loads its WebAssembly from the bundle's own directory.
    assets: ['node_modules/highs/build/highs.wasm'],
    // Only a proposal solves: the solver and the HiGHS glue are loaded by the first one.
    lazyEntries: ['functions/scheduling/solver.ts'],
  },
  {
    // The published schedule and its iCal feed: public, read-only, no solver.
    name: 'schedule-public',
    entry: 'functions/scheduling/public-handler.ts',
    routes: publicScheduleRoutes,
    tables: [
      { table: schedulingTable, access: 'read' },
      { table: sessionsTable, access: 'read' },
      // The hearings' titles in the four languages (issue 16).
      { table: hearingDayTable, access: 'read' },
    ],
  },
  {
    // The hearing itself (issue 16): the State's delegation, joining details, speaking
    // plan, titles in four languages, the record afterwards and the public archive.
    // Hearings are read through the hearings store, never written.
    name: 'hearing-day',
    entry: 'functions/hearing-day/handler.ts',
    routes: Object.values(hearingDayRoutes),
    tables: [
      { table: hearingDayTable, access: 'readwrite' },
      { table: hearingsTable, access: 'read' },
      { table: sessionsTable, access: 'read' },
    ],
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
  /** A recurring EventBridge Scheduler schedule invokes the function: 'rate(1 minute)'. */
  every?: string;
  /** The function sends email through SES. */
  sendsEmail?: boolean;
  /** Cognito calls the function after a self sign-up is confirmed. */
  cognitoPostConfirmation?: boolean;
  /** S3 invokes the function for each object created in this bucket. */
  objectCreated?: BucketDef;
  /** GuardDuty Malware Protection's scan results for this bucket reach the function (EventBridge). */
  malwareScanResults?: BucketDef;
}

export const eventFunctions: readonly EventFunctionDef[] = [
  {
    name: 'outbox-sender',
    entry: 'functions/notifications/sender.ts',
    tables: [],
    stream: outboxTable,
    sendsEmail: true,
  },
  {
    name: 'signup',
    entry: 'functions/accounts/signup.ts',
    tables: [],
    cognitoPostConfirmation: true,
  },
  {
    // Closes a ballot at closesAt; invoked with { ballotId } by the one-time schedule
    // the evote function creates on open (it needs SCHEDULER_TARGET_ARN = this
    // function, SCHEDULER_ROLE_ARN and SCHEDULER_GROUP, plus scheduler:CreateSchedule).
    name: 'ballot-closer',
    entry: 'functions/evote/closer.ts',
    // The reminder a day before closing goes through the outbox, in the same transaction.
    tables: [
      { table: evoteTable, access: 'readwrite' },
      { table: outboxTable, access: 'write' },
    ],
    // Room for the retry policy's budget (shared/retry.ts), as for evote.
    timeoutSeconds: 29,
    scheduled: true,
  },
  {
    // Expires unverified registration holds that are due (issue 13), freeing their seats
    // for the next in line; the registration path also does it lazily when a mode is full.
    name: 'registration-holds',
    entry: 'functions/registrations/holds.ts',
    tables: [
      { table: registrationsTable, access: 'readwrite' },
      { table: outboxTable, access: 'write' },
      // A promotion's mail carries the public viewing link for online registrants (issue 16).
      { table: hearingDayTable, access: 'read' },
    ],
    every: 'rate(1 minute)',
    timeoutSeconds: 60,
  },
  {
    // Checks each uploaded document (type from its content, size) and records the
    // malware scan's result (issue 15): a document is usable only once both say yes.
    name: 'document-check',
    entry: 'functions/hearings/document-check.ts',
    tables: [{ table: hearingsTable, access: 'readwrite' }],
    buckets: [{ bucket: documentsBucket, access: 'readwrite' }],
    objectCreated: documentsBucket,
    malwareScanResults: documentsBucket,
    timeoutSeconds: 30,
  },
  {
    // Purges requests, their documents and read records a number of years after their
    // Period (DOCKET_RETENTION_YEARS, hearings/purge.ts), once a day.
    name: 'hearing-purge',
    entry: 'functions/hearings/purge.ts',
    tables: [
      { table: hearingsTable, access: 'readwrite' },
      // The hearing day's items of a purged request (joining details, delegations).
      { table: hearingDayTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
    ],
    buckets: [{ bucket: documentsBucket, access: 'readwrite' }],
    every: 'rate(1 day)',
    timeoutSeconds: 300,
  },
  {
    // The day-before reminder to the hearing's parties with the joining details (issue 16):
    // reads Periods, published schedules and requests; writes its once-only marker and
    // the messages in one transaction.
    name: 'hearing-reminders',
    entry: 'functions/hearing-day/reminders.ts',
    tables: [
      { table: hearingDayTable, access: 'readwrite' },
      { table: sessionsTable, access: 'read' },
      { table: schedulingTable, access: 'read' },
      { table: hearingsTable, access: 'read' },
      // The eve-of-Period reminder with the public viewing link goes to online registrants.
      { table: registrationsTable, access: 'read' },
      { table: outboxTable, access: 'write' },
    ],
    every: 'rate(15 minutes)',
    timeoutSeconds: 60,
  },
];

export const allRoutes = (): RouteSpec[] => httpFunctions.flatMap((f) => f.routes);
