// A primal heuristic for the day-level model (mip.ts buildDayModel): simulated annealing
// over which day each hearing is on, with the day-level capacities as hard rules (rooms
// R·T slots a day, a State's delegation and a rapporteur T) and the day-level score
// (split days, load spread) as the cost. Why: HiGHS proves the day-level bound in seconds
// once it holds the optimal day assignment, but finds that assignment itself late (at 60
// requests it found it after 90 s of branching, then closed the tree in 5 s). Unlike
// search.ts daySearch, which keeps every day packable into slots at each move, this one
// anneals the relaxation alone (capacities only, a move is a few array updates), so it
// reaches day assignments daySearch would need to pass through unpackable states for;
// at 50 requests it found a timetable one split day better. Two annealers over days is
// one too many in the long run (noted in issue 17): daySearch could take its moves.
// Slots come afterwards (mip.ts realizeDays); the answer is only a candidate: the bound
// never depends on it. Deterministic: seeded PRNG, a count of moves.
import { type PreparedInstance, WEIGHTS } from './model';
import { mulberry32 } from './search';

export interface DaySearchOptions {
  seed?: number;
  /** Moves tried. */
  moves?: number;
  /** Price of a slot over a capacity while annealing. */
  overPrice?: number;
  /** Weight of the gathering guide. */
  guide?: number;
  hot?: number;
  cold?: number;
  /** Weight of the load spread while annealing (the best is kept by the day-level score). */
  spreadWeight?: number;
}

/** Split days and load spread of a day assignment, in score units (capital hours and tie-break left out). */
export function dayCost(prep: PreparedInstance, dayOf: readonly number[]): number {
  const days = new Map<string, Set<number>>();
  const loads = prep.grid.days.map(() => 0);
  let unplaced = 0;
  prep.hearings.forEach((h, i) => {
    if (dayOf[i] < 0) return void unplaced++;
    loads[dayOf[i]] += h.length;
    for (const s of h.states) days.set(s, (days.get(s) ?? new Set()).add(dayOf[i]));
  });
  let split = 0;
  for (const set of days.values()) split += set.size - 1;
  const spread = loads.length > 0 ? Math.max(...loads) - Math.min(...loads) : 0;
  return unplaced * WEIGHTS.unplaced + split * WEIGHTS.splitDays + spread * WEIGHTS.loadSpread;
}

/**
 * Anneals the day assignment `start` (day index per hearing, −1 for left out) and returns
 * the best one found under the day-level capacities (no worse than the start).
 */
