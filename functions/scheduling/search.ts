// Simulated annealing over the model's timetables (model.ts: the same hard constraints,
// the same score), started from the heuristic's timetable. Why: the greedy + descent
// heuristic stops at the first local optimum, mostly with States split over days it could
// have kept together (measured in bench/scheduling.ts). Annealing with moves that push
// hearings out of the way (and put them back at their best place) leaves those optima.
//
// The state is kept in typed arrays so a move is priced incrementally: the score's parts
// (unplaced, split days, capital hours, load spread, tie-break) are maintained as hearings
// are taken out and put back, and a move costs O(length × (States + commissioners) + days).
// Rooms are not searched: rooms are interchangeable, so "at most R hearings at any time"
// is the whole room constraint, and rooms are given at the end by interval partitioning
// (exact on a line, assignRooms). Deterministic: the PRNG is seeded and the stopping rule
// is a count of evaluations; the wall-clock limit is a safety net only (and the result
// says when it was the one that stopped the search).
import type { Placement } from './grid';
import { type PreparedInstance, WEIGHTS } from './model';

export interface SearchOptions {
  /** Seed of the PRNG (mulberry32): the same instance, start and seed give the same timetable. */
  seed?: number;
  /** Moves evaluated before stopping; this, not the clock, decides the answer. */
  evaluations?: number;
  /** Safety net: stop after this many milliseconds even if evaluations remain. */
  maxMs?: number;
  /** Starting temperature in score units (default: from the weights). */
  t0?: number;
  /** Final temperature. */
  t1?: number;
  /**
   * Weight of a guide the annealing follows besides the score (0: the score alone, as the
   * reference runs): minus this × FastBoard.concentration, so moving a hearing towards the
   * days its States already meet pays before the last one leaves a day and the split-day
   * count drops. The best timetable is kept by the score alone.
   */
  concentrate?: number;
}

export interface SearchResult {
  placements: Placement[];
  score: number;
  /** Moves evaluated. */
  evaluations: number;
  /** True when the wall-clock safety net stopped the search before its evaluation budget. */
  timedOut: boolean;
  ms: number;
}

/**
 * The annealing's default evaluations (the unit bench/scheduling.ts scales for a reference
 * it has to compute; the solver itself runs daySearch, DAY_EVALUATIONS). Timed when it was
 * the solver's budget: the whole solve at 400 requests took 2.6 s with the machine at load ~4.
 */
export const DEFAULT_EVALUATIONS = 400_000;

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gives rooms to (day, slot) choices: earliest start first, lowest free room (exact for intervals). */
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
      if (room < 0) continue; // cannot happen when at most R hearings overlap
      freeAt[room] = c.slot + h.length;
      out.push({ id: h.id, day, slot: c.slot, length: h.length, room });
    }
  }
  return out;
}

/** The timetable state with every score component kept up to date. */
export class FastBoard {
  readonly n: number;
  readonly D: number;
  readonly T: number;
  readonly R: number;
  readonly len: Int32Array;
  readonly hStates: Int32Array[];
  readonly hComms: Int32Array[];
  readonly unavailable: Uint8Array[];
  readonly tieW: Float64Array;
  /** capital[h][d*T+t] */
  readonly capital: Float64Array[];
  readonly stateHearings: Int32Array[];
  readonly day: Int32Array;
  readonly slot: Int32Array;
  /** Holder (hearing + 1) of a State / commissioner at each cell; 0 = free. */
  private stateAt: Int32Array;
  private commAt: Int32Array;
  /** Hearings holding each cell, up to R of them (hearing + 1, 0 = none). */
  private cellAt: Int32Array;
  private cellCount: Int32Array;
  /** Hearings of State s on day d at [s * D + d]; days State s meets at [s]. */
  readonly stateDay: Int32Array;
  readonly distinct: Int32Array;
  readonly loads: Int32Array;
  /** Slots a State / a commissioner is busy on a day, at [s * D + d] / [c * D + d]: what a day can still take. */
  readonly stateLoad: Int32Array;
  readonly commLoad: Int32Array;
  /** The hearings placed on each day (day d's at [d * n, d * n + dayCount[d])), and each one's index there. */
  readonly dayMembers: Int32Array;
  readonly dayCount: Int32Array;
  private dayPos: Int32Array;
  /** Σ over States and days of (hearings of the State that day)²: larger when States meet on fewer days. */
  concentration = 0;
  unplaced: number;
  split = 0;
  capitalSum = 0;
  tieSum = 0;

  constructor(readonly prep: PreparedInstance) {
    const { grid, hearings } = prep;
    this.n = hearings.length;
    this.D = grid.days.length;
    this.T = grid.slotsPerDay;
    this.R = grid.rooms.length;
    const states = new Map<string, number>();
    const comms = new Map<string, number>();
    for (const h of hearings) {
      for (const s of h.states) if (!states.has(s)) states.set(s, states.size);
      for (const c of h.commissioners) if (!comms.has(c)) comms.set(c, comms.size);
    }
    const cells = this.D * this.T;
    this.len = Int32Array.from(hearings.map((h) => h.length));
    this.hStates = hearings.map((h) => Int32Array.from(h.states.map((s) => states.get(s)!)));
    this.hComms = hearings.map((h) => Int32Array.from(h.commissioners.map((c) => comms.get(c)!)));
    this.unavailable = hearings.map((h) => Uint8Array.from(h.unavailable.map((u) => (u ? 1 : 0))));
    this.tieW = Float64Array.from(hearings.map((h) => h.tieWeight));
    this.capital = hearings.map((h) => {
      const a = new Float64Array(cells);
      for (let d = 0; d < this.D; d++) for (let t = 0; t < this.T; t++) a[d * this.T + t] = prep.capital[h.index][d][t];
      return a;
    });
    const byState: number[][] = [...states.keys()].map(() => []);
    hearings.forEach((h, i) => this.hStates[i].forEach((s) => byState[s].push(i)));
    this.stateHearings = byState.map((l) => Int32Array.from(l));
    this.day = new Int32Array(this.n).fill(-1);
    this.slot = new Int32Array(this.n).fill(-1);
    this.stateAt = new Int32Array(states.size * cells);
    this.commAt = new Int32Array(comms.size * cells);
    this.cellAt = new Int32Array(cells * Math.max(1, this.R));
    this.cellCount = new Int32Array(cells);
    this.stateDay = new Int32Array(states.size * Math.max(1, this.D));
    this.distinct = new Int32Array(states.size);
    this.loads = new Int32Array(this.D);
    this.stateLoad = new Int32Array(states.size * Math.max(1, this.D));
    this.commLoad = new Int32Array(comms.size * Math.max(1, this.D));
    this.dayMembers = new Int32Array(Math.max(1, this.n * this.D));
    this.dayCount = new Int32Array(this.D);
    this.dayPos = new Int32Array(this.n);
    this.unplaced = this.n;
    // Unplaced hearings count their whole tie weight (as Board does).
    for (let i = 0; i < this.n; i++) this.tieSum += this.tieW[i];
  }

