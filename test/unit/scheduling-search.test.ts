// The search (simulated annealing over the model) and the guarded MIP: deterministic for a
// seed, never breaking a hard constraint, never worse than its start; HiGHS proves a known
// optimum on a small instance and is skipped (provenGap null) above its size threshold.
// Bounded by work: instance sizes and evaluation counts, no wall-time thresholds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveHeuristic } from '../../functions/scheduling/heuristic';
import { solveDayBound, solveMip } from '../../functions/scheduling/mip';
import { type Instance, evaluate, prepare, violations } from '../../functions/scheduling/model';
import { anneal, daySearch, search } from '../../functions/scheduling/search';
import { mipSize, solve } from '../../functions/scheduling/solver';
import { STATE_CODES } from '../../functions/shared/states';
import { randomInstance } from '../support/scheduling';

describe('the search', () => {
  const prep = prepare(randomInstance(40, 7));
  const start = solveHeuristic(prep, { starts: 1, passes: 0 });

  it('gives the same timetable for the same seed, and another for another seed', () => {
    const a = anneal(prep, start, { seed: 5, evaluations: 20_000 });
    const b = anneal(prep, start, { seed: 5, evaluations: 20_000 });
    const c = anneal(prep, start, { seed: 6, evaluations: 20_000 });
    expect(a.evaluations).toBe(20_000);
    expect(b.placements).toEqual(a.placements);
    expect(b.score).toBe(a.score);
    expect(c.placements).not.toEqual(a.placements);
  });

  it('improves a greedy start, and its own score is the model score', () => {
    const before = evaluate(prep, start).score;
    const r = anneal(prep, start, { seed: 1, evaluations: 30_000 });
    expect(violations(prep, r.placements)).toEqual([]);
    expect(evaluate(prep, r.placements).score).toBeCloseTo(r.score, 6);
    expect(r.score).toBeLessThan(before);
  });

  it('never breaks a hard constraint and is never worse than its start (random instances)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 45 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, instanceSeed, seed) => {
        const p = prepare(randomInstance(n, instanceSeed));
        const s = solveHeuristic(p, { starts: 1, passes: 0 });
        const r = anneal(p, s, { seed, evaluations: 3_000 });
        expect(violations(p, r.placements)).toEqual([]);
        expect(r.placements.length).toBeGreaterThanOrEqual(s.length);
        expect(evaluate(p, r.placements).score).toBeLessThanOrEqual(evaluate(p, s).score + 1e-9);
      }),
      { numRuns: 25, seed: 17 },
    );
  });

  it('solve() answers from the search, deterministic for a seed, never worse than the heuristic start', async () => {
    const instance = randomInstance(30, 3);
    const p = prepare(instance);
    const a = await solve(instance, { mip: 'never', seed: 2, evaluations: 20_000, rounds: 2_000, searchMaxMs: 120_000 });
    const b = await solve(instance, { mip: 'never', seed: 2, evaluations: 20_000, rounds: 2_000, searchMaxMs: 120_000 });
    expect(b.placements).toEqual(a.placements);
    expect(a.evaluations).toBe(20_000 + 2_000); // annealing moves, then large-neighbourhood rounds
    expect(violations(p, a.placements)).toEqual([]);
    expect(a.score).toBeLessThanOrEqual(evaluate(p, solveHeuristic(p, { starts: 1 })).score + 1e-9);
    expect(['heuristic', 'search']).toContain(a.method);
    expect(a.provenGap).toBeNull();
    expect(a.mipStatus).toBe('not run');
  });
});

