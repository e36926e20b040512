// The lower bound behind provenGap (mip.ts buildDayModel / solveDayBound: the day-level
// relaxation with connectivity cuts and the representatives rule for identical days):
// never above the score of a valid timetable, equal to the optimum found by brute force
// on tiny instances up to the tie-break (which the day level prices at its cheapest),
// and solve()'s provenGap never claims more than the brute-force optimum allows.
// Bounded by work: instance sizes; HiGHS time limits are safety nets only.
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/scheduling/grid';
import { dayCandidate, dayCost } from '../../functions/scheduling/days';
import { buildDayModel, matchDays, realizeDays, solveDayBound } from '../../functions/scheduling/mip';
import { type Instance, type PreparedInstance, evaluate, prepare, violations } from '../../functions/scheduling/model';
import { seedRapporteurships } from '../../functions/scheduling/rapporteurships';
import { assignRooms, search } from '../../functions/scheduling/search';
import { solve } from '../../functions/scheduling/solver';
import { solveHeuristic } from '../../functions/scheduling/heuristic';
import { prng, randomInstance } from '../support/scheduling';

/** 4–5 hearings on four States (so they share States and rapporteurs), 2–3 short days, 1–2 rooms. */
function tinyInstance(seed: number): Instance {
  const rnd = prng(seed);
  const dayCount = rnd() < 0.5 ? 2 : 3;
  const grid: Grid = {
    days: Array.from({ length: dayCount }, (_, i) => `2021-03-0${i + 1}`),
    slotsPerDay: dayCount === 2 ? 3 : 2,
    slotMinutes: 60,
    rooms: rnd() < 0.5 ? ['Room 1'] : ['Room 1', 'Room 2'],
    timeZone: 'America/New_York',
    dayStart: '09:00',
    online: false,
  };
  const pool = ['AR', 'BR', 'CL', 'UY'];
  const n = 4 + Math.floor(rnd() * 2);
  const hearings = Array.from({ length: n }, (_, i) => {
    const states = new Set([pool[Math.floor(rnd() * pool.length)]]);
    if (rnd() < 0.35) while (states.size < 2) states.add(pool[Math.floor(rnd() * pool.length)]);
    const unavailableDates = rnd() < 0.2 ? [grid.days[Math.floor(rnd() * dayCount)]] : undefined;
    return { id: `t${i}`, states: [...states], submittedAt: new Date(Date.UTC(2020, 10, 1 + i)).toISOString(), unavailableDates };
  });
  return { grid, hearings, rapporteurs: seedRapporteurships() };
}

/** The optimum by enumeration: every hearing at every (day, slot) or left out; rooms by interval partitioning. */
function bruteForce(prep: PreparedInstance): number {
  const { grid, hearings } = prep;
  const R = grid.rooms.length;
  const busy = new Map<string, number>(); // `${resource}|${day}|${slot}` -> hearings holding it
  const chosen: { h: number; day: number; slot: number }[] = [];
  let best = Infinity;
  const resources = (i: number) => ['rooms', ...hearings[i].states.map((s) => `s${s}`), ...hearings[i].commissioners.map((c) => `c${c}`)];
  const fits = (i: number, day: number, slot: number) => {
    for (let t = slot; t < slot + hearings[i].length; t++) for (const r of resources(i)) if ((busy.get(`${r}|${day}|${t}`) ?? 0) >= (r === 'rooms' ? R : 1)) return false;
    return true;
  };
  const mark = (i: number, day: number, slot: number, by: number) => {
    for (let t = slot; t < slot + hearings[i].length; t++) for (const r of resources(i)) busy.set(`${r}|${day}|${t}`, (busy.get(`${r}|${day}|${t}`) ?? 0) + by);
  };
  const visit = (i: number) => {
    if (i === hearings.length) {
      const placements = assignRooms(prep, chosen);
      expect(placements).toHaveLength(chosen.length);
      expect(violations(prep, placements)).toEqual([]);
      best = Math.min(best, evaluate(prep, placements).score);
      return;
    }
    visit(i + 1); // left out
    for (let day = 0; day < grid.days.length; day++) {
      if (hearings[i].unavailable[day]) continue;
      for (let slot = 0; slot + hearings[i].length <= grid.slotsPerDay; slot++) {
        if (!fits(i, day, slot)) continue;
        mark(i, day, slot, 1);
        chosen.push({ h: i, day, slot });
        visit(i + 1);
        chosen.pop();
        mark(i, day, slot, -1);
      }
    }
  };
  visit(0);
  return best;
}

