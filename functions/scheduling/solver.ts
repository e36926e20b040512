// Solving a Period of Sessions: the heuristic always, HiGHS as well where the model is
// small enough to solve fast, the better of the two kept. Hearings left out come back
// with the constraint and the resource that ran out.
import { type Placement, instantsOf } from './grid';
import { solveHeuristic } from './heuristic';
import { solveMip } from './mip';
import { logger } from '../shared/logger';
import { Board, type Clash, type Constraint, type Instance, type PreparedInstance, type ScoreBreakdown, evaluate, prepare, violations } from './model';

export interface Unscheduled {
  requestId: string;
  /** The constraint that kept the hearing out. */
  reason: Constraint;
  /** What ran out: State codes, commissioner ids, rooms, or the dates the participants cannot attend. */
  resources: string[];
}

export interface Solution {
  placements: Placement[];
  unscheduled: Unscheduled[];
  score: number;
  breakdown: ScoreBreakdown;
  method: 'heuristic' | 'mip';
}

/** Binary variables the MIP would have; above this, the heuristic alone answers. */
export const MIP_MAX_VARIABLES = 6_000;

export const mipSize = (prep: PreparedInstance) => prep.hearings.reduce((sum, h) => sum + prep.grid.days.length * Math.max(0, prep.grid.slotsPerDay - h.length + 1), 0);

/** Why `id` could not be placed: the most frequent blocking constraint over the grid. */
export function diagnose(prep: PreparedInstance, placements: readonly Placement[], id: string): Unscheduled {
  const board = new Board(prep);
  for (const p of placements) if (p.id !== id) board.place(prep.byId.get(p.id)!, p.day, p.slot, p.room);
  const h = prep.byId.get(id)!;
  const { grid } = prep;
  if (grid.days.length === 0 || grid.slotsPerDay < h.length) return { requestId: id, reason: 'grid', resources: [] };
  if (h.unavailable.every(Boolean)) return { requestId: id, reason: 'unavailable', resources: grid.days.slice() };
  const counts = new Map<string, { reason: Constraint; resources: Set<string>; n: number }>();
  for (let day = 0; day < grid.days.length; day++) {
    if (h.unavailable[day]) continue;
    for (let slot = 0; slot + h.length <= grid.slotsPerDay; slot++) {
      // Per room the first clash; a State or commissioner clash blocks every room alike.
      const perRoom = grid.rooms.map((_, r) => board.clashes(h, day, slot, r));
      const shared = perRoom[0].filter((c: Clash) => c.constraint === 'state' || c.constraint === 'commissioner');
      const blocking = shared.length > 0 ? shared : [{ constraint: 'room' as const, resource: 'rooms' }];
      for (const c of blocking) {
        const entry = counts.get(c.constraint) ?? { reason: c.constraint, resources: new Set<string>(), n: 0 };
        entry.n++;
        if (c.resource) entry.resources.add(c.resource);
        counts.set(c.constraint, entry);
      }
    }
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  if (!top) return { requestId: id, reason: 'unavailable', resources: grid.days.filter((_, d) => h.unavailable[d]) };
  const resources = top.reason === 'room' ? grid.rooms.slice() : [...top.resources].sort();
  return { requestId: id, reason: top.reason, resources };
}

export interface SolveOptions {
  /** 'auto': HiGHS too when the model has at most MIP_MAX_VARIABLES binaries. */
  mip?: 'auto' | 'never' | 'always';
  timeLimitSeconds?: number;
}

export async function solve(instance: Instance, options: SolveOptions = {}): Promise<Solution> {
  const prep = prepare(instance);
  let placements = solveHeuristic(prep);
  let method: Solution['method'] = 'heuristic';
  let best = evaluate(prep, placements);
  const useMip = options.mip === 'always' || ((options.mip ?? 'auto') === 'auto' && mipSize(prep) <= MIP_MAX_VARIABLES);
  if (useMip) {
    try {
      const mip = await solveMip(prep, { timeLimitSeconds: options.timeLimitSeconds ?? 5, start: placements });
      const scored = evaluate(prep, mip.placements);
      if (mip.placements.length > 0 && violations(prep, mip.placements).length === 0 && scored.score < best.score - 1e-9) {
        placements = mip.placements;
        best = scored;
        method = 'mip';
      }
    } catch (error) {
      // HiGHS is WebAssembly loaded from highs.wasm beside the bundle: if it is missing, the
      // heuristic's timetable (always valid) still answers, and the log says why.
      if (options.mip === 'always') throw error;
      logger.warn('mip unavailable, heuristic only', { error: (error as Error).name, message: (error as Error).message.slice(0, 200) });
    }
  }
  const placed = new Set(placements.map((p) => p.id));
  const unscheduled = prep.hearings.filter((h) => !placed.has(h.id)).map((h) => diagnose(prep, placements, h.id));
  return { placements, unscheduled, score: round(best.score), breakdown: best.breakdown, method };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Placements as the API speaks them: instants and room names. */
export function assignmentsOf(instance: Instance, placements: readonly Placement[]) {
  return placements
    .map((p) => {
      const { start, end } = instantsOf(instance.grid, p);
      return { requestId: p.id, start: start.toISOString(), end: end.toISOString(), room: instance.grid.rooms[p.room] };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.room.localeCompare(b.room));
}