describe('the annealing over days', () => {
  const prep = prepare(randomInstance(60, 11));
  const start = solveHeuristic(prep, { starts: 1, passes: 0 });

  it('gives the same timetable for the same seed, another for another seed, and its own score is the model score', () => {
    const a = daySearch(prep, start, { seed: 5, evaluations: 50_000 });
    const b = daySearch(prep, start, { seed: 5, evaluations: 50_000 });
    const c = daySearch(prep, start, { seed: 6, evaluations: 50_000 });
    expect(a.evaluations).toBe(50_000);
    expect(b.placements).toEqual(a.placements);
    expect(c.placements).not.toEqual(a.placements);
    expect(violations(prep, a.placements)).toEqual([]);
    expect(evaluate(prep, a.placements).score).toBeCloseTo(a.score, 6);
  });

  it('closes most split days the greedy start leaves, at least as many as the slot-level annealing with as many evaluations', () => {
    const before = evaluate(prep, start).breakdown.splitDays;
    const days = evaluate(prep, daySearch(prep, start, { seed: 1, evaluations: 200_000 }).placements).breakdown.splitDays;
    const slots = evaluate(prep, anneal(prep, start, { seed: 1, evaluations: 200_000 }).placements).breakdown.splitDays;
    expect(days).toBeLessThan(before / 2);
    expect(days).toBeLessThanOrEqual(slots);
  });

  it('never breaks a hard constraint and is never worse than its start (random instances)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 45 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, instanceSeed, seed) => {
        const p = prepare(randomInstance(n, instanceSeed));
        const s = solveHeuristic(p, { starts: 1, passes: 0 });
        const r = daySearch(p, s, { seed, evaluations: 5_000 });
        expect(violations(p, r.placements)).toEqual([]);
        expect(r.placements.length).toBeGreaterThanOrEqual(s.length);
        expect(evaluate(p, r.placements).score).toBeLessThanOrEqual(evaluate(p, s).score + 1e-9);
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});

describe('the large-neighbourhood search after the annealing over days', () => {
  const prep = prepare(randomInstance(60, 11));
  const start = solveHeuristic(prep, { starts: 1, passes: 0 });

  it('is deterministic for a seed, keeps every hard constraint, and is never worse than the annealing it starts from', () => {
    const a = search(prep, start, { seed: 3, evaluations: 20_000, rounds: 3_000 });
    const b = search(prep, start, { seed: 3, evaluations: 20_000, rounds: 3_000 });
    const annealed = daySearch(prep, start, { seed: 3, evaluations: 20_000 });
    expect(b.placements).toEqual(a.placements);
    expect(a.evaluations).toBe(20_000 + 3_000);
    expect(violations(prep, a.placements)).toEqual([]);
    expect(a.placements).toHaveLength(prep.hearings.length);
    expect(evaluate(prep, a.placements).score).toBeCloseTo(a.score, 6);
    expect(a.score).toBeLessThanOrEqual(annealed.score + 1e-9);
  });

  it('improves on a short annealing (the rounds close split days and lower the small goals)', () => {
    const annealed = daySearch(prep, start, { seed: 3, evaluations: 5_000 });
    const r = search(prep, start, { seed: 3, evaluations: 5_000, rounds: 5_000 });
    expect(r.score).toBeLessThan(annealed.score);
  });
});

describe('the day-level bound', () => {
  it('never exceeds the score of a valid timetable (random instances)', async () => {
    for (const [n, seed] of [
      [8, 1],
      [14, 2],
      [20, 3],
    ]) {
      const p = prepare(randomInstance(n, seed));
      const r = search(p, solveHeuristic(p, { starts: 1, passes: 0 }), { seed: 1, evaluations: 5_000, rounds: 500 });
      for (const symmetric of [false, true]) {
        const day = await solveDayBound(p, { timeLimitSeconds: 60, symmetric });
        expect(day.bound).not.toBeNull();
        expect(day.bound!).toBeLessThanOrEqual(r.score + 1e-6);
      }
    }
  });
});

describe('the guarded MIP', () => {
  // One State with three one-slot hearings, two days of two slots, one room: one split
  // day is forced, the loads are 2 and 1 (spread 1), so the optimum is 1000 + 10 + a
  // tie-break below 1.
  const forced: Instance = {
    grid: { days: ['2021-03-01', '2021-03-02'], slotsPerDay: 2, slotMinutes: 60, rooms: ['R'], timeZone: 'America/New_York', dayStart: '09:00', online: false },
    rapporteurs: { AR: ['c-mx'], [STATE_CODES[1]]: ['c-cl'] },
    hearings: ['a', 'b', 'c'].map((id, i) => ({ id, states: ['AR'], submittedAt: `2020-09-0${i + 1}T00:00:00Z` })),
  };

  it('proves the optimum of a small instance whose optimum is known', async () => {
    const mip = await solveMip(prepare(forced), { timeLimitSeconds: 60 });
    expect(mip.optimal).toBe(true);
    expect(mip.bound).not.toBeNull();
    const solution = await solve(forced, { mip: 'always', evaluations: 2_000, timeLimitSeconds: 60 });
    expect(solution.breakdown).toMatchObject({ unplaced: 0, splitDays: 1, loadSpread: 1 });
    expect(solution.score).toBeGreaterThanOrEqual(1010);
    expect(solution.score).toBeLessThan(1011);
    expect(solution.provenGap).not.toBeNull();
    expect(solution.provenGap!).toBeLessThanOrEqual(0.001);
    // The day-level relaxation knows the State needs two days of two slots, and the spread.
    for (const symmetric of [false, true]) {
      const day = await solveDayBound(prepare(forced), { timeLimitSeconds: 60, symmetric });
      expect(day.bound!).toBeGreaterThanOrEqual(1010 - 1e-6);
      expect(day.bound!).toBeLessThanOrEqual(solution.score + 1e-6);
    }
  });

  it('is not run above the size threshold: the search answers with provenGap null', async () => {
    const instance = randomInstance(20, 4);
    expect(mipSize(prepare(instance))).toBeGreaterThan(50);
    const solution = await solve(instance, { mip: 'auto', mipMaxVariables: 50, evaluations: 5_000, searchMaxMs: 120_000 });
    expect(solution.provenGap).toBeNull();
    expect(solution.mipStatus).toBe('not run');
    expect(violations(prepare(instance), solution.placements)).toEqual([]);
  });

  it('stops at its memory ceiling (status “memory limit”) instead of growing until it aborts', async () => {
    const prep = prepare(randomInstance(20, 4));
    const mip = await solveMip(prep, { timeLimitSeconds: 60, maxMemoryBytes: 1 });
    expect(mip.status).toBe('memory limit');
    expect(mip.optimal).toBe(false);
  });
});