describe('the day-level bound', () => {
  it('equals the brute-force optimum of tiny instances up to the tie-break, and never exceeds it', async () => {
    const gaps: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const prep = prepare(tinyInstance(seed));
      const optimum = bruteForce(prep);
      for (const symmetric of [false, true]) {
        const day = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric });
        expect(day.optimal).toBe(true);
        expect(day.bound!).toBeLessThanOrEqual(optimum + 1e-6);
        gaps.push(optimum - day.bound!);
        // The window cuts (cliques of up to three) keep every timetable: never above the optimum, never below the plain model.
        const windowed = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric, variant: { windows: 3 } });
        expect(windowed.optimal).toBe(true);
        expect(windowed.bound!).toBeLessThanOrEqual(optimum + 1e-6);
        expect(windowed.bound!).toBeGreaterThanOrEqual(day.bound! - 1e-6);
        // Told a score to beat (just above or just below the optimum), never a bound above the optimum either.
        for (const cutoff of [optimum + 0.5, optimum - 0.5]) {
          const cut = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric, cutoff });
          if (cut.bound !== null) expect(cut.bound).toBeLessThanOrEqual(optimum + 1e-6);
        }
      }
      // The two steps solve() takes: split days alone bound the score; with the fewest split
      // days proved, min(1000 × (fewest + 1), bound among assignments with no more) does too.
      const first = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric: true, variant: { splitsOnly: true } });
      expect(first.optimal).toBe(true);
      expect(first.bound!).toBeLessThanOrEqual(optimum + 1e-6);
      const fewest = Math.ceil(first.bound! / 1000 - 1e-6);
      // With at least the fewest as well (valid once proved: every timetable has that many).
      const second = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric: true, variant: { maxSplits: fewest, minSplits: fewest } });
      expect(Math.min(1000 * (fewest + 1), second.bound!)).toBeLessThanOrEqual(optimum + 1e-6);
      // (solve() uses it only when nothing need be left out: a score of 100,000 or more is not a count of split days.)
      if (first.bound! < 100_000) expect(second.bound!).toBeGreaterThanOrEqual(1000 * fewest - 1e-6);
      // solve()'s proof: the bound it used, score × (1 − provenGap), is below the optimum too.
      const solution = await solve(tinyInstance(seed), { mip: 'always', evaluations: 2_000, timeLimitSeconds: 60 });
      expect(solution.score).toBeGreaterThanOrEqual(optimum - 1e-6);
      expect(solution.provenGap).not.toBeNull();
      expect(solution.score * (1 - solution.provenGap!)).toBeLessThanOrEqual(optimum + 1e-4);
    }
    // The tie-break (below 1 in all) is the only part priced at its cheapest.
    expect(Math.max(...gaps)).toBeLessThan(1);
  });

  it('never exceeds the score of a valid timetable (small random instances)', async () => {
    for (const [n, seed] of [
      [10, 11],
      [16, 12],
      [24, 13],
      [30, 14],
    ]) {
      const prep = prepare(randomInstance(n, seed));
      const r = search(prep, solveHeuristic(prep, { starts: 1, passes: 0 }), { seed: 1, evaluations: 5_000, rounds: 500 });
      expect(violations(prep, r.placements)).toEqual([]);
      const day = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric: true, start: r.placements });
      expect(day.bound).not.toBeNull();
      expect(day.bound!).toBeLessThanOrEqual(r.score + 1e-6);
    }
  });

  it('knows that two States joined by a hearing, with more hearings than a day holds, split', async () => {
    // AR and BR meet in a regional hearing (2 slots) and twice each alone: 6 slots, one
    // room of 4 slots a day. Each State alone fits a day (4 slots), so only the cut on
    // the pair {AR, BR} (6 slots touching it need 2 days) says one of them splits.
    const instance: Instance = {
      grid: { days: ['2021-03-01', '2021-03-02'], slotsPerDay: 4, slotMinutes: 60, rooms: ['R'], timeZone: 'America/New_York', dayStart: '09:00', online: false },
      rapporteurs: seedRapporteurships(),
      hearings: [['AR', 'BR'], ['AR'], ['AR'], ['BR'], ['BR']].map((states, i) => ({ id: `p${i}`, states, submittedAt: `2020-09-0${i + 1}T00:00:00Z` })),
    };
    const prep = prepare(instance);
    expect(buildDayModel(prep, true).lp).toMatch(/cc\d+: /);
    const day = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric: true });
    const optimum = bruteForce(prep);
    expect(optimum).toBeGreaterThanOrEqual(1000);
    expect(day.bound!).toBeGreaterThanOrEqual(1000);
    expect(day.bound!).toBeLessThanOrEqual(optimum + 1e-6);
  });
});

