// The scheduling problem as plain data and pure rules: the hard constraints (checked for
// one placement and for a whole timetable), the score of a timetable (soft goals in
// order, as weights), and the Board both solvers and manual moves work on.
import { OAS_STATES } from '../shared/states';
import { type Grid, type Placement, insideGrid, instantsOf, localOf, slotsNeeded } from './grid';
import { nationalsOf } from '../shared/commissioners';

export interface HearingToPlace {
  id: string;
  states: string[];
  submittedAt: string;
  unavailableDates?: string[];
}

/** Country rapporteurships: the commissioner(s) reporting on each State (rapporteurships.ts edits them). */
export type Rapporteurships = Record<string, string[]>;

/**
 * The commissioners a hearing needs: the rapporteurs of its States, minus any national
 * of one of those States (never required, Art. 17).
 */
export function requiredCommissioners(states: readonly string[], rapporteurs: Rapporteurships): string[] {
  const needed = new Set(states.flatMap((s) => rapporteurs[s] ?? []));
  for (const s of states) for (const c of nationalsOf(s)) needed.delete(c.id);
  return [...needed].sort();
}

export interface Instance {
  grid: Grid;
  hearings: HearingToPlace[];
  rapporteurs: Rapporteurships;
}

export type Constraint = 'grid' | 'unavailable' | 'room' | 'state' | 'commissioner';

/** Why a hearing cannot go somewhere: the constraint, the resource, and who holds it. */
export interface Clash {
  constraint: Constraint;
  /** A State code, a commissioner id, a room name or a date. */
  resource?: string;
  /** The hearing already holding the resource. */
  with?: string;
}

/**
 * Soft goals in the order of the issue, as weights: lexicographic as long as each
 * count stays under the ratio to the next weight (true at Periods of Sessions sizes;
 * a weighted sum beyond). tieBreak is at most 1.
 */
export const WEIGHTS = { unplaced: 100_000, splitDays: 1_000, outsideCapitalHours: 100, loadSpread: 10, tieBreak: 1 } as const;

export interface ScoreBreakdown {
  unplaced: number;
  splitDays: number;
  outsideCapitalHours: number;
  loadSpread: number;
  tieBreak: number;
}

export const scoreOf = (b: ScoreBreakdown) =>
  b.unplaced * WEIGHTS.unplaced +
  b.splitDays * WEIGHTS.splitDays +
  b.outsideCapitalHours * WEIGHTS.outsideCapitalHours +
  b.loadSpread * WEIGHTS.loadSpread +
  b.tieBreak * WEIGHTS.tieBreak;

/** A hearing with everything the solvers need precomputed. */
export interface Prepared {
  index: number;
  id: string;
  states: string[];
  length: number;
  commissioners: string[];
  /** 0 = submitted first. */
  rank: number;
  /** Weight of the tie-break: earlier-submitted hearings weigh more. */
  tieWeight: number;
  unavailable: boolean[];
}

export interface PreparedInstance {
  instance: Instance;
  grid: Grid;
  hearings: Prepared[];
  byId: Map<string, Prepared>;
  /** capital[h][day][slot]: States of h whose capital sees the hearing outside 08:00-18:00 (online only). */
  capital: number[][][];
}

// Local start (minutes after midnight in a capital) per grid cell: Intl conversions are the
// slow part of prepare() (a second at 400 requests), so each start instant is converted
// once per time zone, whatever the hearing's length or States.
const startCache = new Map<string, Date>();
const localCache = new Map<string, number>();
function outsideCapitalHours(grid: Grid, state: string, day: number, slot: number, length: number): number {
  const zone = OAS_STATES[state as keyof typeof OAS_STATES];
  if (!zone) return 0;
  const cell = `${grid.timeZone}|${grid.days[day]}|${grid.dayStart}|${grid.slotMinutes}|${slot}`;
  let start = startCache.get(cell);
  if (!start) startCache.set(cell, (start = instantsOf(grid, { day, slot, length: 1 }).start));
  const key = `${zone}|${start.getTime()}`;
  let minutes = localCache.get(key);
  if (minutes === undefined) localCache.set(key, (minutes = localOf(start, zone).minutes));
  return minutes < 8 * 60 || minutes + length * grid.slotMinutes > 18 * 60 ? 1 : 0;
}

