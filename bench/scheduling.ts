// Solver benchmark: for 20, 50, 100, 200 and 400 accepted requests over enough days and
// rooms (test/support/scheduling.ts randomInstance, fixed seeds), the heuristic's solve
// time and objective beside HiGHS on the same instance. Each MIP solve is capped so the
// module stays near 90 s. HiGHS starts from the heuristic's timetable; `optimum` is
// given only when HiGHS proved it (to within 0.5, below one unit of the last goal),
// otherwise its best incumbent and status are reported as they are.
import { performance } from 'node:perf_hooks';
import { solveHeuristic } from '../functions/scheduling/heuristic';
import { solveMip } from '../functions/scheduling/mip';
import { evaluate, prepare, violations } from '../functions/scheduling/model';
import { DEFAULT_EVALUATIONS, anneal } from '../functions/scheduling/search';
import { mipSize, searchStart, solve } from '../functions/scheduling/solver';
import { randomInstance } from '../test/support/scheduling';
import { round } from './measure';
import type { Benchmark, SchedulerFigure, SolverFigure } from './types';

const SIZES = [20, 50, 100, 200, 400];
const MIP_SECONDS: Record<number, number> = { 20: 10, 50: 15, 100: 15, 200: 15, 400: 15 };

export type SchedulerRow = SchedulerFigure & {
  method: 'heuristic';
  days: number;
  rooms: number;
  binaries: number;
  mipMs: number;
  mipObjective: number | null;
  mipStatus: string;
  mipPlaced: number;
  /** (heuristic - MIP) / MIP, when the MIP found a solution. */
  gap: number | null;
  violations: number;
};

export async function runSolverBench(sizes = SIZES, log: (line: string) => void = () => {}): Promise<SchedulerRow[]> {
  const rows: SchedulerRow[] = [];
  for (const n of sizes) {
    const instance = randomInstance(n, 1000 + n);
    const prep = prepare(instance);
    let t = performance.now();
    const heuristic = solveHeuristic(prep);
    const ms = performance.now() - t;
    const h = evaluate(prep, heuristic);
    t = performance.now();
    let mipObjective: number | null = null;
    let mipStatus = 'not run';
    let mipPlaced = 0;
    let optimal = false;
    try {
      // Warm-started from the heuristic: HiGHS reports the best it finds or proves within the cap.
      const mip = await solveMip(prep, { timeLimitSeconds: MIP_SECONDS[n] ?? 15, start: heuristic });
      mipStatus = mip.status;
      optimal = mip.optimal;
      if (mip.placements.length > 0) {
        mipObjective = round(evaluate(prep, mip.placements).score, 4);
        mipPlaced = mip.placements.length;
      }
    } catch (error) {
      mipStatus = `error: ${(error as Error).message.slice(0, 80)}`;
    }
    const mipMs = performance.now() - t;
    const row: SchedulerRow = {
      n,
      ms: round(ms, 1),
      objective: round(h.score, 4),
      ...(optimal && mipObjective !== null ? { optimum: mipObjective } : {}),
      placed: heuristic.length,
      method: 'heuristic',
      days: instance.grid.days.length,
      rooms: instance.grid.rooms.length,
      binaries: mipSize(prep),
      mipMs: round(mipMs, 0),
      mipObjective,
      mipStatus,
      mipPlaced,
      gap: mipObjective ? round((h.score - mipObjective) / mipObjective, 4) : null,
      violations: violations(prep, heuristic).length,
    };
    rows.push(row);
    log(JSON.stringify(row));
  }
  return rows;
}

// The solver as proposals run it (solve(): heuristic start, annealing with its default
// evaluation budget and 5 s safety net, HiGHS where the model is small), beside a
// reference: the same annealing from the same start with another seed and a budget
// REFERENCE_FACTOR times larger (12× with --full or SOLVER_FULL=1: about 60 s where the
// default budget takes 5 s; 3× otherwise, so `npm run bench` stays a few minutes). The
// solver's score is deterministic (same seed, evaluation budget); its time is given as
// min/median/max over SOLVER_ROUNDS rounds (default 3), because the machine is shared.
const SOLVER_SIZES = [50, 100, 200, 400];
const FULL = process.argv.includes('--full') || process.env.SOLVER_FULL === '1';
const REFERENCE_FACTOR = Number(process.env.SOLVER_REFERENCE_FACTOR ?? (FULL ? 12 : 3));
const ROUNDS = Number(process.env.SOLVER_ROUNDS ?? 3);
// The search's wall-clock safety net as proposals use it (5 s); SOLVER_SEARCH_MAX_MS=600000
// lets the evaluation budget alone decide, to see what the budget is worth on a busy machine.
const SAFETY_MS = Number(process.env.SOLVER_SEARCH_MAX_MS ?? 5000);

export async function runSolverVsReference(sizes = SOLVER_SIZES, log: (line: string) => void = () => {}): Promise<SolverFigure[]> {
  const rows: SolverFigure[] = [];
  for (const size of sizes) {
    const instance = randomInstance(size, 1000 + size);
    const times: number[] = [];
    let solution: Awaited<ReturnType<typeof solve>> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const t = performance.now();
      solution = await solve(instance, { mip: 'auto', timeLimitSeconds: 10, seed: 1, searchMaxMs: SAFETY_MS });
      times.push(performance.now() - t);
    }
    const prep = prepare(instance);
    const start = searchStart(prep);
    const t = performance.now();
    const reference = anneal(prep, start, { seed: 4242, evaluations: DEFAULT_EVALUATIONS * REFERENCE_FACTOR, maxMs: FULL ? 180_000 : 60_000 });
    const referenceMs = performance.now() - t;
    const referenceScore = evaluate(prep, reference.placements).score;
    const sorted = [...times].sort((a, b) => a - b);
    const row: SolverFigure = {
      size,
      score: round(solution!.score, 2),
      referenceScore: round(referenceScore, 2),
      ratio: round(solution!.score / Math.max(1e-9, referenceScore), 4),
      provenGap: solution!.provenGap,
      ms: round(sorted[Math.floor(sorted.length / 2)], 0),
      msMin: round(sorted[0], 0),
      msMax: round(sorted[sorted.length - 1], 0),
      rounds: ROUNDS,
      method: solution!.method,
      mipStatus: solution!.mipStatus,
      evaluations: solution!.evaluations,
      evaluationBudget: DEFAULT_EVALUATIONS,
      searchTimedOut: solution!.searchTimedOut,
      startScore: round(evaluate(prep, start).score, 2),
      breakdown: solution!.breakdown,
      referenceEvaluations: reference.evaluations,
      referenceMs: round(referenceMs, 0),
      referenceTimedOut: reference.timedOut,
      reference: `anneal seed 4242, ${REFERENCE_FACTOR}× the default evaluations${FULL ? ' (--full)' : ''}`,
      violations: violations(prep, solution!.placements).length,
    };
    rows.push(row);
    log(JSON.stringify(row));
  }
  return rows;
}

export default (async () => ({ scheduler: await runSolverBench(), solver: await runSolverVsReference() })) satisfies Benchmark;

// `tsx bench/scheduling.ts [--full] [sizes...]`: the solver rows alone, printed as they come.
if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  await runSolverVsReference(sizes.length > 0 ? sizes : SOLVER_SIZES, console.log);
}
