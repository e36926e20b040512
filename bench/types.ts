// The shape of bench/results/latest.json (issue 7). Each benchmark module under bench/
// returns a Partial<BenchResults> section; bench/run.ts merges them.
export interface RouteFigure {
  route: string;
  p50Ms: number;
  p99Ms: number;
  /** The route's own DynamoDB calls, timed inside the SDK client on the same calls. */
  baselineP50Ms: number;
  baselineP99Ms?: number;
  /** p50 of (route time − its SDK time), call by call. */
  overheadP50Ms?: number;
  n: number;
}
export interface CapacityFigure {
  operation: string;
  rcu: number;
  wcu: number;
  usdPerMillion: number;
}
export interface ThroughputFigure {
  operation: string;
  concurrency: number;
  opsPerSec: number;
  invariantHeld: boolean;
  detail?: string;
}
export interface SchedulerFigure {
  n: number;
  ms: number;
  objective: number;
  optimum?: number;
  placed?: number;
}
/** GET /api/ballots walked page by page at a size (issue 17). */
export interface GrowthBallots {
  size: number;
  listed: number;
  pages: number;
  pageSize: number;
  /** The most SDK calls any page made (the least beside it): constant in the size. */
  sdkCallsPerPage: number;
  sdkCallsPerPageMin: number;
  pageP50Ms: number;
}
/** A session's requests filtered by a sparse State, walked page by page (issue 17). */
export interface GrowthRequests {
  size: number;
  /** Requests the filter matches (one in 50). */
  matching: number;
  pageSize: number;
  pages: number;
  /** Pages answered with no item but a cursor: must be 0. */
  emptyPagesWithCursor: number;
  /** SDK calls of the whole walk over the pages the matches fill. */
  callsPerFilledPage: number;
  maxCallsPerPage: number;
  totalCalls: number;
  /** The pages together are the filtered set exactly, newest first. */
  exact: boolean;
  maxResponseBytes: number;
  pageP50Ms: number;
  seedMs: number;
}
/** Figures of growth (issue 17); each context adds its own key. */
export interface Growth {
  ballots?: GrowthBallots[];
  requests?: GrowthRequests[];
  [context: string]: unknown;
}
/** The solver at its default budget beside a longer annealing run on the same instance (issue 17). */
export interface SolverFigure {
  size: number;
  score: number;
  /** The 60 s-class annealing's score (bench/baseline/solver-reference.json); null below 50 requests, where the MIP is the yardstick. */
  referenceScore: number | null;
  /** score / referenceScore: 1.01 is 1 % worse than the reference. */
  ratio: number | null;
  provenGap: number | null;
  /** Median over the rounds; msMin/msMax the spread. */
  ms: number;
  msMin?: number;
  msMax?: number;
  [more: string]: unknown;
}
export interface BenchResults {
  routes: RouteFigure[];
  capacity: CapacityFigure[];
  throughput: ThroughputFigure[];
  scheduler: SchedulerFigure[];
  /** Issue 12: registration as production runs it (bench/registrations.ts). */
  registrationBurst?: unknown;
  growth?: Growth;
  solver?: SolverFigure[];
}

/** What the harness gives each benchmark: DynamoDB Local with every table, env set. */
export interface BenchEnv {
  ddbEndpoint: string;
}

export type Benchmark = (env: BenchEnv) => Promise<Partial<BenchResults>>;
