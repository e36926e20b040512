// The exact model, solved with HiGHS (WebAssembly). Time-indexed: x[h,d,t] = 1 when
// hearing h starts at slot t of day d. "No overlap" is stated the way timetabling models
// state it to keep the relaxation tight: one aggregated (clique) row per resource and
// time cell summing every start that covers it (rooms: <= R per cell; a State's delegation
// and a rapporteur: <= 1 per cell), not one row per pair of hearings. Rooms are
// interchangeable, so the model picks (day, slot) and rooms are given afterwards by
// interval partitioning (exact on a line: if no more than R hearings overlap at any time,
// R rooms suffice); this also removes the symmetry between identical rooms. "Same day":
// y[s,d] = 1 when State s meets on day d, linked per hearing (x summed over the day <= y,
// the disaggregated form, tighter than one big-M row), and by the State's whole length
// on that day (<= min(T, total) y), which counts when a State needs more than one day.
//
// What that bound is worth is measured (bench/scheduling.ts): at 50 requests the root
// bound proves little (split days are a partitioning problem and its relaxation spreads
// hearings thinly over every day). So the solver runs HiGHS only on small models, under
// a time limit and a memory ceiling, and reports the gap it proved (or null).
import type { Placement } from './grid';
import { type Instance, type Prepared, type PreparedInstance, WEIGHTS, prepare } from './model';
import { assignRooms } from './search';

type Callback = (event: { data: { running_time?: number; mip_node_count?: bigint; mip_dual_bound?: number }; interrupt?: () => void }) => undefined;
type Model = {
  options: { set(values: Record<string, unknown>): void };
  info: { get(name: string): number | bigint };
  getColByName(name: string): number;
  setSolution(solution: { indices: number[]; values: number[] }): unknown;
  run(callbacks?: Record<number, Callback>): unknown;
  getModelStatus(): number;
  getSolution(): { colValue: Float64Array };
  dispose(): void;
};
type Highs = {
  createModel(data: { format: 'lp'; data: string }): Model;
  constants: { modelStatus: Record<string, number>; callbackType: Record<string, number> };
  /** Capacity of the WebAssembly memory: it grows and never shrinks. */
  memoryBytes: number;
};
// Loaded on first use only: the 3.5 MB highs.wasm is read and compiled when a MIP runs,
// so proposals that skip the MIP (and every other route of the function) never pay it.
let highs: Promise<Highs> | undefined;
const loadHighs = () => (highs ??= import('highs').then((m) => ((m as unknown as { default: () => Promise<Highs> }).default ?? m)()));

/** A WebAssembly memory above this is not reused: the next MIP loads a fresh runtime. */
export const MIP_MEMORY_BYTES = 768 * 2 ** 20;

/** HiGHS failed or was stopped for memory; the caller keeps the search's timetable. */
export class MipAborted extends Error {
  override name = 'MipAborted';
}

export interface MipResult {
  placements: Placement[];
  status: string;
  /** True when HiGHS proved the optimum (not stopped by the time limit). */
  optimal: boolean;
  /** HiGHS's lower bound on the score (the model's objective), or null when it has none. */
  bound: number | null;
  /** Branch-and-bound nodes explored. */
  nodes: number;
  /** WebAssembly memory after the run, bytes. */
  memoryBytes: number;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(9));

