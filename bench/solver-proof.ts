// What keeps the proven gap open at a size: `npx tsx bench/solver-proof.ts [size] [seconds]`.
// On the bench's instance (randomInstance(size, 1000 + size)) it prints, one JSON line each:
// the search's timetable (no MIP) beside the recorded 60 s annealing reference; the LP
// relaxation of the fewest-split-days model (mip.ts buildDayModel, splitsOnly) before any
// cut of HiGHS's; that model solved from the search's timetable and from nothing (HiGHS
// finds its own), with and without the window cuts, each with its bound at the root node,
// its final bound and nodes, and its day assignment given slots (mip.ts realizeDays); then
// the second step (the whole score among assignments with at most the fewest split days)
// from the best timetable found. Each MIP gets `seconds` (default 120): the point is what
// the model can prove, not what it proves in the solver's 10 s.
import { performance } from 'node:perf_hooks';
import { buildDayModel, realizeDays, solveDayBound } from '../functions/scheduling/mip';
import { type PreparedInstance, WEIGHTS, evaluate, prepare, violations } from '../functions/scheduling/model';
import type { Placement } from '../functions/scheduling/grid';
import { solve } from '../functions/scheduling/solver';
import { randomInstance } from '../test/support/scheduling';
import { loadReferences } from './solver-reference';

const size = Number(process.argv[2] ?? 60);
const seconds = Number(process.argv[3] ?? 120);
const instance = randomInstance(size, 1000 + size);
const prep = prepare(instance);
const log = (what: string, data: Record<string, unknown>) => console.log(JSON.stringify({ size, what, ...data }));
const brief = (placements: readonly Placement[]) => {
  const { score, breakdown } = evaluate(prep, placements);
  return { score: Math.round(score * 100) / 100, placed: placements.length, splitDays: breakdown.splitDays, loadSpread: breakdown.loadSpread, violations: violations(prep, placements).length };
};

/** The LP relaxation's optimum (every binary relaxed to [0, 1]). */
async function relaxation(p: PreparedInstance): Promise<number> {
  const { lp } = buildDayModel(p, true, { splitsOnly: true });
  const at = lp.indexOf('Binary');
  const binaries = lp.slice(at + 'Binary'.length, lp.indexOf('End')).split(/\s+/).filter(Boolean);
  const relaxed = `${lp.slice(0, at)}${binaries.map((b) => ` 0 <= ${b} <= 1`).join('\n')}\nEnd\n`;
  const m = (await import('highs')) as unknown as { default: () => Promise<{ createModel(d: { format: 'lp'; data: string }): { options: { set(o: object): void }; run(): void; info: { get(n: string): number }; dispose(): void } }> };
  const model = (await m.default()).createModel({ format: 'lp', data: relaxed });
  model.options.set({ output_flag: false });
  model.run();
  const value = Number(model.info.get('objective_function_value'));
  model.dispose();
  return value;
}

let t = performance.now();
const searched = await solve(instance, { mip: 'never', seed: 1, searchMaxMs: 600_000 });
let best = searched.placements;
const reference = loadReferences().find((r) => r.size === size);
log('search (no MIP)', { ...brief(best), ms: Math.round(performance.now() - t), referenceScore: reference?.score ?? null, referenceSplitDays: reference?.breakdown.splitDays ?? null });
log('LP relaxation of the fewest-split-days model', { bound: await relaxation(prep) });

let fewest: number | undefined;
for (const [label, windows, fromSearch] of [
  ['fewest split days, from the search', 0, true],
  ['fewest split days, from nothing', 0, false],
  ['fewest split days, from nothing, window cuts (cliques of 2)', 2, false],
] as const) {
  t = performance.now();
  const r = await solveDayBound(prep, { timeLimitSeconds: seconds, symmetric: true, variant: { splitsOnly: true, windows }, ...(fromSearch ? { start: searched.placements } : {}) });
  const ms = Math.round(performance.now() - t);
  if (r.optimal && r.bound !== null) fewest = Math.ceil(r.bound / WEIGHTS.splitDays - 1e-6);
  const real = r.days ? await realizeDays(prep, r.days, { timeLimitSeconds: 30 }) : null;
  if (real && real.placements.length === prep.hearings.length && violations(prep, real.placements).length === 0 && evaluate(prep, real.placements).score < evaluate(prep, best).score) best = real.placements;
  log(label, { status: r.status, rootBound: r.rootBound, bound: r.bound, nodes: r.nodes, ms, memoryMb: Math.round(r.memoryBytes / 2 ** 20), realized: real ? brief(real.placements) : null });
}
if (fewest !== undefined) {
  t = performance.now();
  const r = await solveDayBound(prep, { timeLimitSeconds: seconds, symmetric: true, start: best, variant: { maxSplits: fewest } });
  const ms = Math.round(performance.now() - t);
  const real = r.days ? await realizeDays(prep, r.days, { timeLimitSeconds: 30 }) : null;
  log(`whole score with at most ${fewest} split days, from the best`, { status: r.status, rootBound: r.rootBound, bound: r.bound, nodes: r.nodes, ms, realized: real ? brief(real.placements) : null });
  if (real && real.placements.length === prep.hearings.length && violations(prep, real.placements).length === 0 && evaluate(prep, real.placements).score < evaluate(prep, best).score) best = real.placements;
  const bound = r.bound === null ? WEIGHTS.splitDays * fewest : Math.min(WEIGHTS.splitDays * (fewest + 1), r.bound);
  const score = evaluate(prep, best).score;
  log('best', { ...brief(best), bound, gap: Math.round(((score - bound) / score) * 1e6) / 1e6 });
} else log('best', { ...brief(best), bound: null, gap: null });