  private pos(d: number, t: number) {
    return (d * this.T + t) / Math.max(1, this.D * this.T);
  }

  /** True when h may start at (d, t): inside the grid, available, no State/commissioner/room clash. */
  fits(h: number, d: number, t: number): boolean {
    const L = this.len[h];
    if (t < 0 || t + L > this.T || d < 0 || d >= this.D || this.unavailable[h][d]) return false;
    const cells = this.D * this.T;
    const base = d * this.T + t;
    for (let k = base; k < base + L; k++) {
      if (this.cellCount[k] >= this.R) return false;
      for (const s of this.hStates[h]) if (this.stateAt[s * cells + k] !== 0) return false;
      for (const c of this.hComms[h]) if (this.commAt[c * cells + k] !== 0) return false;
    }
    return true;
  }

  /** The hearings in the way of h at (d, t) (State, commissioner, or one of a full cell's). */
  blockers(h: number, d: number, t: number, rnd: () => number, out: number[]): boolean {
    const L = this.len[h];
    out.length = 0;
    if (t < 0 || t + L > this.T || this.unavailable[h][d]) return false;
    const cells = this.D * this.T;
    const base = d * this.T + t;
    const add = (g: number) => {
      if (g !== h && !out.includes(g)) out.push(g);
    };
    for (let k = base; k < base + L; k++) {
      for (const s of this.hStates[h]) if (this.stateAt[s * cells + k] !== 0) add(this.stateAt[s * cells + k] - 1);
      for (const c of this.hComms[h]) if (this.commAt[c * cells + k] !== 0) add(this.commAt[c * cells + k] - 1);
    }
    for (let k = base; k < base + L; k++) {
      let count = this.cellCount[k];
      if (count < this.R) continue;
      for (let r = 0; r < this.R; r++) if (out.includes(this.cellAt[k * this.R + r] - 1)) count--;
      if (count >= this.R) add(this.cellAt[k * this.R + Math.floor(rnd() * this.R)] - 1);
    }
    return true;
  }

  place(h: number, d: number, t: number) {
    const cells = this.D * this.T;
    const base = d * this.T + t;
    const L = this.len[h];
    this.day[h] = d;
    this.slot[h] = t;
    for (let k = base; k < base + L; k++) {
      for (const s of this.hStates[h]) this.stateAt[s * cells + k] = h + 1;
      for (const c of this.hComms[h]) this.commAt[c * cells + k] = h + 1;
      this.cellAt[k * this.R + this.cellCount[k]++] = h + 1;
    }
    for (const s of this.hStates[h]) {
      this.concentration += 2 * this.stateDay[s * this.D + d] + 1;
      this.stateLoad[s * this.D + d] += L;
      if (this.stateDay[s * this.D + d]++ === 0) {
        if (this.distinct[s]++ >= 1) this.split++;
      }
    }
    for (const c of this.hComms[h]) this.commLoad[c * this.D + d] += L;
    this.dayPos[h] = this.dayCount[d];
    this.dayMembers[d * this.n + this.dayCount[d]++] = h;
    this.loads[d] += L;
    this.unplaced--;
    this.capitalSum += this.capital[h][base];
    this.tieSum += this.tieW[h] * (this.pos(d, t) - 1);
  }

  remove(h: number) {
    const d = this.day[h];
    if (d < 0) return;
    const t = this.slot[h];
    const cells = this.D * this.T;
    const base = d * this.T + t;
    const L = this.len[h];
    for (let k = base; k < base + L; k++) {
      for (const s of this.hStates[h]) this.stateAt[s * cells + k] = 0;
      for (const c of this.hComms[h]) this.commAt[c * cells + k] = 0;
      const n = this.cellCount[k];
      for (let r = 0; r < n; r++) {
        if (this.cellAt[k * this.R + r] === h + 1) {
          this.cellAt[k * this.R + r] = this.cellAt[k * this.R + n - 1];
          this.cellAt[k * this.R + n - 1] = 0;
          break;
        }
      }
      this.cellCount[k]--;
    }
    for (const s of this.hStates[h]) {
      this.concentration -= 2 * this.stateDay[s * this.D + d] - 1;
      this.stateLoad[s * this.D + d] -= L;
      if (--this.stateDay[s * this.D + d] === 0) {
        if (--this.distinct[s] >= 1) this.split--;
      }
    }
    for (const c of this.hComms[h]) this.commLoad[c * this.D + d] -= L;
    const last = this.dayMembers[d * this.n + --this.dayCount[d]];
    this.dayMembers[d * this.n + this.dayPos[h]] = last;
    this.dayPos[last] = this.dayPos[h];
    this.loads[d] -= L;
    this.unplaced++;
    this.capitalSum -= this.capital[h][base];
    this.tieSum -= this.tieW[h] * (this.pos(d, t) - 1);
    this.day[h] = -1;
    this.slot[h] = -1;
  }