export function buildModel(prep: PreparedInstance): { lp: string; vars: Map<string, { h: number; day: number; slot: number }> } {
  const { grid, hearings } = prep;
  const T = grid.slotsPerDay;
  const R = grid.rooms.length;
  const cells = grid.days.length * T;
  const vars = new Map<string, { h: number; day: number; slot: number }>();
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const covering = new Map<string, string[]>(); // key -> vars covering
  const cover = (key: string, v: string) => {
    let list = covering.get(key);
    if (!list) covering.set(key, (list = []));
    list.push(v);
  };
  const stateCount = new Map<string, number>();
  const commCount = new Map<string, number>();
  for (const h of hearings) {
    for (const s of h.states) stateCount.set(s, (stateCount.get(s) ?? 0) + 1);
    for (const c of h.commissioners) commCount.set(c, (commCount.get(c) ?? 0) + 1);
  }
  const loadTerms: string[][] = grid.days.map(() => []);
  const dayTerms = new Map<string, string[]>(); // `${h}|${d}` -> vars
  for (const h of hearings) {
    const mine: string[] = [];
    for (let d = 0; d < grid.days.length; d++) {
      if (h.unavailable[d]) continue;
      for (let t = 0; t + h.length <= T; t++) {
        const v = `x${h.index}_${d}_${t}`;
        vars.set(v, { h: h.index, day: d, slot: t });
        mine.push(v);
        binaries.push(v);
        const pos = (d * T + t) / Math.max(1, cells);
        const cost = prep.capital[h.index][d][t] * WEIGHTS.outsideCapitalHours + h.tieWeight * pos * WEIGHTS.tieBreak;
        if (cost !== 0) objective.push(`${num(cost)} ${v}`);
        loadTerms[d].push(`${h.length} ${v}`);
        const key = `${h.index}|${d}`;
        if (!dayTerms.has(key)) dayTerms.set(key, []);
        dayTerms.get(key)!.push(v);
        for (let k = t; k < t + h.length; k++) {
          cover(`cap_${d}_${k}`, v);
          for (const s of h.states) if (stateCount.get(s)! > 1) cover(`st_${s}_${d}_${k}`, v);
          for (const c of h.commissioners) if (commCount.get(c)! > 1) cover(`cm_${c.replace('-', '')}_${d}_${k}`, v);
        }
      }
    }
    const u = `u${h.index}`;
    objective.push(`${num(WEIGHTS.unplaced + h.tieWeight * WEIGHTS.tieBreak)} ${u}`);
    rows.push(`a${h.index}: ${[...mine, u].join(' + ')} = 1`);
  }
  for (const [key, list] of covering) {
    const limit = key.startsWith('cap_') ? R : 1;
    if (list.length > limit) rows.push(`${key}: ${list.join(' + ')} <= ${limit}`);
  }
  // Same State, same day: y_s_d is 1 when a hearing on s is on day d.
  // The score counts days beyond the first, so z_s (the State has a hearing at all) earns one back.
  for (const [s, count] of stateCount) {
    if (count < 2) continue;
    const ys: string[] = [];
    for (let d = 0; d < grid.days.length; d++) {
      const y = `y_${s}_${d}`;
      let used = false;
      const weighted: string[] = [];
      let total = 0;
      for (const h of hearings) {
        if (!h.states.includes(s)) continue;
        total += h.length;
        const terms = dayTerms.get(`${h.index}|${d}`);
        if (!terms) continue;
        used = true;
        rows.push(`g${h.index}_${s}_${d}: ${terms.join(' + ')} - ${y} <= 0`);
        weighted.push(...terms.map((v) => `${h.length} ${v}`));
      }
      // A State meets at most T slots a day: when its hearings need more, the relaxation
      // must open more days (the per-hearing rows alone let it spread thinly).
      if (used && total > T) rows.push(`gc_${s}_${d}: ${weighted.join(' + ')} - ${T} ${y} <= 0`);
      if (used) {
        objective.push(`${WEIGHTS.splitDays} ${y}`);
        binaries.push(y);
        ys.push(y);
      }
    }
    if (ys.length > 0) {
      objective.push(`-${WEIGHTS.splitDays} z_${s}`);
      binaries.push(`z_${s}`);
      rows.push(`zs_${s}: z_${s} - ${ys.join(' - ')} <= 0`);
    }
  }
  // Even load: the spread between the busiest and the quietest day.
  if (grid.days.length > 1) {
    objective.push(`${WEIGHTS.loadSpread} lmax`, `-${WEIGHTS.loadSpread} lmin`);
    loadTerms.forEach((terms, d) => {
      const sum = terms.length > 0 ? terms.join(' + ') : '0 lmax';
      rows.push(`lx${d}: ${sum} - lmax <= 0`);
      rows.push(`ln${d}: ${sum} - lmin >= 0`);
    });
  }
  const lp = [
    'Minimize',
    ` obj: ${objective.join('\n + ').replace(/\+ -/g, '- ') || '0 u0'}`,
    'Subject To',
    ...rows.map((r) => ` ${r.replace(/ \+ /g, '\n + ')}`),
    'Bounds',
    ...hearings.map((h) => ` 0 <= u${h.index} <= 1`),
    ...(grid.days.length > 1 ? [' 0 <= lmax <= 100000', ' 0 <= lmin <= 100000'] : []),
    'Binary',
    ...binaries.map((b) => ` ${b}`),
    'End',
  ].join('\n');
  return { lp, vars };
}

export { assignRooms } from './search';

export interface MipOptions {
  timeLimitSeconds?: number;
  /** A timetable to start from (the search's): HiGHS then only looks for better ones. */
  start?: readonly Placement[];
  /** Stop (interrupted) when the WebAssembly memory grows past this; default MIP_MEMORY_BYTES. */
  maxMemoryBytes?: number;
  /** Relative gap at which HiGHS may stop (default 1e-4). */
  relativeGap?: number;
  /** Absolute gap at which HiGHS may stop (default 0.5, below one unit of the last goal; less when the score is small). */
  absoluteGap?: number;
}

/** Values of every model column for a given timetable: the warm start. */
function startValues(prep: PreparedInstance, placements: readonly Placement[]): Map<string, number> {
  const values = new Map<string, number>();
  const placed = new Map(placements.map((p) => [p.id, p]));
  const loads = prep.grid.days.map(() => 0);
  const stateDays = new Map<string, Set<number>>();
  for (const h of prep.hearings) {
    const p = placed.get(h.id);
    values.set(`u${h.index}`, p ? 0 : 1);
    if (!p) continue;
    values.set(`x${h.index}_${p.day}_${p.slot}`, 1);
    loads[p.day] += h.length;
    for (const s of h.states) stateDays.set(s, (stateDays.get(s) ?? new Set()).add(p.day));
  }
  for (const [s, days] of stateDays) {
    values.set(`z_${s}`, 1);
    for (const d of days) values.set(`y_${s}_${d}`, 1);
  }
  values.set('lmax', Math.max(0, ...loads));
  values.set('lmin', Math.min(...loads));
  return values;
}

