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
import { mipSize } from '../functions/scheduling/solver';
import { randomInstance } from '../test/support/scheduling';
import { round } from './measure';
import type { Benchmark, SchedulerFigure } from './types';

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

export default (async () => ({ scheduler: await runSolverBench() })) satisfies Benchmark;