  spread(): number {
    if (this.D === 0) return 0;
    let max = -Infinity;
    let min = Infinity;
    for (let d = 0; d < this.D; d++) {
      const l = this.loads[d];
      if (l > max) max = l;
      if (l < min) min = l;
    }
    return max - min;
  }

  score(): number {
    return (
      this.unplaced * WEIGHTS.unplaced +
      this.split * WEIGHTS.splitDays +
      this.capitalSum * WEIGHTS.outsideCapitalHours +
      this.spread() * WEIGHTS.loadSpread +
      Math.max(0, this.tieSum) * WEIGHTS.tieBreak
    );
  }

  /**
   * Puts the unplaced h at its best place (the lowest score, priced incrementally: split
   * days from the per-State day counts, capital hours, spread, tie-break), or returns false.
   */
  placeBest(h: number): boolean {
    let bestD = -1;
    let bestT = -1;
    let best = Infinity;
    const L = this.len[h];
    // The spread with L more on one day, from the busiest, the quietest and the next quietest day.
    let max = -Infinity;
    let min = Infinity;
    let minCount = 0;
    let second = Infinity;
    for (let d = 0; d < this.D; d++) {
      const l = this.loads[d];
      if (l > max) max = l;
      if (l < min) {
        second = min;
        min = l;
        minCount = 1;
      } else if (l === min) minCount++;
      else if (l < second) second = l;
    }
    const spreadNow = max - min;
    const cap = this.capital[h];
    const cells = Math.max(1, this.D * this.T);
    for (let d = 0; d < this.D; d++) {
      if (this.unavailable[h][d]) continue;
      const l = this.loads[d] + L;
      const newMin = this.loads[d] === min && minCount === 1 ? Math.min(l, second) : min;
      let dayCost = (Math.max(max, l) - newMin - spreadNow) * WEIGHTS.loadSpread;
      for (const s of this.hStates[h]) if (this.stateDay[s * this.D + d] === 0 && this.distinct[s] >= 1) dayCost += WEIGHTS.splitDays;
      if (dayCost + (this.tieW[h] * (d * this.T)) / cells - this.tieW[h] >= best - 1e-12) continue;
      for (let t = 0; t + L <= this.T; t++) {
        const cost = dayCost + cap[d * this.T + t] * WEIGHTS.outsideCapitalHours + this.tieW[h] * (this.pos(d, t) - 1) * WEIGHTS.tieBreak;
        if (cost >= best - 1e-12 || !this.fits(h, d, t)) continue;
        best = cost;
        bestD = d;
        bestT = t;
      }
    }
    if (bestD < 0) return false;
    this.place(h, bestD, bestT);
    return true;
  }

  load(placements: readonly Placement[]) {
    for (const p of placements) {
      const h = this.prep.byId.get(p.id);
      if (h && this.day[h.index] < 0 && this.fits(h.index, p.day, p.slot)) this.place(h.index, p.day, p.slot);
    }
  }

  snapshot(): { day: Int32Array; slot: Int32Array } {
    return { day: this.day.slice(), slot: this.slot.slice() };
  }

  placementsOf(snap: { day: Int32Array; slot: Int32Array }): Placement[] {
    const chosen: { h: number; day: number; slot: number }[] = [];
    for (let h = 0; h < this.n; h++) if (snap.day[h] >= 0) chosen.push({ h, day: snap.day[h], slot: snap.slot[h] });
    return assignRooms(this.prep, chosen);
  }
}

/**
 * Anneals from `start` (a valid timetable, e.g. the heuristic's) and returns the best
 * timetable seen: never worse than the start by the model's score.
 */
/**
 * The journal of one move on a board: the hearings it touched (each once, marked with the
 * move's number) and where each was (day −1: unplaced), so a rejected move is undone.
 */
class MoveJournal {
  private readonly touched: Int32Array;
  private readonly fromD: Int32Array;
  private readonly fromT: Int32Array;
  private readonly mark: Int32Array;
  private move = 1;
  /** Hearings touched by this move. */
  count = 0;

  constructor(private readonly b: FastBoard) {
    this.touched = new Int32Array(b.n);
    this.fromD = new Int32Array(b.n);
    this.fromT = new Int32Array(b.n);
    this.mark = new Int32Array(b.n);
  }

  begin() {
    this.move++;
    this.count = 0;
  }

  /** Records where h is, the first time this move touches it. */
  touch(h: number) {
    if (this.mark[h] === this.move) return;
    this.mark[h] = this.move;
    this.touched[this.count] = h;
    this.fromD[this.count] = this.b.day[h];
    this.fromT[this.count++] = this.b.slot[h];
  }

  /** The day the i-th hearing touched was on (−1: unplaced). */
  fromDay(i: number) {
    return this.fromD[i];
  }

  /** Puts every hearing touched back where it was. */
  undo() {
    for (let i = 0; i < this.count; i++) this.b.remove(this.touched[i]);
    for (let i = 0; i < this.count; i++) if (this.fromD[i] >= 0) this.b.place(this.touched[i], this.fromD[i], this.fromT[i]);
  }
}