export function prepare(instance: Instance): PreparedInstance {
  const { grid } = instance;
  const order = [...instance.hearings].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  const rank = new Map(order.map((h, i) => [h.id, i]));
  const n = Math.max(1, instance.hearings.length);
  const hearings = instance.hearings.map((h, index): Prepared => {
    const r = rank.get(h.id)!;
    const unavailable = new Set(h.unavailableDates ?? []);
    return {
      index,
      id: h.id,
      states: [...new Set(h.states)],
      length: slotsNeeded([...new Set(h.states)]),
      commissioners: requiredCommissioners(h.states, instance.rapporteurs),
      rank: r,
      tieWeight: (n - r) / (n * n),
      unavailable: grid.days.map((d) => unavailable.has(d)),
    };
  });
  const capital = hearings.map((h) =>
    grid.days.map((_, d) =>
      Array.from({ length: grid.slotsPerDay }, (_, t) =>
        grid.online && t + h.length <= grid.slotsPerDay ? h.states.reduce((sum, s) => sum + outsideCapitalHours(grid, s, d, t, h.length), 0) : 0,
      ),
    ),
  );
  return { instance, grid, hearings, byId: new Map(hearings.map((h) => [h.id, h])), capital };
}

/** Position of a start in the whole grid, in [0, 1). */
const positionOf = (grid: Grid, day: number, slot: number) => (day * grid.slotsPerDay + slot) / Math.max(1, grid.days.length * grid.slotsPerDay);

/**
 * A timetable being built: who holds each room, State and commissioner at each time,
 * with the score's components kept up to date so a move is priced in O(States + days).
 */
export class Board {
  readonly placements = new Map<string, Placement>();
  private rooms = new Map<string, string>();
  private states = new Map<string, string>();
  private commissioners = new Map<string, string>();
  private stateDays = new Map<string, number>();
  private distinctDays = new Map<string, number>();
  readonly loads: number[];
  splitDays = 0;
  capitalSum = 0;
  tieSum = 0;

  constructor(readonly prep: PreparedInstance) {
    this.loads = prep.grid.days.map(() => 0);
    this.tieSum = prep.hearings.reduce((s, h) => s + h.tieWeight, 0);
  }

