// The solver, loaded by the first proposal. solver.ts with what only it needs (the search,
// the MIP and the HiGHS glue: some 200 KB of minified bundle) is a file of its own,
// because no other route uses it and the function's start parsed and evaluated it on
// every cold start (issue 17). Deployed, the file is solver.mjs beside index.mjs (the
// manifest's `lazyEntries`, built by lib/function.ts and bench/cold-start.ts the same way
// as the bundle); run from source (tsx: the local runtime, the tests) it is solver.ts
// beside this file. The specifier is computed, so esbuild leaves this import to run time
// instead of inlining the module into the bundle (test/infra/lazy-entries.test.ts checks
// both: the bundle without the solver, and a proposal through the built file).
type Solver = typeof import('./solver');

/** The file's name beside the bundle: the entry's base name, as lib/function.ts builds it. */
export const SOLVER_FILE = 'solver.mjs';

const url = new URL(import.meta.url.endsWith('.ts') ? './solver.ts' : `./${SOLVER_FILE}`, import.meta.url).href;

let solver: Promise<Solver> | undefined;

export const loadSolver = (): Promise<Solver> =>
  (solver ??= (import(url) as Promise<Solver>).catch((error: unknown) => {
    solver = undefined;
    throw error;
  }));