describe('the window cuts', () => {
  it('know that what conflicts with a hearing through different States must fit beside it, and nothing more', async () => {
    // A regional hearing on AR, BR and UY (2 slots of a 3-slot day) and one hearing alone
    // on each: no State, rapporteur or room is over its day's capacity with all four on
    // one day, but the three single hearings each conflict with the regional one (through
    // a different State and rapporteur each), so they share the one slot left beside it,
    // two rooms: one goes to the other day and its State splits. Only the window cut on
    // the regional hearing says so.
    const instance: Instance = {
      grid: { days: ['2021-03-01', '2021-03-02'], slotsPerDay: 3, slotMinutes: 60, rooms: ['R1', 'R2'], timeZone: 'America/New_York', dayStart: '09:00', online: false },
      rapporteurs: seedRapporteurships(),
      hearings: [['AR', 'BR', 'UY'], ['AR'], ['BR'], ['UY']].map((states, i) => ({ id: `w${i}`, states, submittedAt: `2020-09-0${i + 1}T00:00:00Z` })),
    };
    const prep = prepare(instance);
    const optimum = bruteForce(prep);
    expect(optimum).toBeGreaterThanOrEqual(1000);
    for (const symmetric of [false, true]) {
      const plain = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric });
      expect(plain.bound!).toBeLessThan(1000);
      expect(buildDayModel(prep, symmetric, { windows: 1 }).lp).toMatch(/w\d+: /);
      const windowed = await solveDayBound(prep, { timeLimitSeconds: 60, symmetric, variant: { windows: 1 } });
      expect(windowed.bound!).toBeGreaterThanOrEqual(1000);
      expect(windowed.bound!).toBeLessThanOrEqual(optimum + 1e-6);
      // Its day assignment can be given slots, with the optimum's score (up to the tie-break).
      const real = await realizeDays(prep, windowed.days!, { timeLimitSeconds: 60 });
      expect(real!.placements).toHaveLength(4);
      expect(evaluate(prep, real!.placements).score).toBeLessThan(optimum + 1);
    }
  });
});

describe('day assignments as timetables', () => {
  it('gives real dates to symmetric days, honouring unavailable dates', () => {
    const prep = prepare({
      ...tinyInstance(3),
      hearings: [
        { id: 'a', states: ['AR'], submittedAt: '2020-09-01T00:00:00Z', unavailableDates: ['2021-03-01'] },
        { id: 'b', states: ['BR'], submittedAt: '2020-09-02T00:00:00Z', unavailableDates: ['2021-03-02'] },
      ],
      grid: { ...tinyInstance(3).grid, days: ['2021-03-01', '2021-03-02'] },
    });
    expect(matchDays(prep, [[0], [1]])).toEqual([1, 0]);
    expect(matchDays(prep, [[0, 1], []])).toBeNull();
  });

  it('realizes the annealed days of a random instance as a valid timetable with the same day-level cost', async () => {
    const prep = prepare(randomInstance(30, 21));
    const start = solveHeuristic(prep, { starts: 1, passes: 0 });
    const candidate = dayCandidate(prep, start, { runs: 2, moves: 100_000 });
    const days = candidate ?? prep.grid.days.map((_, k) => start.filter((p) => p.day === k).map((p) => prep.byId.get(p.id)!.index));
    const dayOf = prep.hearings.map((h) => days.findIndex((list) => list.includes(h.index)));
    expect(dayCost(prep, dayOf)).toBeLessThanOrEqual(dayCost(prep, prep.hearings.map((h) => start.find((p) => p.id === h.id)?.day ?? -1)));
    const real = await realizeDays(prep, days, { timeLimitSeconds: 60 });
    expect(real).not.toBeNull();
    expect(violations(prep, real!.placements)).toEqual([]);
  });
});