  /** Everything that stops `h` from starting at (day, slot) in `room` (empty: it fits). */
  clashes(h: Prepared, day: number, slot: number, room: number): Clash[] {
    const { grid } = this.prep;
    if (!insideGrid(grid, { day, slot, length: h.length, room })) return [{ constraint: 'grid' }];
    const out: Clash[] = [];
    if (h.unavailable[day]) out.push({ constraint: 'unavailable', resource: grid.days[day] });
    for (let t = slot; t < slot + h.length; t++) {
      const holder = this.rooms.get(`${day}:${t}:${room}`);
      if (holder && holder !== h.id) out.push({ constraint: 'room', resource: grid.rooms[room], with: holder });
      for (const s of h.states) {
        const other = this.states.get(`${s}|${day}:${t}`);
        if (other && other !== h.id) out.push({ constraint: 'state', resource: s, with: other });
      }
      for (const c of h.commissioners) {
        const other = this.commissioners.get(`${c}|${day}:${t}`);
        if (other && other !== h.id) out.push({ constraint: 'commissioner', resource: c, with: other });
      }
    }
    const seen = new Set<string>();
    return out.filter((c) => {
      const k = `${c.constraint}|${c.resource}|${c.with}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  }

  /** The lowest room where `h` fits at (day, slot), or -1. */
  freeRoom(h: Prepared, day: number, slot: number): number {
    for (let r = 0; r < this.prep.grid.rooms.length; r++) if (this.clashes(h, day, slot, r).length === 0) return r;
    return -1;
  }

  place(h: Prepared, day: number, slot: number, room: number) {
    const { grid } = this.prep;
    this.placements.set(h.id, { id: h.id, day, slot, length: h.length, room });
    for (let t = slot; t < slot + h.length; t++) {
      this.rooms.set(`${day}:${t}:${room}`, h.id);
      for (const s of h.states) this.states.set(`${s}|${day}:${t}`, h.id);
      for (const c of h.commissioners) this.commissioners.set(`${c}|${day}:${t}`, h.id);
    }
    for (const s of h.states) {
      const k = `${s}|${day}`;
      const count = this.stateDays.get(k) ?? 0;
      this.stateDays.set(k, count + 1);
      if (count === 0) {
        const distinct = (this.distinctDays.get(s) ?? 0) + 1;
        this.distinctDays.set(s, distinct);
        if (distinct > 1) this.splitDays++;
      }
    }
    this.loads[day] += h.length;
    this.capitalSum += this.prep.capital[h.index][day][slot];
    this.tieSum += h.tieWeight * (positionOf(grid, day, slot) - 1);
  }

  remove(h: Prepared) {
    const p = this.placements.get(h.id);
    if (!p) return undefined;
    const { grid } = this.prep;
    this.placements.delete(h.id);
    for (let t = p.slot; t < p.slot + p.length; t++) {
      this.rooms.delete(`${p.day}:${t}:${p.room}`);
      for (const s of h.states) this.states.delete(`${s}|${p.day}:${t}`);
      for (const c of h.commissioners) this.commissioners.delete(`${c}|${p.day}:${t}`);
    }
    for (const s of h.states) {
      const k = `${s}|${p.day}`;
      const count = this.stateDays.get(k)! - 1;
      this.stateDays.set(k, count);
      if (count === 0) {
        const distinct = this.distinctDays.get(s)! - 1;
        this.distinctDays.set(s, distinct);
        if (distinct >= 1) this.splitDays--;
      }
    }
    this.loads[p.day] -= p.length;
    this.capitalSum -= this.prep.capital[h.index][p.day][p.slot];
    this.tieSum -= h.tieWeight * (positionOf(grid, p.day, p.slot) - 1);
    return p;
  }

  spread(extraDay = -1, extra = 0): number {
    let max = -Infinity;
    let min = Infinity;
    for (let d = 0; d < this.loads.length; d++) {
      const l = this.loads[d] + (d === extraDay ? extra : 0);
      if (l > max) max = l;
      if (l < min) min = l;
    }
    return this.loads.length === 0 ? 0 : max - min;
  }

  breakdown(): ScoreBreakdown {
    return {
      unplaced: this.prep.hearings.length - this.placements.size,
      splitDays: this.splitDays,
      outsideCapitalHours: this.capitalSum,
      loadSpread: this.spread(),
      tieBreak: Math.max(0, this.tieSum),
    };
  }

  score = () => scoreOf(this.breakdown());

  /** The score change of placing the (unplaced) hearing h at (day, slot). */
  deltaOf(h: Prepared, day: number, slot: number): number {
    let split = 0;
    for (const s of h.states) if ((this.stateDays.get(`${s}|${day}`) ?? 0) === 0 && (this.distinctDays.get(s) ?? 0) >= 1) split++;
    return (
      -WEIGHTS.unplaced +
      split * WEIGHTS.splitDays +
      this.prep.capital[h.index][day][slot] * WEIGHTS.outsideCapitalHours +
      (this.spread(day, h.length) - this.spread()) * WEIGHTS.loadSpread +
      h.tieWeight * (positionOf(this.prep.grid, day, slot) - 1) * WEIGHTS.tieBreak
    );
  }
}

/** Checks a whole timetable against every hard constraint; returns each clash found. */
export function violations(prep: PreparedInstance, placements: readonly Placement[]): (Clash & { id: string })[] {
  const board = new Board(prep);
  const out: (Clash & { id: string })[] = [];
  for (const p of placements) {
    const h = prep.byId.get(p.id);
    if (!h) {
      out.push({ id: p.id, constraint: 'grid' });
      continue;
    }
    if (p.length !== h.length) out.push({ id: p.id, constraint: 'grid' });
    if (board.placements.has(h.id)) out.push({ id: p.id, constraint: 'grid', with: h.id });
    const found = board.clashes(h, p.day, p.slot, p.room);
    out.push(...found.map((c) => ({ ...c, id: p.id })));
    if (found.every((c) => c.constraint !== 'grid')) board.place(h, p.day, p.slot, p.room);
  }
  return out;
}

/** The score of a timetable computed from scratch (the yardstick for both solvers). */
export function evaluate(prep: PreparedInstance, placements: readonly Placement[]): { score: number; breakdown: ScoreBreakdown } {
  const board = new Board(prep);
  for (const p of placements) {
    const h = prep.byId.get(p.id);
    if (h) board.place(h, p.day, p.slot, p.room);
  }
  const breakdown = board.breakdown();
  return { score: scoreOf(breakdown), breakdown };
}