export function daySearch(prep: PreparedInstance, start: readonly number[], options: DaySearchOptions = {}): number[] {
  const { grid, hearings } = prep;
  const n = hearings.length;
  const D = grid.days.length;
  const T = grid.slotsPerDay;
  const roomCap = grid.rooms.length * T;
  if (n === 0 || D < 2) return [...start];
  const stateIds = new Map<string, number>();
  const commIds = new Map<string, number>();
  for (const h of hearings) {
    for (const s of h.states) if (!stateIds.has(s)) stateIds.set(s, stateIds.size);
    for (const c of h.commissioners) if (!commIds.has(c)) commIds.set(c, commIds.size);
  }
  const S = stateIds.size;
  const C = commIds.size;
  const hs = hearings.map((h) => h.states.map((s) => stateIds.get(s)!));
  const hc = hearings.map((h) => h.commissioners.map((c) => commIds.get(c)!));
  const len = hearings.map((h) => h.length);
  const ofState: number[][] = Array.from({ length: S }, () => []);
  hs.forEach((list, h) => list.forEach((s) => ofState[s].push(h)));
  const day = [...start];
  const load = new Array<number>(D).fill(0);
  const sLoad = new Int32Array(S * D); // slots of State s on day d
  const sCount = new Int32Array(S * D); // hearings of State s on day d
  const cLoad = new Int32Array(C * D);
  const distinct = new Int32Array(S);
  let split = 0;
  // Slots over a capacity (rooms, a State, a rapporteur), allowed while annealing at a
  // price so the search can pass through full days; and Σ (hearings of a State on a day)²,
  // a guide that pays for gathering a State before its last hearing leaves a day.
  let over = 0;
  let gathered = 0;
  const excess = (x: number, cap: number) => Math.max(0, x - cap);
  const put = (h: number, d: number) => {
    day[h] = d;
    over += excess(load[d] + len[h], roomCap) - excess(load[d], roomCap);
    load[d] += len[h];
    for (const s of hs[h]) {
      const i = s * D + d;
      over += excess(sLoad[i] + len[h], T) - excess(sLoad[i], T);
      sLoad[i] += len[h];
      gathered += 2 * sCount[i] + 1;
      if (sCount[i]++ === 0 && ++distinct[s] > 1) split++;
    }
    for (const c of hc[h]) {
      const i = c * D + d;
      over += excess(cLoad[i] + len[h], T) - excess(cLoad[i], T);
      cLoad[i] += len[h];
    }
  };
  const take = (h: number) => {
    const d = day[h];
    over += excess(load[d] - len[h], roomCap) - excess(load[d], roomCap);
    load[d] -= len[h];
    for (const s of hs[h]) {
      const i = s * D + d;
      over += excess(sLoad[i] - len[h], T) - excess(sLoad[i], T);
      sLoad[i] -= len[h];
      gathered -= 2 * sCount[i] - 1;
      if (--sCount[i] === 0 && distinct[s]-- > 1) split--;
    }
    for (const c of hc[h]) {
      const i = c * D + d;
      over += excess(cLoad[i] - len[h], T) - excess(cLoad[i], T);
      cLoad[i] -= len[h];
    }
    day[h] = -1;
  };
  const overPrice = options.overPrice ?? 1000;
  const guide = options.guide ?? 20;
  const fitsHard = (h: number, d: number) => {
    if (hearings[h].unavailable[d] || load[d] + len[h] > roomCap) return false;
    for (const s of hs[h]) if (sLoad[s * D + d] + len[h] > T) return false;
    for (const c of hc[h]) if (cLoad[c * D + d] + len[h] > T) return false;
    return true;
  };
  const fits = (h: number, d: number) => !hearings[h].unavailable[d];
  day.fill(-1);
  for (let h = 0; h < n; h++) if (start[h] >= 0) put(h, start[h]);
  // Hearings left out: wherever they fit.
  for (let h = 0; h < n; h++) if (day[h] < 0 && len[h] <= T) for (let d = 0; d < D && day[h] < 0; d++) if (fitsHard(h, d)) put(h, d);
  const spread = () => {
    let max = -Infinity;
    let min = Infinity;
    for (const l of load) (max = Math.max(max, l)), (min = Math.min(min, l));
    return max - min;
  };
  const unplacedCost = () => day.reduce((sum, d) => sum + (d < 0 ? WEIGHTS.unplaced : 0), 0);
  const extra = unplacedCost();
  const trueCost = () => extra + split * WEIGHTS.splitDays + spread() * WEIGHTS.loadSpread;
  const spreadWeight = options.spreadWeight ?? WEIGHTS.loadSpread;
  const cost = () => extra + split * WEIGHTS.splitDays + spread() * spreadWeight + over * overPrice - gathered * guide;
  let current = cost();
  let best = over === 0 ? trueCost() : Infinity;
  let bestDay = [...day];
  const rnd = mulberry32(options.seed ?? 1);
  const moves = options.moves ?? 200_000;
  const hot = options.hot ?? WEIGHTS.splitDays * 1.5;
  const cold = options.cold ?? WEIGHTS.loadSpread * 0.3;
  const placed = () => {
    let h = Math.floor(rnd() * n);
    for (let i = 0; i < n && day[h] < 0; i++) h = (h + 1) % n;
    return day[h] < 0 ? -1 : h;
  };
  // Moves done, to undo a rejected one: [hearing, day it came from].
  const undo: [number, number][] = [];
  const move = (h: number, d: number) => {
    undo.push([h, day[h]]);
    take(h);
    put(h, d);
  };
  for (let i = 0; i < moves; i++) {
    const temperature = hot * Math.pow(cold / hot, i / moves);
    undo.length = 0;
    const kind = rnd();
    let ok = true;
    if (kind < 0.35) {
      // Relocate one hearing.
      const h = placed();
      const d = Math.floor(rnd() * D);
      if (h < 0 || d === day[h]) continue;
      const from = day[h];
      take(h);
      ok = fits(h, d);
      put(h, ok ? d : from);
      if (ok) undo.push([h, from]);
    } else if (kind < 0.6) {
      // Swap two hearings of different days.
      const a = placed();
      const b = placed();
      if (a < 0 || b < 0 || day[a] === day[b]) continue;
      const da = day[a];
      const db = day[b];
      take(a);
      take(b);
      ok = fits(a, db);
      if (ok) put(a, db);
      ok = ok && fits(b, da);
      if (ok) put(b, da);
      else {
        if (day[a] >= 0) take(a);
        put(a, da);
        put(b, db);
        continue;
      }
      undo.push([a, da], [b, db]);
    } else if (kind < 0.7) {
      // Move a hearing with everything joined to it on its day (through shared States) to
      // another day; half the time, bring back what is joined there to a hearing of that day.
      const h = placed();
      const to = Math.floor(rnd() * D);
      if (h < 0 || to === day[h]) continue;
      const from = day[h];
      const groupOf = (first: number, on: number) => {
        const group = [first];
        const inGroup = new Set(group);
        for (let g = 0; g < group.length; g++)
          for (const x of hs[group[g]])
            for (const other of ofState[x])
              if (day[other] === on && !inGroup.has(other)) {
                inGroup.add(other);
                group.push(other);
              }
        return group;
      };
      const going = groupOf(h, from);
      let coming: number[] = [];
      if (rnd() < 0.5) {
        const there = hearings.map((_, g) => g).filter((g) => day[g] === to);
        if (there.length > 0) coming = groupOf(there[Math.floor(rnd() * there.length)], to);
      }
      for (const g of going) {
        if (!fits(g, to)) {
          ok = false;
          break;
        }
        move(g, to);
      }
      if (ok)
        for (const g of coming) {
          if (!fits(g, from)) {
            ok = false;
            break;
          }
          move(g, from);
        }
    } else {
      // Gather a split State's hearings on one of its days, pushing the others' out of the way where needed.
      const s = Math.floor(rnd() * S);
      if (distinct[s] < 2) continue;
      const target = day[ofState[s][Math.floor(rnd() * ofState[s].length)]];
      for (const h of ofState[s]) {
        if (day[h] === target || day[h] < 0) continue;
        const from = day[h];
        take(h);
        if (fits(h, target)) {
          put(h, target);
          undo.push([h, from]);
          continue;
        }
        put(h, from);
        // Make room: send one hearing of the target day that is in the way to the day this one leaves.
        const inWay = hearings.findIndex((_, g) => day[g] === target && !hs[g].includes(s) && len[g] >= len[h] && (hc[g].some((c) => hc[h].includes(c)) || hs[g].some((x) => hs[h].includes(x)) || load[target] + len[h] > roomCap));
        if (inWay < 0) {
          ok = false;
          break;
        }
        take(h);
        take(inWay);
        if (fits(h, target)) {
          put(h, target);
          if (fits(inWay, from)) {
            put(inWay, from);
            undo.push([h, from], [inWay, target]);
            continue;
          }
          take(h);
        }
        put(h, from);
        put(inWay, target);
        ok = false;
        break;
      }
    }
    const next = ok ? cost() : Infinity;
    if (ok && (next <= current || rnd() < Math.exp((current - next) / temperature))) {
      current = next;
      if (over === 0 && trueCost() < best) {
        best = trueCost();
        bestDay = [...day];
      }
    } else {
      for (let u = undo.length - 1; u >= 0; u--) {
        const [h, d] = undo[u];
        take(h);
        put(h, d);
      }
      current = cost();
    }
  }
  return bestDay;
}

