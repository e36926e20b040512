// The exact model, solved with HiGHS (WebAssembly). Rooms are interchangeable, so the
// model picks (day, slot) per hearing under "at most R hearings at once" and rooms are
// given afterwards by interval partitioning, which is exact for intervals on a line:
// if no more than R hearings overlap at any time, R rooms suffice.
import type { Placement } from './grid';
import { type PreparedInstance, WEIGHTS } from './model';

type Model = {
  options: { set(values: Record<string, unknown>): void };
  getColByName(name: string): number;
  setSolution(solution: { indices: number[]; values: number[] }): unknown;
  run(): unknown;
  getModelStatus(): number;
  getSolution(): { colValue: Float64Array };
  dispose(): void;
};
type Highs = { createModel(data: { format: 'lp'; data: string }): Model; constants: { modelStatus: Record<string, number> } };
let highs: Promise<Highs> | undefined;
const loadHighs = () => (highs ??= import('highs').then((m) => ((m as unknown as { default: () => Promise<Highs> }).default ?? m)()));

export interface MipResult {
  placements: Placement[];
  status: string;
  /** True when HiGHS proved the optimum (not stopped by the time limit). */
  optimal: boolean;
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
      for (const h of hearings) {
        if (!h.states.includes(s)) continue;
        const terms = dayTerms.get(`${h.index}|${d}`);
        if (!terms) continue;
        used = true;
        rows.push(`g${h.index}_${s}_${d}: ${terms.join(' + ')} - ${y} <= 0`);
      }
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

/** Gives rooms to (day, slot) choices: earliest start first, lowest free room. */
export function assignRooms(prep: PreparedInstance, chosen: { h: number; day: number; slot: number }[]): Placement[] {
  const out: Placement[] = [];
  const byDay = new Map<number, typeof chosen>();
  for (const c of chosen) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  for (const [day, list] of byDay) {
    const freeAt = prep.grid.rooms.map(() => 0);
    list.sort((a, b) => a.slot - b.slot || a.h - b.h);
    for (const c of list) {
      const h = prep.hearings[c.h];
      const room = freeAt.findIndex((f) => f <= c.slot);
      if (room < 0) continue; // cannot happen when the capacity rows hold
      freeAt[room] = c.slot + h.length;
      out.push({ id: h.id, day, slot: c.slot, length: h.length, room });
    }
  }
  return out;
}

export interface MipOptions {
  timeLimitSeconds?: number;
  /** A timetable to start from (the heuristic's): HiGHS then only looks for better ones. */
  start?: readonly Placement[];
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

/**
 * Solves the model (objective equal to evaluate()'s score) within the time limit,
 * warm-started from `start` when given, so the answer is never worse than it.
 */
export async function solveMip(prep: PreparedInstance, options: MipOptions = {}): Promise<MipResult> {
  if (prep.hearings.length === 0) return { placements: [], status: 'Empty', optimal: true };
  const solver = await loadHighs();
  const { lp, vars } = buildModel(prep);
  const model = solver.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({
      time_limit: options.timeLimitSeconds ?? 10,
      mip_rel_gap: 1e-9,
      // Proven to within 0.5: below one unit of the last goal (the tie-break, at most 1 in all).
      mip_abs_gap: 0.5,
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
    model.run();
    const code = model.getModelStatus();
    const status = Object.entries(solver.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
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
    return { placements: assignRooms(prep, chosen), status, optimal: code === solver.constants.modelStatus.optimal };
  } finally {
    model.dispose();
  }
}
