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
import { type Prepared, type PreparedInstance, WEIGHTS } from './model';
import { assignRooms } from './search';

type Callback = (event: { data: { running_time?: number }; interrupt?: () => void }) => undefined;
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

/**
 * Solves the model (objective equal to evaluate()'s score) within the time limit,
 * warm-started from `start` when given, so the answer is never worse than it. Throws
 * MipAborted when the WebAssembly runtime fails (e.g. out of memory); the runtime is
 * then dropped so the next call starts from a fresh one.
 */
export async function solveMip(prep: PreparedInstance, options: MipOptions = {}): Promise<MipResult> {
  if (prep.hearings.length === 0) return { placements: [], status: 'Empty', optimal: true, bound: 0, nodes: 0, memoryBytes: 0 };
  const maxMemory = options.maxMemoryBytes ?? MIP_MEMORY_BYTES;
  let solver = await loadHighs();
  if (solver.memoryBytes > maxMemory) {
    // Memory a previous solve grew never comes back: start over with a fresh runtime.
    highs = undefined;
    solver = await loadHighs();
  }
  const { lp, vars } = buildModel(prep);
  let model: Model;
  try {
    model = solver.createModel({ format: 'lp', data: lp });
  } catch (error) {
    highs = undefined;
    throw new MipAborted(`model not loaded: ${(error as Error).message.slice(0, 200)}`);
  }
  let overMemory = false;
  try {
    model.options.set({
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: options.relativeGap ?? 1e-4,
      // Proven to within 0.5: below one unit of the last goal (the tie-break, at most 1 in all).
      mip_abs_gap: options.absoluteGap ?? 0.5,
      output_flag: false,
    });
    if (options.start) {
      const indices: number[] = [];
      const values: number[] = [];
      const given = startValues(prep, options.start);
      for (const name of [...vars.keys(), ...prep.hearings.map((h) => `u${h.index}`), 'lmax', 'lmin', ...[...given.keys()].filter((k) => /^[yz]_/.test(k))]) {
        let col = -1;
        try {
          col = model.getColByName(name);
        } catch {
          col = -1; // a column the model does not have (single day, a State with one hearing)
        }
        if (col >= 0) {
          indices.push(col);
          values.push(given.get(name) ?? 0);
        }
      }
      model.setSolution({ indices, values });
    }
    // The memory ceiling, checked wherever HiGHS lets JavaScript interrupt it.
    const guard: Callback = (event) => {
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
    const colValue = model.getSolution().colValue;
    const chosen: { h: number; day: number; slot: number }[] = [];
    for (const [name, where] of vars) {
      let col = -1;
      try {
        col = model.getColByName(name);
      } catch {
        col = -1;
      }
      if (col >= 0 && colValue[col] > 0.5) chosen.push(where);
    }
    const optimal = code === solver.constants.modelStatus.optimal;
    const bound = infoOf(model, 'mip_dual_bound');
    return {
      placements: assignRooms(prep, chosen),
      status,
      optimal,
      bound: bound !== null && bound > -1e20 ? bound : null,
      nodes: infoOf(model, 'mip_node_count') ?? 0,
      memoryBytes: solver.memoryBytes,
    };
  } finally {
    try {
      model.dispose();
    } catch {
      highs = undefined; // a runtime that cannot even dispose is not reused
    }
    if (overMemory) highs = undefined;
  }
}

/**
 * The day-level relaxation, for the bound: d[h,k] = 1 when hearing h is on day k, with
 * "no overlap" aggregated over each day as capacities (rooms: Σ length ≤ R·T; a State's
 * delegation and a rapporteur: Σ length ≤ T), each hearing's capital-hours and tie-break
 * costs at their cheapest slot of the day, and "same day" linked twice: per hearing
 * (d[h,k] ≤ y[s,k], the disaggregated form) and by the State's whole length
 * (Σ length·d ≤ T·y[s,k]), with the integer round-up Σ_k y[s,k] ≥ ⌈demand / T⌉ as a cut.
 * Every timetable gives a solution of it with no greater cost (dropping the slots only
 * forgets constraints), so its optimum, and HiGHS's bound on it, bound the score from
 * below; with n·D binaries instead of n·D·T it is small enough to branch on at Period
 * sizes, where the time-indexed model does not leave its root (bench/scheduling.ts).
 */
export function buildDayModel(prep: PreparedInstance, symmetric = false): { lp: string } {
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
  // Symmetric: the days made identical (unavailable dates dropped, each hearing's cost the
  // cheapest over every day), a further relaxation in which the j-th hearing may take only
  // the first j + 1 days (any timetable's days can be renumbered so) — the standard way to
  // break the symmetry between identical bins, without which branching revisits every
  // permutation of the days.
  const order = new Map([...hearings].sort((a, b) => b.length - a.length || b.commissioners.length - a.commissioners.length || a.index - b.index).map((h, j) => [h.index, j]));
  const onDay = (h: number, k: number) => hearings[h].length <= T && (symmetric ? k <= order.get(h)! : !hearings[h].unavailable[k]);
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
      if (cheapest !== 0) objective.push(`${num(cheapest)} ${x}`);
      loads[k].push(`${h.length} ${x}`);
    }
    objective.push(`${num(WEIGHTS.unplaced + h.tieWeight * WEIGHTS.tieBreak)} u${h.index}`);
    rows.push(`a${h.index}: ${[...mine, `u${h.index}`].join(' + ')} = 1`);
  }
  for (let k = 0; k < D; k++) if (loads[k].length > 0) rows.push(`room${k}: ${loads[k].join(' + ')} <= ${R * T}`);
  let key = 0;
  for (const [, list] of commOf) {
    key++;
    for (let k = 0; k < D; k++) {
      const terms = list.filter((h) => onDay(h, k)).map((h) => `${hearings[h].length} ${v(h, k)}`);
      if (terms.length > 1) rows.push(`cm${key}_${k}: ${terms.join(' + ')} <= ${T}`);
    }
  }
  key = 0;
  for (const [, list] of stateOf) {
    key++;
    const demand = list.reduce((sum, h) => sum + hearings[h].length, 0);
    const ys: string[] = [];
    for (let k = 0; k < D; k++) {
      const here = list.filter((h) => onDay(h, k));
      if (here.length === 0) continue;
      const y = `y${key}_${k}`;
      ys.push(y);
      for (const h of here) rows.push(`g${h}_${key}_${k}: ${v(h, k)} - ${y} <= 0`);
      rows.push(`gc${key}_${k}: ${here.map((h) => `${hearings[h].length} ${v(h, k)}`).join(' + ')} - ${T} ${y} <= 0`);
      if (list.length > 1) objective.push(`${WEIGHTS.splitDays} ${y}`);
      binaries.push(y);
    }
    if (list.length < 2 || ys.length === 0) continue;
    // Days beyond the first cost: z earns the first back when the State meets at all.
    objective.push(`-${WEIGHTS.splitDays} z${key}`);
    binaries.push(`z${key}`);
    rows.push(`zs${key}: z${key} - ${ys.join(' - ')} <= 0`);
    // A State meets at most T slots a day: a whole number of days for its whole demand, unless some of it is left out.
    const need = Math.ceil(demand / T);
    if (need > 1) rows.push(`yc${key}: ${ys.join(' + ')} + ${list.map((h) => `${need} u${h}`).join(' + ')} >= ${need}`);
  }
  if (D > 1) {
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
    ...(D > 1 ? [' 0 <= lmax <= 100000', ' 0 <= lmin <= 100000'] : []),
    'Binary',
    ...binaries.map((b) => ` ${b}`),
    'End',
  ].join('\n');
  return { lp };
}