/**
 * The best day assignment of a few seeded annealing runs (from a start that spreads the
 * hearings over the days, and from the timetable in hand), as the hearings of each day;
 * null when none beats the timetable in hand at the day level.
 */
export function dayCandidate(prep: PreparedInstance, placements: readonly { id: string; day: number }[], options: { runs?: number; moves?: number } = {}): number[][] | null {
  const D = prep.grid.days.length;
  if (D < 2 || prep.hearings.length === 0) return null;
  const dayById = new Map(placements.map((p) => [p.id, p.day]));
  const inHand = prep.hearings.map((h) => dayById.get(h.id) ?? -1);
  const spread = prep.hearings.map((h, i) => {
    let d = i % D;
    for (let k = 0; k < D && h.unavailable[d]; k++) d = (d + 1) % D;
    return h.unavailable[d] || h.length > prep.grid.slotsPerDay ? -1 : d;
  });
  let best = inHand;
  let bestCost = dayCost(prep, inHand);
  const runs = options.runs ?? 4;
  for (let seed = 1; seed <= runs; seed++) {
    // The spread left out of the annealing's cost (the best is still kept by the day-level score): measured, it finds the fewest split days more often.
    const found = daySearch(prep, seed === runs ? inHand : spread, { seed, moves: options.moves ?? 400_000, spreadWeight: 0 });
    const cost = dayCost(prep, found);
    if (cost < bestCost - 1e-9) (best = found), (bestCost = cost);
  }
  if (best === inHand) return null;
  return prep.grid.days.map((_, k) => prep.hearings.filter((h) => best[h.index] === k).map((h) => h.index));
}
