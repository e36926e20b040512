// A timetable read back outside the solver: placements as the API speaks them, and why a
// hearing was left out. The routes that show or change a draft need these, and only the
// proposal needs the solver (solver.ts, a file of its own when deployed: load-solver.ts).
import { type Placement, instantsOf } from './grid';
import { Board, type Clash, type Constraint, type Instance, type PreparedInstance } from './model';

export interface Unscheduled {
  requestId: string;
  /** The constraint that kept the hearing out. */
  reason: Constraint;
  /** What ran out: State codes, commissioner ids, rooms, or the dates the participants cannot attend. */
  resources: string[];
}

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

/** Placements as the API speaks them: instants and room names. */
export function assignmentsOf(instance: Instance, placements: readonly Placement[]) {
  return placements
    .map((p) => {
      const { start, end } = instantsOf(instance.grid, p);
      return { requestId: p.id, start: start.toISOString(), end: end.toISOString(), room: instance.grid.rooms[p.room] };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.room.localeCompare(b.room));
}