export function anneal(prep: PreparedInstance, start: readonly Placement[], options: SearchOptions = {}): SearchResult {
  const began = performance.now();
  const b = new FastBoard(prep);
  b.load(start);
  // Hearings the start left out: try them once at their best place.
  for (let h = 0; h < b.n; h++) if (b.day[h] < 0) b.placeBest(h);
  const lambda = options.concentrate ?? 0;
  const energy = () => b.score() - lambda * b.concentration;
  let current = energy();
  let best = b.score();
  let bestSnap = b.snapshot();
  const budget = options.evaluations ?? DEFAULT_EVALUATIONS;
  const maxMs = options.maxMs ?? Infinity;
  const rnd = mulberry32(options.seed ?? 1);
  const t0 = options.t0 ?? WEIGHTS.splitDays * 1.5;
  const t1 = options.t1 ?? WEIGHTS.loadSpread * 0.05;
  const { n, D, T } = b;
  if (n === 0 || D === 0 || T === 0) return { placements: b.placementsOf(bestSnap), score: best, evaluations: 0, timedOut: false, ms: performance.now() - began };

  const journal = new MoveJournal(b);
  const touch = (h: number) => journal.touch(h);
  const undo = () => journal.undo();
  const blockers: number[] = [];
  const days: number[] = [];

  let evaluations = 0;
  let timedOut = false;
  const logRatio = Math.log(t1 / t0);
  while (evaluations < budget) {
    if ((evaluations & 1023) === 0 && performance.now() - began > maxMs) {
      timedOut = true;
      break;
    }
    evaluations++;
    const temperature = t0 * Math.exp((logRatio * evaluations) / budget);
    journal.begin();
    const r = rnd();
    const h = Math.floor(rnd() * n);
    if (r < 0.35 && b.day[h] >= 0) {
      // Swap h with another placed hearing (lengths may differ: both must fit).
      const g = Math.floor(rnd() * n);
      if (g === h || b.day[g] < 0) continue;
      const hd = b.day[h];
      const ht = b.slot[h];
      const gd = b.day[g];
      const gt = b.slot[g];
      if (hd === gd && ht === gt) continue;
      touch(h);
      touch(g);
      b.remove(h);
      b.remove(g);
      if (b.fits(h, gd, gt)) {
        b.place(h, gd, gt);
        if (!b.fits(g, hd, ht)) {
          undo();
          continue;
        }
        b.place(g, hd, ht);
      } else {
        undo();
        continue;
      }
    } else {
      // Move h to a day its States already meet (half the time: that is what split days
      // need) or anywhere; hearings in the way step aside to their best other place.
      let d: number;
      days.length = 0;
      if (rnd() < 0.5) {
        for (const s of b.hStates[h])
          for (const g of b.stateHearings[s]) if (g !== h && b.day[g] >= 0 && b.day[g] !== b.day[h] && !days.includes(b.day[g])) days.push(b.day[g]);
      }
      d = days.length > 0 ? days[Math.floor(rnd() * days.length)] : Math.floor(rnd() * D);
      if (b.len[h] > T || b.unavailable[h][d] || d === b.day[h]) continue;
      touch(h);
      b.remove(h);
      // The slot of that day with the fewest hearings in the way (the first on ties, from a random offset).
      const slots = T - b.len[h] + 1;
      const offset = Math.floor(rnd() * slots);
      let t = -1;
      let fewest = 3;
      for (let i = 0; i < slots && fewest > 0; i++) {
        const at = (offset + i) % slots;
        b.blockers(h, d, at, rnd, blockers);
        if (blockers.length < fewest) {
          fewest = blockers.length;
          t = at;
        }
      }
      if (t < 0) {
        undo();
        continue;
      }
      b.blockers(h, d, t, rnd, blockers);
      for (const g of blockers) {
        touch(g);
        b.remove(g);
      }
      if (!b.fits(h, d, t)) {
        undo();
        continue;
      }
      b.place(h, d, t);
      for (const g of blockers) b.placeBest(g);
    }
    const next = energy();
    const delta = next - current;
    if (delta <= 1e-12 || rnd() < Math.exp(-delta / temperature)) {
      current = next;
      const score = lambda === 0 ? current : b.score();
      if (score < best - 1e-9) {
        best = score;
        bestSnap = b.snapshot();
      }
    } else undo();
  }
  return { placements: b.placementsOf(bestSnap), score: best, evaluations, timedOut, ms: performance.now() - began };
}

/**
 * Moves the day-level annealing evaluates by default (most are priced and refused from the
 * day counts without touching the board). Measured against the annealing's 400,000 plus
 * 20,000 large-neighbourhood rounds (the solver's budget before), the whole solve back to
 * back on the bench's instance of 400 requests: 0.9-1.2× its processor time, for 164-166
 * split days over six seeds where it found 185 and 60 s of it 168; at 200, 71-74 over eight
 * seeds (reference 74). 2,400,000 was not enough at 200 (73-76).
 */
export const DAY_EVALUATIONS = 3_000_000;

/**
 * Simulated annealing over the day each hearing is on, with its slot kept valid on the
 * board. Why: split days are a property of days alone (a State's distinct days), so a move
 * that changes a hearing's day and takes whatever slot fits there is enough to price it,
 * and most moves can be refused from the day counts alone (split days and load spread are
 * known exactly before anything moves; the slot-level goals can only win back the moved
 * hearings' capital hours and the tie-break), which makes a move cheap. The moves:
 *  - one hearing to another day (most often a day one of its States already meets);
 *  - two hearings swapping days;
 *  - all of a State's hearings on one day to another day it meets (what closes a split day
 *    in one step where single moves would first have to open one).
 * A hearing goes to the cheapest slot (capital hours, tie-break) where it fits; when none
 * does but the day has room for its States, commissioners and rooms, the day is re-packed
 * (its hearings taken out and put back most constrained first). The acceptance is the
 * Metropolis rule on the model's score. Deterministic: seeded PRNG, counted evaluations.
 */
