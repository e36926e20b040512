// Greedy construction plus local search (best reinsertion of each hearing, and one-step
// ejection for hearings left out). Deterministic: the same instance gives the same
// timetable. Its objective is measured against the HiGHS optimum in bench/scheduling.ts.
import type { Placement } from './grid';
import { Board, type Prepared, type PreparedInstance } from './model';

interface Spot {
  day: number;
  slot: number;
  room: number;
  delta: number;
}

function bestSpot(board: Board, h: Prepared): Spot | undefined {
  const { grid } = board.prep;
  let best: Spot | undefined;
  for (let day = 0; day < grid.days.length; day++) {
    if (h.unavailable[day]) continue;
    for (let slot = 0; slot + h.length <= grid.slotsPerDay; slot++) {
      const delta = board.deltaOf(h, day, slot);
      if (best && delta >= best.delta - 1e-12) continue;
      const room = board.freeRoom(h, day, slot);
      if (room >= 0) best = { day, slot, room, delta };
    }
  }
  return best;
}

/**
 * Tries to put `h` (placed or not) at a cell held by exactly one other hearing, moving
 * that one to its best other place; kept only if the whole score improves. `days`
 * limits where `h` may go (the days its States already meet, when fixing a split).
 */
function eject(board: Board, h: Prepared, days?: ReadonlySet<number>): boolean {
  const { grid } = board.prep;
  // Each try re-places the ejected hearing over the whole grid: bounded to keep large instances fast.
  let budget = 60;
  const before = board.score();
  const home = board.remove(h);
  const restore = () => {
    if (home) board.place(h, home.day, home.slot, home.room);
  };
  for (let day = 0; day < grid.days.length; day++) {
    if (h.unavailable[day] || (days && !days.has(day))) continue;
    for (let slot = 0; slot + h.length <= grid.slotsPerDay; slot++) {
      for (let room = 0; room < grid.rooms.length; room++) {
        const blockers = new Set(board.clashes(h, day, slot, room).map((c) => c.with));
        if (blockers.size !== 1) continue;
        const [blockerId] = [...blockers];
        if (!blockerId || budget-- <= 0) continue;
        const g = board.prep.byId.get(blockerId)!;
        const old = board.remove(g)!;
        if (board.clashes(h, day, slot, room).length > 0) {
          board.place(g, old.day, old.slot, old.room);
          continue;
        }
        board.place(h, day, slot, room);
        const spot = bestSpot(board, g);
        if (spot) {
          board.place(g, spot.day, spot.slot, spot.room);
          if (board.score() < before - 1e-9) return true;
          board.remove(g);
        }
        board.remove(h);
        board.place(g, old.day, old.slot, old.room);
      }
    }
  }
  restore();
  return false;
}

/** The days where the other hearings of h's States are, when h sits apart from them. */
function splitTargets(board: Board, h: Prepared): Set<number> | undefined {
  const mine = board.placements.get(h.id);
  if (!mine) return undefined;
  const days = new Set<number>();
  for (const p of board.placements.values()) {
    if (p.id === h.id || p.day === mine.day) continue;
    const other = board.prep.byId.get(p.id)!;
    if (other.states.some((s) => h.states.includes(s))) days.add(p.day);
  }
  return days.size > 0 ? days : undefined;
}

/** Swaps two placed hearings of the same length when that improves the score. */
function swap(board: Board, h: Prepared, g: Prepared): boolean {
  const a = board.placements.get(h.id);
  const b = board.placements.get(g.id);
  if (!a || !b || a.length !== b.length || (a.day === b.day && a.slot === b.slot)) return false;
  const before = board.score();
  board.remove(h);
  board.remove(g);
  if (board.clashes(h, b.day, b.slot, b.room).length === 0) {
    board.place(h, b.day, b.slot, b.room);
    if (board.clashes(g, a.day, a.slot, a.room).length === 0) {
      board.place(g, a.day, a.slot, a.room);
      if (board.score() < before - 1e-9) return true;
      board.remove(g);
    }
    board.remove(h);
  }
  board.place(h, a.day, a.slot, a.room);
  board.place(g, b.day, b.slot, b.room);
  return false;
}

export interface HeuristicOptions {
  /** Passes of local search over all hearings (each pass stops early when nothing improves). */
  passes?: number;
  /** Starting orders tried (default by size). */
  starts?: number;
}

/** A deterministic shuffle (mulberry32) for the restarts. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Greedy + local search from several starting orders (more on small instances, where a
 * run costs milliseconds), keeping the best. Deterministic.
 */
export function solveHeuristic(prep: PreparedInstance, options: HeuristicOptions = {}): Placement[] {
  const n = prep.hearings.length;
  const starts = options.starts ?? (n <= 60 ? 12 : n <= 150 ? 3 : 1);
  // Most constrained first: regional hearings (two slots), then more States, then submission order.
  const first = [...prep.hearings].sort((a, b) => b.length - a.length || b.states.length - a.states.length || a.rank - b.rank);
  let best: { placements: Placement[]; score: number } | undefined;
  for (let k = 0; k < starts; k++) {
    // Later starts keep "two slots first" but shuffle within each group.
    const order = k === 0 ? first : [...shuffled(first.filter((h) => h.length > 1), k), ...shuffled(first.filter((h) => h.length === 1), k + 7919)];
    const board = run(prep, order, options);
    const score = board.score();
    if (!best || score < best.score - 1e-9) best = { placements: [...board.placements.values()], score };
  }
  return best?.placements ?? [];
}

function run(prep: PreparedInstance, order: readonly Prepared[], options: HeuristicOptions): Board {
  const board = new Board(prep);
  for (const h of order) {
    const spot = bestSpot(board, h);
    if (spot) board.place(h, spot.day, spot.slot, spot.room);
  }
  const passes = options.passes ?? 8;
  const byRank = [...prep.hearings].sort((a, b) => a.rank - b.rank);
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    // Split-day repairs per pass: each scans the grid and re-places up to 60 hearings, so
    // they are rationed, and skipped on large instances where they cost seconds (bench/scheduling.ts).
    let repairs = prep.hearings.length <= 120 ? 40 : 0;
    for (const h of byRank) {
      const before = board.score();
      const old = board.remove(h);
      const spot = bestSpot(board, h);
      if (spot) board.place(h, spot.day, spot.slot, spot.room);
      if (board.score() < before - 1e-9) {
        improved = true;
        continue;
      }
      // Not better: put it back where it was.
      if (spot) board.remove(h);
      if (old) board.place(h, old.day, old.slot, old.room);
      if (!old && eject(board, h)) improved = true;
      else if (old) {
        // Bring a hearing to the day its States already meet, moving one hearing out of the way.
        const targets = repairs > 0 ? splitTargets(board, h) : undefined;
        if (targets) {
          repairs--;
          if (eject(board, h, targets)) improved = true;
        }
      }
    }
    // Swaps between days: what single moves cannot do when every slot is taken.
    // Bounded per pass so large instances stay fast (about 20k tries).
    let budget = 20_000;
    for (let i = 0; i < byRank.length && budget > 0; i++) {
      for (let j = i + 1; j < byRank.length && budget > 0; j++, budget--) {
        const a = board.placements.get(byRank[i].id);
        const b = board.placements.get(byRank[j].id);
        if (a && b && a.day !== b.day && swap(board, byRank[i], byRank[j])) improved = true;
      }
    }
    if (!improved) break;
  }
  return board;
}
