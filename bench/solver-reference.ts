// Computes the solver's references once (issue 17: "within 1 % of what 60 s of simulated
// annealing finds on the same instance"): for each size, the instance of
// test/support/scheduling.ts randomInstance(size, 1000 + size), the search's start
// (searchStart) and the annealing of search.ts (anneal) with seed 4242 and an evaluation
// budget calibrated to take about 60 s on this machine (400,000 evaluations timed first,
// then scaled). The budget, not the clock, decides the reference, so it is reproducible:
// `npx tsx bench/solver-reference.ts [sizes...]` writes bench/baseline/solver-reference.json
// with the budget, the score, its breakdown and the time it took.
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate, prepare, violations } from '../functions/scheduling/model';
import { anneal } from '../functions/scheduling/search';
import { searchStart } from '../functions/scheduling/solver';
import { randomInstance } from '../test/support/scheduling';

export interface SolverReference {
  size: number;
  instanceSeed: number;
  annealSeed: number;
  evaluations: number;
  ms: number;
  score: number;
  breakdown: Record<string, number>;
}

export const REFERENCE_FILE = new URL('./baseline/solver-reference.json', import.meta.url);
export const REFERENCE_SEED = 4242;
const TARGET_MS = Number(process.env.SOLVER_REFERENCE_MS ?? 60_000);

export function loadReferences(): SolverReference[] {
  return existsSync(REFERENCE_FILE) ? (JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as { references: SolverReference[] }).references : [];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  const out = new Map(loadReferences().map((r) => [r.size, r]));
  for (const size of sizes.length > 0 ? sizes : [50, 100, 200, 400]) {
    const instanceSeed = 1000 + size;
    const prep = prepare(randomInstance(size, instanceSeed));
    const start = searchStart(prep);
    let t = performance.now();
    // SOLVER_REFERENCE_EVALUATIONS fixes the budget (a calibration on a busy machine gives too small a one).
    let evaluations = Number(process.env.SOLVER_REFERENCE_EVALUATIONS ?? 0);
    if (!evaluations) {
      anneal(prep, start, { seed: REFERENCE_SEED, evaluations: 400_000, maxMs: Infinity });
      evaluations = Math.round((400_000 / (performance.now() - t)) * TARGET_MS / 100_000) * 100_000;
    }
    t = performance.now();
    const r = anneal(prep, start, { seed: REFERENCE_SEED, evaluations, maxMs: Infinity });
    const ms = Math.round(performance.now() - t);
    if (violations(prep, r.placements).length > 0) throw new Error(`reference at ${size} breaks a hard constraint`);
    const { score, breakdown } = evaluate(prep, r.placements);
    const ref: SolverReference = { size, instanceSeed, annealSeed: REFERENCE_SEED, evaluations, ms, score: Math.round(score * 1e4) / 1e4, breakdown: breakdown as unknown as Record<string, number> };
    console.log(JSON.stringify(ref));
    out.set(size, ref);
    writeFileSync(
      REFERENCE_FILE,
      `${JSON.stringify({ how: 'npx tsx bench/solver-reference.ts: anneal (functions/scheduling/search.ts) from searchStart, seed 4242, budget calibrated to about 60 s', references: [...out.values()].sort((a, b) => a.size - b.size) }, null, 2)}\n`,
    );
  }
}