export function daySearch(prep: PreparedInstance, start: readonly Placement[], options: SearchOptions = {}): SearchResult {
  const began = performance.now();
  const b = new FastBoard(prep);
  b.load(start);
  for (let h = 0; h < b.n; h++) if (b.day[h] < 0) b.placeBest(h);
  let current = b.score();
  let best = current;
  let bestSnap = b.snapshot();
  const budget = options.evaluations ?? DAY_EVALUATIONS;
  const maxMs = options.maxMs ?? Infinity;
  const rnd = mulberry32(options.seed ?? 1);
  const t0 = options.t0 ?? WEIGHTS.splitDays * 1.5;
  const t1 = options.t1 ?? WEIGHTS.loadSpread * 0.2;
  const { n, D, T, R } = b;
  if (n === 0 || D < 2 || T === 0) return { placements: b.placementsOf(bestSnap), score: best, evaluations: 0, timedOut: false, ms: performance.now() - began };
  const cells = D * T;
  const { stateDay, distinct, stateHearings, hStates, hComms, len, loads, stateLoad, commLoad, dayMembers, dayCount, capital, tieW } = b;

  const journal = new MoveJournal(b);
  const begin = () => journal.begin();
  const touch = (h: number) => journal.touch(h);
  const undo = () => journal.undo();

  /** Puts the unplaced h on day d at the cheapest slot where it fits; false if none. */
  const placeOnDay = (h: number, d: number): boolean => {
    const L = len[h];
    let bestT = -1;
    let bestCost = Infinity;
    const cap = capital[h];
    for (let t = 0; t + L <= T; t++) {
      const cost = cap[d * T + t] * WEIGHTS.outsideCapitalHours + (tieW[h] * (d * T + t)) / cells;
      if (cost < bestCost - 1e-12 && b.fits(h, d, t)) {
        bestCost = cost;
        bestT = t;
      }
    }
    if (bestT < 0) return false;
    b.place(h, d, bestT);
    return true;
  };
  /** Whether day d has room for h's States, commissioners and a room, slot counts alone. */
  const roomFor = (h: number, d: number): boolean => {
    const L = len[h];
    if (b.unavailable[h][d] || loads[d] + L > R * T) return false;
    for (const s of hStates[h]) if (stateLoad[s * D + d] + L > T) return false;
    for (const c of hComms[h]) if (commLoad[c * D + d] + L > T) return false;
    return true;
  };
  const order: number[] = [];
  const keys = new Float64Array(n);
  /** Re-packs day d with the unplaced h added, most constrained first (a few orders); false (board to be undone) if it fails. */
  const repack = (h: number, d: number): boolean => {
    order.length = 0;
    for (let i = 0; i < dayCount[d]; i++) order.push(dayMembers[d * n + i]);
    for (const g of order) touch(g);
    for (const g of order) b.remove(g);
    order.push(h);
    for (const g of order) keys[g] = len[g] * 100 + (hStates[g].length + hComms[g].length) * 10 + rnd();
    order.sort((x, y) => keys[y] - keys[x]);
    for (let attempt = 0; attempt < 2; attempt++) {
      let failing = -1;
      for (let i = 0; i < order.length; i++) {
        if (!placeOnDay(order[i], d)) {
          failing = i;
          break;
        }
      }
      if (failing < 0) return true;
      for (const g of order) b.remove(g);
      // The hearing that found no slot goes first next time.
      const g = order[failing];
      order.splice(failing, 1);
      order.unshift(g);
    }
    return false;
  };

  /** Split days the moves (hearing, to day) would change, from the day counts alone (left as they were). */
  const moveH: number[] = [];
  const moveTo: number[] = [];
  const splitDelta = (): number => {
    let delta = 0;
    for (let i = 0; i < moveH.length; i++) {
      const h = moveH[i];
      const a = b.day[h];
      const d = moveTo[i];
      for (const s of hStates[h]) {
        if (--stateDay[s * D + a] === 0 && --distinct[s] >= 1) delta--;
        if (stateDay[s * D + d]++ === 0 && distinct[s]++ >= 1) delta++;
      }
    }
    for (let i = 0; i < moveH.length; i++) {
      const h = moveH[i];
      const a = b.day[h];
      const d = moveTo[i];
      for (const s of hStates[h]) {
        if (--stateDay[s * D + d] === 0) distinct[s]--;
        if (stateDay[s * D + a]++ === 0) distinct[s]++;
      }
    }
    return delta;
  };
  /** The load spread with `da` more slots on day a and `db` on day c. */
  const spreadWith = (a: number, da: number, c: number, dc: number): number => {
    let max = -Infinity;
    let min = Infinity;
    for (let d = 0; d < D; d++) {
      const l = loads[d] + (d === a ? da : 0) + (d === c ? dc : 0);
      if (l > max) max = l;
      if (l < min) min = l;
    }
    return max - min;
  };
  /** A day, other than `not`, where one of h's States meets (by its hearings there), or a random day. */
  const targetDay = (h: number, not: number, near: boolean): number => {
    if (near) {
      const ss = hStates[h];
      for (let k = 0; k < 4; k++) {
        const list = stateHearings[ss[Math.floor(rnd() * ss.length)]];
        const g = list[Math.floor(rnd() * list.length)];
        if (b.day[g] >= 0 && b.day[g] !== not) return b.day[g];
      }
    }
    const d = Math.floor(rnd() * (D - 1));
    return d >= not ? d + 1 : d;
  };

  // Each hearing's commissioners and States as bit masks (States hashed onto 32 bits: a
  // shared bit is a hint, checked below only as a preference), to find who is in the way.
  const commMask = new Int32Array(n);
  const stateMask = new Int32Array(n);
  for (let h = 0; h < n; h++) {
    for (const c of hComms[h]) commMask[h] |= 1 << c % 32;
    for (const s of hStates[h]) stateMask[h] |= 1 << s % 32;
  }
  /** Hearings of the move under way: moveStamp[h] === stamp. */
  const moveStamp = new Int32Array(n);
  let stamp = 0;
  /** A hearing of day d (not being moved) to make room for g there and go to day `to`, or -1. */
  const ejectFrom = (g: number, d: number, to: number): number => {
    const count = dayCount[d];
    if (count === 0) return -1;
    const roomsOut = loads[d] + len[g] > R * T;
    const cm = commMask[g];
    const sm = stateMask[g];
    const offset = Math.floor(rnd() * count);
    let pick = -1;
    for (let i = 0; i < count; i++) {
      const e = dayMembers[d * n + ((offset + i) % count)];
      if (b.unavailable[e][to] || moveStamp[e] === stamp) continue;
      if (!roomsOut && (commMask[e] & cm) === 0 && (stateMask[e] & sm) === 0) continue;
      let meets = true;
      for (const s of hStates[e]) if (stateDay[s * D + to] === 0) meets = false;
      if (meets) return e;
      if (pick < 0) pick = e;
    }
    return pick;
  };

  let evaluations = 0;
  let timedOut = false;
  // The load spread of the board as it stands (changes only when a move is kept).
  let spreadNow = b.spread();
  /** Keeps the move just made when it costs at most `threshold` (the best kept by the score), else takes it back. */
  const acceptOrUndo = (threshold: number) => {
    const next = b.score();
    if (next - current > threshold) return undo();
    current = next;
    spreadNow = b.spread();
    if (current < best - 1e-9) {
      best = current;
      bestSnap = b.snapshot();
    }
  };
  const logRatio = Math.log(t1 / t0);
  let temperature = t0;
  while (evaluations < budget) {
    if ((evaluations & 4095) === 0 && performance.now() - began > maxMs) {
      timedOut = true;
      break;
    }
    evaluations++;
    if ((evaluations & 255) === 1) temperature = t0 * Math.exp((logRatio * evaluations) / budget);
    // Accept when the score rises by at most this (Metropolis, one draw per move).
    const threshold = -temperature * Math.log(1 - rnd());
    moveH.length = 0;
    moveTo.length = 0;
    const r = rnd();
    const h = Math.floor(rnd() * n);
    const a = b.day[h];
    if (a < 0) continue;
    if (r < 0.3) {
      // A State's hearings on h's day, all to another day the State meets.
      const s = hStates[h][Math.floor(rnd() * hStates[h].length)];
      if (distinct[s] < 2) continue;
      const d = targetDay(h, a, true);
      if (stateDay[s * D + d] === 0) continue;
      for (const g of stateHearings[s]) {
        if (b.day[g] !== a) continue;
        if (b.unavailable[g][d]) break;
        moveH.push(g);
        moveTo.push(d);
      }
      if (moveH.length < stateDay[s * D + a]) continue;
    } else if (r < 0.6) {
      // h and a hearing of another day swap days (preferring one whose States meet on h's day).
      const d = targetDay(h, a, rnd() < 0.8);
      if (dayCount[d] === 0 || b.unavailable[h][d]) continue;
      let g = -1;
      for (let k = 0; k < 4; k++) {
        g = dayMembers[d * n + Math.floor(rnd() * dayCount[d])];
        let meets = false;
        for (const s of hStates[g]) if (stateDay[s * D + a] > 0) meets = true;
        if (meets) break;
      }
      if (b.unavailable[g][a]) continue;
      moveH.push(h, g);
      moveTo.push(d, a);
    } else if (r < 0.92) {
      const d = targetDay(h, a, rnd() < 0.8);
      if (b.unavailable[h][d]) continue;
      moveH.push(h);
      moveTo.push(d);
    } else if (r < 0.94) {
      // h to the cheapest slot of its own day, or its whole day re-packed (capital hours, tie-break).
      if (rnd() < 0.5) {
        moveH.push(h);
        moveTo.push(a);
      } else {
        begin();
        touch(h);
        b.remove(h);
        if (!repack(h, a)) {
          undo();
          continue;
        }
        acceptOrUndo(threshold);
        continue;
      }
    } else {
      // A hearing of the busiest day to the quietest (the load spread): one whose States
      // meet there already and stay on the busy day, when there is one.
      let hi = 0;
      let lo = 0;
      for (let d = 1; d < D; d++) {
        if (loads[d] > loads[hi] || (loads[d] === loads[hi] && rnd() < 0.5)) hi = d;
        if (loads[d] < loads[lo] || (loads[d] === loads[lo] && rnd() < 0.5)) lo = d;
      }
      const count = dayCount[hi];
      if (hi === lo || count === 0) continue;
      const offset = Math.floor(rnd() * count);
      let g = dayMembers[hi * n + offset];
      for (let i = 0; i < count; i++) {
        const c = dayMembers[hi * n + ((offset + i) % count)];
        if (b.unavailable[c][lo]) continue;
        let free = true;
        for (const s of hStates[c]) if (stateDay[s * D + lo] === 0 || stateDay[s * D + hi] === 1) free = false;
        if (free) {
          g = c;
          break;
        }
      }
      if (b.unavailable[g][lo]) continue;
      moveH.push(g);
      moveTo.push(lo);
    }
    // Refused from the day counts when even winning back the moved hearings' capital hours and the tie-break cannot pay for it.
    const d0 = moveTo[0];
    let moved0 = 0;
    let moved1 = 0;
    let regain = 1;
    for (let i = 0; i < moveH.length; i++) {
      const g = moveH[i];
      const L = len[g];
      if (moveTo[i] === d0) moved0 += L;
      else moved1 += L;
      regain += capital[g][b.day[g] * T + b.slot[g]] * WEIGHTS.outsideCapitalHours;
    }
    // Every move here is between two days: the first moved hearing's and d0. The spread
    // (a scan of the days) is priced only when the split days leave the move a chance:
    // moving x slots between two days lowers it by at most 2x.
    const net = Math.abs(moved0 - moved1);
    const splitPart = splitDelta() * WEIGHTS.splitDays - regain;
    if (splitPart - 2 * net * WEIGHTS.loadSpread > threshold) continue;
    if (net > 0 && splitPart + (spreadWith(b.day[moveH[0]], moved1 - moved0, d0, moved0 - moved1) - spreadNow) * WEIGHTS.loadSpread > threshold) continue;
    begin();
    for (const g of moveH) {
      touch(g);
      b.remove(g);
    }
    stamp++;
    for (const g of moveH) moveStamp[g] = stamp;
    let ok = true;
    let ejected = false;
    for (let i = 0; i < moveH.length && ok; i++) {
      const g = moveH[i];
      const d = moveTo[i];
      if (placeOnDay(g, d) || (roomFor(g, d) && repack(g, d))) continue;
      // No room: once per move, a hearing of that day holding one of g's commissioners or
      // States (any hearing when rooms ran out) goes to the day g left, preferably one
      // whose States meet there.
      const from = journal.fromDay(i);
      if (ejected || from === d) {
        ok = false;
        break;
      }
      ejected = true;
      const e = ejectFrom(g, d, from);
      if (e < 0) {
        ok = false;
        break;
      }
      touch(e);
      b.remove(e);
      ok = (placeOnDay(g, d) || (roomFor(g, d) && repack(g, d))) && (placeOnDay(e, from) || (roomFor(e, from) && repack(e, from)));
    }
    if (!ok) {
      undo();
      continue;
    }
    acceptOrUndo(threshold);
  }
  return { placements: b.placementsOf(bestSnap), score: best, evaluations, timedOut, ms: performance.now() - began };
}