export interface BoundResult {
  /** A lower bound on the score of every timetable (HiGHS's bound on the day-level relaxation), or null. */
  bound: number | null;
  /** True when HiGHS closed the relaxation (its optimum is the bound). */
  optimal: boolean;
  status: string;
  nodes: number;
  memoryBytes: number;
}

/**
 * HiGHS on the day-level relaxation, within a time limit and the memory ceiling, told the
 * score of the timetable in hand (`cutoff`) so it prunes whatever cannot beat it.
 */
export async function solveDayBound(
  prep: PreparedInstance,
  options: { timeLimitSeconds?: number; cutoff?: number; maxMemoryBytes?: number; relativeGap?: number; absoluteGap?: number; symmetric?: boolean } = {},
): Promise<BoundResult> {
  if (prep.hearings.length === 0) return { bound: 0, optimal: true, status: 'Empty', nodes: 0, memoryBytes: 0 };
  const maxMemory = options.maxMemoryBytes ?? MIP_MEMORY_BYTES;
  let solver = await loadHighs();
  if (solver.memoryBytes > maxMemory) {
    highs = undefined;
    solver = await loadHighs();
  }
  let model: Model;
  try {
    model = solver.createModel({ format: 'lp', data: buildDayModel(prep, options.symmetric).lp });
  } catch (error) {
    highs = undefined;
    throw new MipAborted(`model not loaded: ${(error as Error).message.slice(0, 200)}`);
  }
  let overMemory = false;
  try {
    model.options.set({
      time_limit: options.timeLimitSeconds ?? 10,
      // The question is "within 1 %?" of the timetable in hand: stop once the bound says so.
      mip_rel_gap: options.relativeGap ?? 1e-3,
      mip_abs_gap: options.absoluteGap ?? 0.5,
      output_flag: false,
      ...(options.cutoff !== undefined ? { objective_bound: options.cutoff + 1e-6 } : {}),
    });
    const guard: Callback = (event) => {
      if (solver.memoryBytes > maxMemory) {
        overMemory = true;
        event.interrupt?.();
      }
      return undefined;
    };
    const types = solver.constants.callbackType;
    const callbacks: Record<number, Callback> = {};
    for (const k of ['simplexInterrupt', 'ipmInterrupt', 'mipInterrupt']) if (types[k] !== undefined) callbacks[types[k]] = guard;
    try {
      model.run(callbacks);
    } catch (error) {
      highs = undefined;
      throw new MipAborted(`HiGHS stopped: ${(error as Error).message.slice(0, 200)}`);
    }
    const code = model.getModelStatus();
    const status = overMemory ? 'memory limit' : (Object.entries(solver.constants.modelStatus).find(([, x]) => x === code)?.[0] ?? String(code));
    let bound = infoOf(model, 'mip_dual_bound');
    // Pruned by the cutoff everywhere: nothing beats the timetable in hand, which is then optimal.
    if (options.cutoff !== undefined && (status === 'objectiveBound' || status === 'infeasible')) bound = options.cutoff;
    return {
      bound: bound !== null && bound > -1e20 && bound < 1e20 ? bound : null,
      optimal: code === solver.constants.modelStatus.optimal,
      status,
      nodes: infoOf(model, 'mip_node_count') ?? 0,
      memoryBytes: solver.memoryBytes,
    };
  } finally {
    try {
      model.dispose();
    } catch {
      highs = undefined;
    }
    if (overMemory) highs = undefined;
  }
}