const infoOf = (model: Model, name: string): number | null => {
  try {
    const v = Number(model.info.get(name));
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
};

/** A model's column by name, or −1 for one it does not have (one day, a State with one hearing). */
const columnOf = (model: Model, name: string) => {
  try {
    return model.getColByName(name);
  } catch {
    return -1;
  }
};

/** How a run of HiGHS ended. */
interface Run {
  status: string;
  optimal: boolean;
  /** HiGHS's bound when it left the root node, or null when it never reported one. */
  rootBound: number | null;
  memoryBytes: number;
}

/**
 * HiGHS on an LP-format model within the memory ceiling: the runtime loaded (a fresh one
 * when an earlier solve grew it past the ceiling: WebAssembly memory never shrinks), the
 * model created, `setUp` given it (options, a start), run with a guard that interrupts it
 * past the ceiling wherever HiGHS lets JavaScript in, `read` given it, and disposed. Throws
 * MipAborted when the runtime fails; the runtime is then dropped so the next call starts
 * from a fresh one.
 */
async function runHighs<T>(lp: string, maxMemory: number, setUp: (model: Model) => void, read: (model: Model, run: Run) => T): Promise<T> {
  let solver = await loadHighs();
  if (solver.memoryBytes > maxMemory) {
    highs = undefined;
    solver = await loadHighs();
  }
  let model: Model;
  try {
    model = solver.createModel({ format: 'lp', data: lp });
  } catch (error) {
    highs = undefined;
    throw new MipAborted(`model not loaded: ${(error as Error).message.slice(0, 200)}`);
  }
  let overMemory = false;
  try {
    setUp(model);
    let rootBound: number | null = null;
    const guard: Callback = (event) => {
      const { mip_node_count: nodes, mip_dual_bound: dual } = event.data;
      if (nodes !== undefined && Number(nodes) === 0 && dual !== undefined && Math.abs(dual) < 1e20) rootBound = dual;
      if (solver.memoryBytes > maxMemory) {
        overMemory = true;
        event.interrupt?.();
      }
      return undefined;
    };
    const types = solver.constants.callbackType;
    const callbacks: Record<number, Callback> = {};
    for (const key of ['simplexInterrupt', 'ipmInterrupt', 'mipInterrupt']) if (types[key] !== undefined) callbacks[types[key]] = guard;
    try {
      model.run(callbacks);
    } catch (error) {
      highs = undefined;
      throw new MipAborted(`HiGHS stopped: ${(error as Error).message.slice(0, 200)}`);
    }
    const code = model.getModelStatus();
    const status = overMemory ? 'memory limit' : (Object.entries(solver.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code));
    return read(model, { status, optimal: code === solver.constants.modelStatus.optimal, rootBound, memoryBytes: solver.memoryBytes });
  } finally {
    try {
      model.dispose();
    } catch {
      highs = undefined; // a runtime that cannot even dispose is not reused
    }
    if (overMemory) highs = undefined;
  }
}

/** Gives every named column its value in `given` (absent: 0): HiGHS's start. */
function setStart(model: Model, names: Iterable<string>, given: Map<string, number>) {
  const indices: number[] = [];
  const values: number[] = [];
  for (const name of names) {
    const col = columnOf(model, name);
    if (col >= 0) indices.push(col), values.push(given.get(name) ?? 0);
  }
  model.setSolution({ indices, values });
}

/**
 * Solves the model (objective equal to evaluate()'s score) within the time limit,
 * warm-started from `start` when given, so the answer is never worse than it. Throws
 * MipAborted when the WebAssembly runtime fails (e.g. out of memory); the runtime is
 * then dropped so the next call starts from a fresh one.
 */
export async function solveMip(prep: PreparedInstance, options: MipOptions = {}): Promise<MipResult> {
  if (prep.hearings.length === 0) return { placements: [], status: 'Empty', optimal: true, bound: 0, nodes: 0, memoryBytes: 0 };
  const { lp, vars } = buildModel(prep);
  const setUp = (model: Model) => {
    model.options.set({
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: options.relativeGap ?? 1e-4,
      // Proven to within 0.5: below one unit of the last goal (the tie-break, at most 1 in all).
      mip_abs_gap: options.absoluteGap ?? 0.5,
      output_flag: false,
    });
    if (!options.start) return;
    const given = startValues(prep, options.start);
    setStart(model, [...vars.keys(), ...prep.hearings.map((h) => `u${h.index}`), 'lmax', 'lmin', ...[...given.keys()].filter((k) => /^[yz]_/.test(k))], given);
  };
  return runHighs(lp, options.maxMemoryBytes ?? MIP_MEMORY_BYTES, setUp, (model, run) => {
    const colValue = model.getSolution().colValue;
    const chosen: { h: number; day: number; slot: number }[] = [];
    for (const [name, where] of vars) {
      const col = columnOf(model, name);
      if (col >= 0 && colValue[col] > 0.5) chosen.push(where);
    }
    const bound = infoOf(model, 'mip_dual_bound');
    return {
      placements: assignRooms(prep, chosen),
      status: run.status,
      optimal: run.optimal,
      bound: bound !== null && bound > -1e20 ? bound : null,
      nodes: infoOf(model, 'mip_node_count') ?? 0,
      memoryBytes: run.memoryBytes,
    };
  });
}

/**
 * Variants of the day-level model (buildDayModel): `splitsOnly` prices only split days
 * and hearings left out; `maxSplits` admits at most that many split days; `windows` adds
 * the window cuts over cliques of up to that many hearings (0, the default: none). They
 * do not raise the root bound measured (60 requests: 9,500 before HiGHS's cuts, 11,000
 * after, with or without them) and slow each node, but they carry what a day's slots
 * require, so the model's day assignments can be given slots: at 60 requests its
 * 12-split optimum without them could not be realized (a hearing left out), with cliques
 * of two it could (12 split days where the search finds 13).
 */
export type DayVariant = { splitsOnly?: boolean; maxSplits?: number; minSplits?: number; windows?: number };

/**
 * The day-level relaxation, for the bound: d[h,k] = 1 when hearing h is on day k. What it
 * keeps of the timetable, and why its optimum can only be below the score of any timetable:
 *
 * - "No overlap" aggregated over each day as capacities: the rooms hold at most R·T slots a
 *   day, a State's delegation and a rapporteur at most T (the clique rows of the
 *   time-indexed model summed over the day's slots). A timetable satisfies them.
 * - "Same day" linked per hearing (d[h,k] ≤ y[s,k], the disaggregated form) and by the
 *   State's whole length (Σ length·d ≤ T·y[s,k]); the split days of State s are then
 *   Σ_k y[s,k] − 1, exactly as the score counts them once y is at its least.
 * - Connectivity cuts (the bound of a capacitated hypergraph partition). States are the
 *   nets, hearings the vertices, days the parts. Take a set S of States connected through
 *   hearings that touch them, and H every hearing touching S. If H needs at least m days
 *   (its room load over R·T, a rapporteur's or a State's load in H over T), the graph
 *   joining each State of S to the days it meets on is connected and has |S| + m nodes or
 *   more, so at least |S| + m − 1 edges: Σ_{s∈S} Σ_k y[s,k] ≥ |S| + m − 1, i.e. the States
 *   of S have m − 1 split days between them. (Void when a hearing of H is left out: the
 *   u terms.) The uniform fractional spread of every hearing over every day, which makes
 *   the plain relaxation worthless, violates every such cut with m ≥ 2.
 * - The loads per day are exact, so the spread is; capital-hours and tie-break costs are
 *   each hearing's cheapest over the day's slots (or over every day when symmetric).
 *
 * Symmetric: the days made identical (unavailable dates dropped, costs the cheapest over
 * every day), a further relaxation whose days are interchangeable; any of its solutions
 * stays one when its days are renumbered by the first hearing (in a fixed order) each
 * holds, so it may require that a hearing on day k ≥ 1 has an earlier hearing on day
 * k − 1 (the representatives rule for identical bins; hence also hearing j only on the
 * first j + 1 days). Without it branching revisits every permutation of the days.
 * Every timetable thus maps to a solution of the model with no greater cost, and HiGHS's
 * dual bound on the model is a lower bound on the score of every timetable.
 *
 * Variants (solver.ts proves in two steps): `splitsOnly` prices only split days and hearings
 * left out (a lower bound still: the other terms are ≥ 0); `maxSplits` keeps the score but
 * admits only day assignments with at most that many split days (a bound on the timetables
 * that have no more).
 */
/** At most this many connectivity cuts, and candidate sets of States per size, in the day-level model. */
const MAX_CUTS = 2_000;
const MAX_CUT_SETS = 20_000;

export function buildDayModel(prep: PreparedInstance, symmetric = false, variant: DayVariant = {}): { lp: string; position: Map<number, number> } {
  const { grid, hearings } = prep;
  const T = grid.slotsPerDay;
  const R = grid.rooms.length;
  const D = grid.days.length;
  const cells = Math.max(1, D * T);
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const loads: string[][] = grid.days.map(() => []);
  const stateOf = new Map<string, number[]>();
  const commOf = new Map<string, number[]>();
  hearings.forEach((h) => {
    for (const s of h.states) stateOf.set(s, [...(stateOf.get(s) ?? []), h.index]);
    for (const c of h.commissioners) commOf.set(c, [...(commOf.get(c) ?? []), h.index]);
  });
  const lengthOf = (list: readonly number[]) => list.reduce((sum, h) => sum + hearings[h].length, 0);
  // The order of the representatives rule: hearings of the busiest States first, so the
  // first days are fixed by the hearings that decide the most.
  const weight = (h: Prepared) => h.states.reduce((sum, s) => sum + lengthOf(stateOf.get(s)!), 0);
  const sorted = [...hearings].sort((a, b) => weight(b) - weight(a) || b.length - a.length || a.index - b.index);
  const position = new Map(sorted.map((h, j) => [h.index, j]));
  const onDay = (h: number, k: number) => hearings[h].length <= T && (symmetric ? k <= position.get(h)! : !hearings[h].unavailable[k]);
  const cheapestOn = (h: Prepared, k: number) => {
    let cheapest = Infinity;
    for (let t = 0; t + h.length <= T; t++) cheapest = Math.min(cheapest, prep.capital[h.index][k][t] * WEIGHTS.outsideCapitalHours + ((h.tieWeight * (k * T + t)) / cells) * WEIGHTS.tieBreak);
    return cheapest;
  };
  const v = (h: number, k: number) => `d${h}_${k}`;
  for (const h of hearings) {
    const mine: string[] = [];
    const cheapestAnywhere = symmetric ? Math.min(...grid.days.map((_, k) => cheapestOn(h, k))) : 0;
    for (let k = 0; k < D; k++) {
      if (!onDay(h.index, k)) continue;
      const cheapest = symmetric ? cheapestAnywhere : cheapestOn(h, k);
      const x = v(h.index, k);
      mine.push(x);
      binaries.push(x);
      if (cheapest !== 0 && !variant.splitsOnly) objective.push(`${num(cheapest)} ${x}`);
      loads[k].push(`${h.length} ${x}`);
    }
    objective.push(`${num(WEIGHTS.unplaced + h.tieWeight * WEIGHTS.tieBreak)} u${h.index}`);
    rows.push(`a${h.index}: ${[...mine, `u${h.index}`].join(' + ')} = 1`);
  }
  if (symmetric) {
    sorted.forEach((h, j) => {
      for (let k = 1; k < D && k <= j; k++) {
        const earlier = sorted.slice(0, j).filter((i) => onDay(i.index, k - 1)).map((i) => v(i.index, k - 1));
        rows.push(`rp${h.index}_${k}: ${v(h.index, k)} - ${earlier.join(' - ')} <= 0`);
      }
    });
  }
  for (let k = 0; k < D; k++) if (loads[k].length > 0) rows.push(`room${k}: ${loads[k].join(' + ')} <= ${R * T}`);
  // The window cuts: hearings that share a State or a rapporteur with each hearing of a set Q
  // of pairwise conflicting hearings (a clique: their times are disjoint) never overlap any
  // of them, so on Q's day they sit in the T − L_Q slots outside Q, in at most R rooms:
  // Σ_{j conflicting with all of Q} L_j d[j,k] + R·Σ_{q∈Q} L_q d[q,k] ≤ R·T. Valid whatever
  // part Q' of Q is on day k: the hearings counted conflict with all of Q' too.
  const maxClique = variant.windows ?? 0;
  const conflicts = maxClique < 1 ? [] : hearings.map((h) => new Set(hearings.filter((j) => j.index !== h.index && (j.states.some((s) => h.states.includes(s)) || j.commissioners.some((c) => h.commissioners.includes(c)))).map((j) => j.index)));
  let windows = 0;
  const windowCuts = (Q: number[], common: number[]) => {
    for (let k = 0; k < D; k++) {
      if (!Q.every((q) => onDay(q, k))) continue;
      const terms = common.filter((j) => onDay(j, k));
      const LQ = Q.reduce((sum, q) => sum + hearings[q].length, 0);
      const load = terms.reduce((sum, j) => sum + hearings[j].length, 0);
      if (load + R * LQ <= R * T) continue; // never binding
      windows++;
      rows.push(`w${windows}: ${[...terms.map((j) => `${hearings[j].length} ${v(j, k)}`), ...Q.map((q) => `${R * hearings[q].length} ${v(q, k)}`)].join(' + ')} <= ${R * T}`);
    }
    if (Q.length >= maxClique) return;
    for (const j of common) if (j > Q[Q.length - 1]) windowCuts([...Q, j], common.filter((i) => i !== j && conflicts[j].has(i)));
  };
  if (maxClique >= 1) for (const h of hearings) windowCuts([h.index], [...conflicts[h.index]]);
  let key = 0;
  for (const [, list] of commOf) {
    key++;
    for (let k = 0; k < D; k++) {
      const terms = list.filter((h) => onDay(h, k)).map((h) => `${hearings[h].length} ${v(h, k)}`);
      if (terms.length > 1) rows.push(`cm${key}_${k}: ${terms.join(' + ')} <= ${T}`);
    }
  }
  const stateKey = new Map([...stateOf.keys()].map((s, i) => [s, i + 1]));
  const ysOf = new Map<string, string[]>();
  const splitTerms: string[] = []; // Σ y − Σ z: the split days
  for (const [s, list] of stateOf) {
    const sk = stateKey.get(s)!;
    const ys: string[] = [];
    for (let k = 0; k < D; k++) {
      const here = list.filter((h) => onDay(h, k));
      if (here.length === 0) continue;
      const y = `y${sk}_${k}`;
      ys.push(y);
      for (const h of here) rows.push(`g${h}_${sk}_${k}: ${v(h, k)} - ${y} <= 0`);
      rows.push(`gc${sk}_${k}: ${here.map((h) => `${hearings[h].length} ${v(h, k)}`).join(' + ')} - ${T} ${y} <= 0`);
      if (list.length > 1) objective.push(`${WEIGHTS.splitDays} ${y}`);
      binaries.push(y);
    }
    ysOf.set(s, ys);
    if (list.length < 2 || ys.length === 0) continue;
    // Days beyond the first cost: z earns the first back when the State meets at all.
    objective.push(`-${WEIGHTS.splitDays} z${sk}`);
    splitTerms.push(...ys, `-1 z${sk}`);
    binaries.push(`z${sk}`);
    rows.push(`zs${sk}: z${sk} - ${ys.join(' - ')} <= 0`);
  }
  // The connectivity cuts (see above), over small connected sets of States: each one alone,
  // each pair and triple joined by hearings, the States of each regional hearing, and the
  // States of each rapporteur's connected groups of hearings.
  const daysNeeded = (list: readonly number[]) => {
    let m = Math.ceil(lengthOf(list) / Math.max(1, R * T));
    const per = new Map<string, number>();
    for (const h of list) for (const r of [...hearings[h].states.map((s) => `s${s}`), ...hearings[h].commissioners.map((c) => `c${c}`)]) per.set(r, (per.get(r) ?? 0) + hearings[h].length);
    for (const load of per.values()) m = Math.max(m, Math.ceil(load / Math.max(1, T)));
    return m;
  };
  const cutM = new Map<string, number>(); // States (sorted, joined) -> days needed, for every set tried
  let cutCount = 0;
  const addCut = (states: readonly string[]) => {
    const S = [...new Set(states)].sort();
    const id = S.join(',');
    if (cutM.has(id)) return;
    const H = [...new Set(S.flatMap((s) => stateOf.get(s) ?? []))];
    const m = daysNeeded(H);
    cutM.set(id, m);
    if (m < 2 || cutCount >= MAX_CUTS) return;
    // Implied by a cut on fewer of these States needing as many days (each other State adds its own ≥ 1).
    if (S.length <= 5) for (let mask = 1; mask < (1 << S.length) - 1; mask++) if ((cutM.get(S.filter((_, i) => mask & (1 << i)).join(',')) ?? 0) >= m) return;
    cutCount++;
    const rhs = S.length + m - 1;
    rows.push(`cc${cutCount}: ${S.flatMap((s) => ysOf.get(s) ?? []).join(' + ')} + ${H.map((h) => `${rhs} u${h}`).join(' + ')} >= ${rhs}`);
  };
  const states = [...stateOf.keys()].sort();
  const linked = new Map(states.map((s) => [s, new Set<string>()]));
  for (const h of hearings) for (const a of h.states) for (const b of h.states) if (a !== b) linked.get(a)!.add(b);
  // Connected sets of up to four States, grown one linked State at a time (smaller first,
  // so a set whose cut a subset implies is known as such).
  let layer = states.map((s) => [s]);
  for (let size = 1; size <= 4 && layer.length > 0; size++) {
    for (const S of layer) addCut(S);
    if (size === 4) break;
    const next = new Map<string, string[]>();
    for (const S of layer)
      for (const s of S)
        for (const t of linked.get(s)!) {
          if (S.includes(t) || next.size >= MAX_CUT_SETS) continue;
          const grown = [...S, t].sort();
          next.set(grown.join(','), grown);
        }
    layer = [...next.values()];
  }
  for (const h of hearings) if (h.states.length > 3) addCut(h.states);
  for (const [, list] of commOf) {
    // The rapporteur's hearings in groups joined by shared States.
    const group = new Map<number, number>();
    let groups = 0;
    for (const first of list) {
      if (group.has(first)) continue;
      const stack = [first];
      group.set(first, groups);
      while (stack.length > 0) {
        const a = stack.pop()!;
        for (const b of list) if (!group.has(b) && hearings[a].states.some((s) => hearings[b].states.includes(s))) group.set(b, groups), stack.push(b);
      }
      groups++;
    }
    for (let g = 0; g < groups; g++) addCut(list.filter((h) => group.get(h) === g).flatMap((h) => hearings[h].states));
  }
  if (variant.maxSplits !== undefined && splitTerms.length > 0) rows.push(`split: ${splitTerms.join(' + ')} <= ${variant.maxSplits}`.replace(/\+ -1 /g, '- '));
  if (variant.minSplits !== undefined && variant.minSplits > 0 && splitTerms.length > 0)
    rows.push(`splitmin: ${splitTerms.join(' + ')} + ${hearings.map((h) => `${variant.minSplits} u${h.index}`).join(' + ')} >= ${variant.minSplits}`.replace(/\+ -1 /g, '- '));
  if (D > 1 && !variant.splitsOnly) {
    objective.push(`${WEIGHTS.loadSpread} lmax`, `-${WEIGHTS.loadSpread} lmin`);
    loads.forEach((terms, k) => {
      const sum = terms.length > 0 ? terms.join(' + ') : '0 lmax';
      rows.push(`lx${k}: ${sum} - lmax <= 0`);
      rows.push(`ln${k}: ${sum} - lmin >= 0`);
    });
  }
  const lp = [
    'Minimize',
    ` obj: ${objective.join('\n + ').replace(/\+ -/g, '- ') || '0 u0'}`,
    'Subject To',
    ...rows.map((r) => ` ${r.replace(/ \+ /g, '\n + ').replace(/ - /g, '\n - ')}`),
    'Bounds',
    ...hearings.map((h) => ` 0 <= u${h.index} <= 1`),
    ...(D > 1 && !variant.splitsOnly ? [' 0 <= lmax <= 100000', ' 0 <= lmin <= 100000'] : []),
    'Binary',
    ...binaries.map((b) => ` ${b}`),
    'End',
  ].join('\n');
  return { lp, position };
}

/**
 * A timetable's days as the day-level model numbers them (symmetric: renumbered by the
 * first hearing of each day in the model's order, as the representatives rule requires).
 */
function dayNumbering(prep: PreparedInstance, placements: readonly Placement[], position: Map<number, number>, symmetric: boolean): Map<number, number> {
  const byDay = new Map<number, number>(); // real day -> first position on it
  for (const p of placements) {
    const h = prep.byId.get(p.id);
    if (h) byDay.set(p.day, Math.min(byDay.get(p.day) ?? Infinity, position.get(h.index)!));
  }
  if (!symmetric) return new Map(prep.grid.days.map((_, d) => [d, d]));
  return new Map([...byDay].sort((a, b) => a[1] - b[1]).map(([day], k) => [day, k]));
}

/** Values of the day-level model's columns for a timetable: its warm start. */
function dayStartValues(prep: PreparedInstance, placements: readonly Placement[], position: Map<number, number>, symmetric: boolean): Map<string, number> {
  const renumber = dayNumbering(prep, placements, position, symmetric);
  const values = new Map<string, number>();
  const loads = prep.grid.days.map(() => 0);
  const stateKey = new Map<string, number>();
  for (const h of prep.hearings) for (const s of h.states) if (!stateKey.has(s)) stateKey.set(s, stateKey.size + 1);
  for (const h of prep.hearings) values.set(`u${h.index}`, 1);
  for (const p of placements) {
    const h = prep.byId.get(p.id);
    if (!h) continue;
    const k = renumber.get(p.day)!;
    values.set(`u${h.index}`, 0);
    values.set(`d${h.index}_${k}`, 1);
    loads[k] += h.length;
    for (const s of h.states) values.set(`y${stateKey.get(s)}_${k}`, 1).set(`z${stateKey.get(s)}`, 1);
  }
  values.set('lmax', Math.max(0, ...loads));
  values.set('lmin', Math.min(...loads));
  return values;
}

export interface BoundResult {
  /** A lower bound on the score of every timetable (HiGHS's bound on the day-level relaxation), or null. */
  bound: number | null;
  /** True when HiGHS closed the relaxation (its optimum is the bound). */
  optimal: boolean;
  status: string;
  nodes: number;
  /**
   * HiGHS's bound when it left the root node (after its cuts), or null when it never
   * reported one: against the final bound, how much the branching added.
   */
  rootBound: number | null;
  memoryBytes: number;
  /** The hearings (indices) on each day of HiGHS's best solution of the model, when it has one. */
  days?: number[][];
}

/**
 * HiGHS on the day-level relaxation, within a time limit and the memory ceiling, warm-started
 * from a timetable (`start`) or told the score in hand (`cutoff`) so it prunes whatever
 * cannot beat it.
 */
export async function solveDayBound(
  prep: PreparedInstance,
  options: {
    timeLimitSeconds?: number;
    cutoff?: number;
    start?: readonly Placement[];
    maxMemoryBytes?: number;
    relativeGap?: number;
    absoluteGap?: number;
    symmetric?: boolean;
    /** The split days alone as the objective, or a ceiling on them (buildDayModel). */
    variant?: DayVariant;
  } = {},
): Promise<BoundResult> {
  if (prep.hearings.length === 0) return { bound: 0, optimal: true, status: 'Empty', nodes: 0, rootBound: 0, memoryBytes: 0, days: prep.grid.days.map(() => []) };
  const symmetric = options.symmetric ?? false;
  const { lp, position } = buildDayModel(prep, symmetric, options.variant);
  const setUp = (model: Model) => {
    model.options.set({
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: options.relativeGap ?? 1e-4,
      mip_abs_gap: options.absoluteGap ?? 0.5,
      // Strong branching on every unreliable candidate costs most of the time on this model.
      mip_pscost_minreliable: 0,
      output_flag: false,
      ...(options.cutoff !== undefined && !options.start ? { objective_bound: options.cutoff + 1e-6 } : {}),
    });
    if (!options.start) return;
    // Every column of the model gets a value (absent from the start's values: 0).
    const stateCount = new Set(prep.hearings.flatMap((h) => h.states)).size;
    const names = [
      ...prep.hearings.flatMap((h) => [`u${h.index}`, ...prep.grid.days.map((_, k) => `d${h.index}_${k}`)]),
      ...Array.from({ length: stateCount }, (_, i) => [`z${i + 1}`, ...prep.grid.days.map((_, k) => `y${i + 1}_${k}`)]).flat(),
      'lmax',
      'lmin',
    ];
    setStart(model, names, dayStartValues(prep, options.start, position, symmetric));
  };
  return runHighs(lp, options.maxMemoryBytes ?? MIP_MEMORY_BYTES, setUp, (model, run): BoundResult => {
    let bound = infoOf(model, 'mip_dual_bound');
    // Pruned by the cutoff everywhere: nothing beats the timetable in hand, which is then optimal.
    if (options.cutoff !== undefined && !options.start && (run.status === 'objectiveBound' || run.status === 'infeasible')) bound = options.cutoff;
    // Under a cutoff HiGHS proves only that nothing scores below it: its "optimal" may come
    // with a bound above it (50 requests, cutoff 7,999.5: bound 18,000 where 8,000 exists).
    if (options.cutoff !== undefined && !options.start && bound !== null) bound = Math.min(bound, options.cutoff);
    let days: number[][] | undefined;
    const primal = infoOf(model, 'objective_function_value');
    if (primal !== null && Math.abs(primal) < 1e20) {
      const colValue = model.getSolution().colValue;
      days = prep.grid.days.map(() => []);
      for (const h of prep.hearings)
        for (let k = 0; k < prep.grid.days.length; k++) {
          const col = columnOf(model, `d${h.index}_${k}`);
          if (col >= 0 && colValue[col] > 0.5) days[k].push(h.index);
        }
    }
    return {
      bound: bound !== null && bound > -1e20 && bound < 1e20 ? bound : null,
      optimal: run.optimal,
      status: run.status,
      nodes: infoOf(model, 'mip_node_count') ?? 0,
      rootBound: run.rootBound,
      memoryBytes: run.memoryBytes,
      ...(days ? { days } : {}),
    };
  });
}

/**
 * Real days for the days of a symmetric solution: day k goes to a date none of its
 * hearings is unavailable on (a bipartite matching, augmenting paths), or null.
 */
export function matchDays(prep: PreparedInstance, days: readonly (readonly number[])[]): number[] | null {
  const D = prep.grid.days.length;
  const fits = (k: number, d: number) => days[k].every((h) => !prep.hearings[h].unavailable[d]);
  const owner = new Array<number>(D).fill(-1); // real day -> model day
  const augment = (k: number, seen: boolean[]): boolean => {
    for (let d = 0; d < D; d++) {
      if (seen[d] || !fits(k, d)) continue;
      seen[d] = true;
      if (owner[d] < 0 || augment(owner[d], seen)) {
        owner[d] = k;
        return true;
      }
    }
    return false;
  };
  for (let k = 0; k < days.length; k++) if (!augment(k, new Array<boolean>(D).fill(false))) return null;
  const real = new Array<number>(days.length).fill(-1);
  owner.forEach((k, d) => {
    if (k >= 0) real[k] = d;
  });
  return real;
}

/**
 * A timetable with the day-level model's days: each hearing kept to its day (as if every
 * other date were unavailable to it), slots and rooms chosen by the time-indexed model,
 * which is small then. Null when the days cannot be given real dates.
 */
export async function realizeDays(prep: PreparedInstance, days: readonly (readonly number[])[], options: { timeLimitSeconds?: number; maxMemoryBytes?: number } = {}): Promise<MipResult | null> {
  const real = matchDays(prep, days);
  if (!real) return null;
  const dayOf = new Map<number, number>();
  days.forEach((list, k) => list.forEach((h) => dayOf.set(h, real[k])));
  const { instance } = prep;
  const kept: Instance = {
    ...instance,
    hearings: instance.hearings.map((h, i) => ({ ...h, unavailableDates: instance.grid.days.filter((_, d) => d !== dayOf.get(i)) })),
  };
  return solveMip(prepare(kept), { timeLimitSeconds: options.timeLimitSeconds ?? 2, maxMemoryBytes: options.maxMemoryBytes });
}