export interface LnsOptions extends SearchOptions {
  /** Destroy-and-repair rounds after the annealing (default: LNS_ROUNDS). */
  rounds?: number;
}

/**
 * Rounds of large-neighbourhood search after the day-level annealing, by default: they
 * polish the small goals (capital hours, tie-break); the split days are the annealing's
 * (20,000 rounds changed no split day after it at 50-400 requests and cost a second).
 */
export const LNS_ROUNDS = 2_000;

/**
 * The solver's search: the day-level annealing (daySearch, its evaluation budget), then
 * large-neighbourhood search from the best timetable it found. Each round takes out a group of hearings that
 * belong together and puts them back greedily, kept when the score is no worse (plateaus
 * are walked, which is what lets split days close). The groups:
 *  - a State's hearings on its quietest day, each brought to a day the State already meets,
 *    pushing at most two hearings aside to their best other place (split days);
 *  - a few hearings sharing a day or a State with a random one, re-placed in a random order
 *    at their best place (capital hours, load spread, tie-break).
 * Deterministic: seeded PRNG, counted rounds; the clock is a safety net only.
 */
export function search(prep: PreparedInstance, start: readonly Placement[], options: LnsOptions = {}): SearchResult {
  const began = performance.now();
  const maxMs = options.maxMs ?? Infinity;
  const annealed = daySearch(prep, start, { ...options, maxMs });
  const b = new FastBoard(prep);
  b.load(annealed.placements);
  for (let h = 0; h < b.n; h++) if (b.day[h] < 0) b.placeBest(h);
  let current = b.score();
  let best = current;
  let bestSnap = b.snapshot();
  const rounds = options.rounds ?? LNS_ROUNDS;
  const rnd = mulberry32(((options.seed ?? 1) ^ 0x9e3779b9) >>> 0);
  const { n, D, T } = b;
  let evaluations = annealed.evaluations;
  let timedOut = annealed.timedOut;
  if (n === 0 || D === 0 || T === 0 || timedOut) return { ...annealed, ms: performance.now() - began };

  const journal = new MoveJournal(b);
  const touch = (h: number) => journal.touch(h);
  const undo = () => journal.undo();
  const blockers: number[] = [];
  const group: number[] = [];
  const days: number[] = [];
  const S = b.stateHearings.length;

  /** Puts the unplaced h on day d at the slot with the fewest hearings in the way (at most `limit`), those stepping aside; false if none. */
  const pushInto = (h: number, d: number, limit: number, pending: number[]): boolean => {
    if (b.unavailable[h][d]) return false;
    const slots = T - b.len[h] + 1;
    const offset = Math.floor(rnd() * Math.max(1, slots));
    let t = -1;
    let fewest = limit + 1;
    for (let i = 0; i < slots && fewest > 0; i++) {
      const at = (offset + i) % slots;
      if (!b.blockers(h, d, at, rnd, blockers)) continue;
      // Never push aside a hearing of the group being re-placed (it would come back here).
      if (blockers.length < fewest && !blockers.some((g) => pending.includes(g))) {
        fewest = blockers.length;
        t = at;
      }
    }
    if (t < 0) return false;
    b.blockers(h, d, t, rnd, blockers);
    const out = blockers.slice();
    for (const g of out) {
      touch(g);
      b.remove(g);
    }
    if (!b.fits(h, d, t)) {
      for (const g of out) pending.push(g); // put back by the caller's repair
      return false;
    }
    b.place(h, d, t);
    for (const g of out) pending.push(g);
    return true;
  };

  const pending: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if ((round & 255) === 0 && performance.now() - began > maxMs) {
      timedOut = true;
      break;
    }
    evaluations++;
    journal.begin();
    group.length = 0;
    pending.length = 0;
    if (rnd() < 0.6) {
      // A State split over days: its hearings on its quietest day go to its other days.
      let s = Math.floor(rnd() * S);
      for (let k = 0; k < S && b.distinct[s] < 2; k++) s = (s + 1) % S;
      if (b.distinct[s] < 2) continue;
      days.length = 0;
      let quiet = -1;
      for (let d = 0; d < D; d++) {
        const c = b.stateDay[s * D + d];
        if (c === 0) continue;
        days.push(d);
        if (quiet < 0 || c < b.stateDay[s * D + quiet] || (c === b.stateDay[s * D + quiet] && rnd() < 0.5)) quiet = d;
      }
      for (const h of b.stateHearings[s]) if (b.day[h] === quiet) group.push(h);
      for (const h of group) {
        touch(h);
        b.remove(h);
      }
      for (const h of group) {
        const others = days.filter((d) => d !== quiet);
        let done = false;
        for (let k = 0; k < others.length && !done; k++) done = pushInto(h, others[(k + Math.floor(rnd() * others.length)) % others.length], 2, group);
        if (!done) pending.push(h);
      }
    } else {
      // A few related hearings: same day or same State as a random one, re-placed in a random order.
      const h0 = Math.floor(rnd() * n);
      if (b.day[h0] < 0) continue;
      group.push(h0);
      const size = 2 + Math.floor(rnd() * 5);
      const byDay = rnd() < 0.5;
      for (let tries = 0; tries < 40 && group.length < size; tries++) {
        let g: number;
        if (byDay) g = Math.floor(rnd() * n);
        else {
          const ss = b.hStates[h0];
          const list = b.stateHearings[ss[Math.floor(rnd() * ss.length)]];
          g = list[Math.floor(rnd() * list.length)];
        }
        if (b.day[g] < 0 || group.includes(g) || (byDay && b.day[g] !== b.day[h0])) continue;
        group.push(g);
      }
      for (const h of group) {
        touch(h);
        b.remove(h);
      }
      for (let i = group.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [group[i], group[j]] = [group[j], group[i]];
      }
      for (const h of group) pending.push(h);
    }
    // Repair: whoever is out goes to its best place (a pushed-aside hearing may push no further).
    let failed = false;
    for (let i = 0; i < pending.length; i++) {
      const h = pending[i];
      if (b.day[h] >= 0) continue;
      touch(h);
      if (!b.placeBest(h)) failed = true;
    }
    const next = b.score();
    if (!failed && next <= current + 1e-9) {
      current = next;
      if (current < best - 1e-9) {
        best = current;
        bestSnap = b.snapshot();
      }
    } else undo();
  }
  if (!timedOut) best = polish(b, bestSnap, best);
  return { placements: b.placementsOf(bestSnap), score: best, evaluations, timedOut, ms: performance.now() - began };
}

/** Pairs of hearings tried by polish(), at most. */
export const POLISH_PAIRS = 40_000;

/**
 * Descent on the best timetable: two days exchange their hearings, then two hearings of the
 * same length swap places, when that lowers the score (in passes, until a pass changes
 * nothing or POLISH_PAIRS pairs of hearings were tried). It settles what random rounds leave to chance among timetables with the same
 * split days: the order of hearings within and between days (tie-break, capital hours).
 * Writes the result into `snap`; returns its score.
 */
function polish(b: FastBoard, snap: { day: Int32Array; slot: Int32Array }, score: number): number {
  for (let h = 0; h < b.n; h++) b.remove(h);
  for (let h = 0; h < b.n; h++) if (snap.day[h] >= 0) b.place(h, snap.day[h], snap.slot[h]);
  let current = b.score();
  // Whole days exchanged (the split days and loads stay; what changes is who comes
  // earlier, the capital hours across a clock change, and days a hearing cannot attend).
  const { D, n } = b;
  const a: number[] = [];
  const c: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (let d1 = 0; d1 < D; d1++) {
      for (let d2 = d1 + 1; d2 < D; d2++) {
        a.length = 0;
        c.length = 0;
        for (let i = 0; i < b.dayCount[d1]; i++) a.push(b.dayMembers[d1 * n + i]);
        for (let i = 0; i < b.dayCount[d2]; i++) c.push(b.dayMembers[d2 * n + i]);
        if (a.some((h) => b.unavailable[h][d2]) || c.some((h) => b.unavailable[h][d1])) continue;
        const slotsA = a.map((h) => b.slot[h]);
        const slotsC = c.map((h) => b.slot[h]);
        for (const h of a) b.remove(h);
        for (const h of c) b.remove(h);
        a.forEach((h, i) => b.place(h, d2, slotsA[i]));
        c.forEach((h, i) => b.place(h, d1, slotsC[i]));
        const next = b.score();
        if (next < current - 1e-9) {
          current = next;
          improved = true;
          continue;
        }
        for (const h of a) b.remove(h);
        for (const h of c) b.remove(h);
        a.forEach((h, i) => b.place(h, d1, slotsA[i]));
        c.forEach((h, i) => b.place(h, d2, slotsC[i]));
      }
    }
    if (!improved) break;
  }
  let tries = 0;
  for (let pass = 0; pass < 4 && tries < POLISH_PAIRS; pass++) {
    let improved = false;
    for (let h = 0; h < n && tries < POLISH_PAIRS; h++) {
      for (let g = h + 1; g < n && tries < POLISH_PAIRS; g++) {
        const hd = b.day[h];
        const gd = b.day[g];
        if (hd < 0 || gd < 0 || b.len[h] !== b.len[g]) continue;
        const ht = b.slot[h];
        const gt = b.slot[g];
        if (hd === gd && ht === gt) continue;
        tries++;
        b.remove(h);
        b.remove(g);
        if (b.fits(h, gd, gt)) {
          b.place(h, gd, gt);
          if (b.fits(g, hd, ht)) {
            b.place(g, hd, ht);
            const next = b.score();
            if (next < current - 1e-9) {
              current = next;
              improved = true;
              continue;
            }
            b.remove(g);
          }
          b.remove(h);
        }
        b.place(h, hd, ht);
        b.place(g, gd, gt);
      }
    }
    if (!improved) break;
  }
  if (current >= score - 1e-9) return score;
  snap.day.set(b.day);
  snap.slot.set(b.slot);
  return current;
}
