// Scheduling domain: the grid, the hard constraints, both solvers, on the 178th and on
// random instances (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, gridOf, insideGrid, instantsOf, zonedInstant } from '../../functions/scheduling/grid';
import { solveHeuristic } from '../../functions/scheduling/heuristic';
import { solveMip } from '../../functions/scheduling/mip';
import { Board, type Instance, evaluate, prepare, violations } from '../../functions/scheduling/model';
import { requiredCommissioners, seedRapporteurships } from '../../functions/scheduling/rapporteurships';
import { solve } from '../../functions/scheduling/solver';
import { COMMISSIONERS } from '../../functions/shared/commissioners';
import { STATE_CODES } from '../../functions/shared/states';
import { runs } from '../support/property';
import { grid178, instance178 } from '../support/scheduling';

describe('grid', () => {
  it('turns the 178th into 6 days x 8 one-hour slots x 2 rooms in New York time', () => {
    expect(grid178.days).toEqual(['2020-12-03', '2020-12-04', '2020-12-07', '2020-12-08', '2020-12-09', '2020-12-10']);
    expect(grid178.slotsPerDay).toBe(8);
    expect(grid178.rooms).toHaveLength(2);
    const { start, end } = instantsOf(grid178, { day: 0, slot: 0, length: 2 });
    expect(start.toISOString()).toBe('2020-12-03T14:00:00.000Z'); // 09:00 EST
    expect(end.toISOString()).toBe('2020-12-03T16:00:00.000Z');
    expect(cellOf(grid178, new Date('2020-12-04T20:00:00Z'), 'Sala virtual 2')).toEqual({ day: 1, slot: 6, room: 1 });
    expect(cellOf(grid178, new Date('2020-12-04T20:30:00Z'), 'Sala virtual 2')).toBeUndefined();
    expect(cellOf(grid178, new Date('2020-12-05T15:00:00Z'), 'Sala virtual 1')).toBeUndefined(); // a Saturday, no hearings
    expect(cellOf(grid178, new Date('2020-12-04T22:00:00Z'), 'Sala virtual 1')).toBeUndefined(); // 17:00, after hours
  });

  it('follows daylight saving time', () => {
    expect(zonedInstant('2020-07-08', '09:00', 'America/New_York').toISOString()).toBe('2020-07-08T13:00:00.000Z');
    expect(zonedInstant('2020-03-05', '09:00', 'America/Port-au-Prince').toISOString()).toBe('2020-03-05T14:00:00.000Z');
    const g = gridOf({ hearingDays: ['2020-03-06'], slotMinutes: 45, rooms: ['A'], timeZone: 'America/Santiago', format: 'in_person', workingHours: { start: '09:00', end: '12:00' } });
    expect(g.slotsPerDay).toBe(4);
    expect(instantsOf(g, { day: 0, slot: 1, length: 1 }).start.toISOString()).toBe('2020-03-06T12:45:00.000Z'); // Chile summer time, UTC-3
  });
});

describe('rapporteurships', () => {
  it('seeds every OAS State to a commissioner who is not its national, five each', () => {
    const r = seedRapporteurships();
    expect(Object.keys(r).sort()).toEqual([...STATE_CODES].sort());
    const load = new Map<string, number>();
    for (const [state, ids] of Object.entries(r)) {
      expect(ids).toHaveLength(1);
      expect(COMMISSIONERS.find((c) => c.id === ids[0])!.nationality).not.toBe(state);
      load.set(ids[0], (load.get(ids[0]) ?? 0) + 1);
    }
    expect([...load.values()]).toEqual([5, 5, 5, 5, 5, 5, 5]);
  });

  it('never requires a national of a State of the hearing', () => {
    const r = { AR: ['c-mx'], MX: ['c-cl'], CL: ['c-br'] };
    expect(requiredCommissioners(['AR'], r)).toEqual(['c-mx']);
    expect(requiredCommissioners(['AR', 'MX'], r)).toEqual(['c-cl']); // c-mx is Mexican
    expect(requiredCommissioners(['MX', 'CL'], r)).toEqual(['c-br']); // c-cl is Chilean
  });
});

describe('hard constraints', () => {
  const instance: Instance = {
    grid: { ...grid178, days: grid178.days.slice(0, 1), slotsPerDay: 3 },
    rapporteurs: { AR: ['c-mx'], BO: ['c-mx'], CO: ['c-cl'], VE: ['c-br'], PE: ['c-jm'] },
    hearings: [
      { id: 'ar', states: ['AR'], submittedAt: '2020-09-03T00:00:00Z' },
      { id: 'bo', states: ['BO'], submittedAt: '2020-09-04T00:00:00Z' },
      { id: 'co-ve', states: ['CO', 'VE'], submittedAt: '2020-09-05T00:00:00Z' },
      { id: 've', states: ['VE'], submittedAt: '2020-09-06T00:00:00Z' },
      { id: 'pe', states: ['PE'], submittedAt: '2020-09-06T00:00:00Z', unavailableDates: ['2020-12-03'] },
    ],
  };
  const prep = prepare(instance);
  const board = new Board(prep);
  board.place(prep.byId.get('ar')!, 0, 0, 0);
  board.place(prep.byId.get('co-ve')!, 0, 1, 0);

  it('names each broken constraint and the resource', () => {
    expect(board.clashes(prep.byId.get('bo')!, 0, 0, 1)).toEqual([{ constraint: 'commissioner', resource: 'c-mx', with: 'ar' }]);
    // The delegation of Venezuela and its rapporteur are both in the regional hearing.
    expect(board.clashes(prep.byId.get('ve')!, 0, 2, 1)).toEqual([
      { constraint: 'state', resource: 'VE', with: 'co-ve' },
      { constraint: 'commissioner', resource: 'c-br', with: 'co-ve' },
    ]);
    expect(board.clashes(prep.byId.get('ve')!, 0, 1, 0).map((c) => c.constraint)).toEqual(['room', 'state', 'commissioner']);
    expect(board.clashes(prep.byId.get('pe')!, 0, 0, 1)).toEqual([{ constraint: 'unavailable', resource: '2020-12-03' }]);
    expect(board.clashes(prep.byId.get('co-ve')!, 0, 2, 1)).toEqual([{ constraint: 'grid' }]); // two slots do not fit at the last slot
    expect(board.clashes(prep.byId.get('bo')!, 0, 1, 1)).toEqual([]);
  });

  it('reports who was left out and why', async () => {
    const solution = await solve(instance, { mip: 'never' });
    expect(violations(prep, solution.placements)).toEqual([]);
    expect(solution.unscheduled).toContainEqual({ requestId: 'pe', reason: 'unavailable', resources: ['2020-12-03'] });
    expect(solution.placements.map((p) => p.id).sort()).toEqual(['ar', 'bo', 'co-ve', 've']);
  });

  it('detects every kind of clash in a whole timetable', () => {
    const bad = [
      { id: 'ar', day: 0, slot: 0, length: 1, room: 0 },
      { id: 'bo', day: 0, slot: 0, length: 1, room: 1 },
      { id: 'co-ve', day: 0, slot: 0, length: 2, room: 0 },
    ];
    expect(violations(prep, bad).map((v) => `${v.id}:${v.constraint}`).sort()).toEqual(['bo:commissioner', 'co-ve:room']);
  });
});

describe('the 178th Period of Sessions', () => {
  it('places all 19 hearings (7 regional, two slots each) inside its hearing days, breaking nothing', async () => {
    const instance = instance178();
    expect(instance.hearings).toHaveLength(19);
    expect(instance.hearings.filter((h) => h.states.length > 1)).toHaveLength(7);
    const prep = prepare(instance);
    const solution = await solve(instance, { mip: 'never' });
    expect(solution.unscheduled).toEqual([]);
    expect(solution.placements).toHaveLength(19);
    expect(violations(prep, solution.placements)).toEqual([]);
    for (const p of solution.placements) {
      expect(insideGrid(instance.grid, p)).toBe(true);
      expect(p.length).toBe(prep.byId.get(p.id)!.states.length > 1 ? 2 : 1);
      const { start } = instantsOf(instance.grid, p);
      expect(start >= new Date('2020-12-03T00:00:00-05:00') && start < new Date('2020-12-11T00:00:00-05:00')).toBe(true);
    }
    // Every State's hearings share one day, and all are inside 08:00-18:00 in the capitals.
    expect(solution.breakdown.splitDays).toBe(0);
    expect(solution.breakdown.outsideCapitalHours).toBe(0);
  });
});

const arbInstance = fc
  .record({
    days: fc.integer({ min: 1, max: 3 }),
    slotsPerDay: fc.integer({ min: 1, max: 5 }),
    rooms: fc.integer({ min: 1, max: 3 }),
    hearings: fc.array(
      fc.record({
        states: fc.uniqueArray(fc.constantFrom(...STATE_CODES.slice(0, 8)), { minLength: 1, maxLength: 3 }),
        at: fc.integer({ min: 0, max: 1000 }),
        off: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      }),
      { maxLength: 14 },
    ),
    rapporteurs: fc.array(fc.constantFrom('c-mx', 'c-cl', 'c-br'), { minLength: 8, maxLength: 8 }),
  })
  .map(({ days, slotsPerDay, rooms, hearings, rapporteurs }): Instance => {
    const dayList = Array.from({ length: days }, (_, i) => `2021-03-0${i + 1}`);
    return {
      grid: { days: dayList, slotsPerDay, slotMinutes: 60, rooms: Array.from({ length: rooms }, (_, i) => `R${i}`), timeZone: 'America/New_York', dayStart: '09:00', online: true },
      rapporteurs: Object.fromEntries(STATE_CODES.slice(0, 8).map((s, i) => [s, [rapporteurs[i]]])),
      hearings: hearings.map((h, i) => ({
        id: `h${i}`,
        states: h.states,
        submittedAt: new Date(Date.UTC(2020, 8, 3) + h.at * 60_000).toISOString(),
        unavailableDates: h.off === undefined ? undefined : [dayList[h.off % days]],
      })),
    };
  });

describe('random instances (fast-check)', () => {
  it('the heuristic never breaks a hard constraint and stays inside the grid', () => {
    fc.assert(
      fc.property(arbInstance, (instance) => {
        const prep = prepare(instance);
        const placements = solveHeuristic(prep);
        expect(violations(prep, placements)).toEqual([]);
        for (const p of placements) expect(insideGrid(instance.grid, p)).toBe(true);
        expect(new Set(placements.map((p) => p.id)).size).toBe(placements.length);
      }),
      { numRuns: runs(100) },
    );
  });

  it('HiGHS never breaks a hard constraint, and is never worse than the heuristic when it proves optimality', async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance, async (instance) => {
        const prep = prepare(instance);
        const mip = await solveMip(prep, { timeLimitSeconds: 5 });
        expect(violations(prep, mip.placements)).toEqual([]);
        for (const p of mip.placements) expect(insideGrid(instance.grid, p)).toBe(true);
        if (mip.optimal) {
          // "Optimal" is HiGHS's: within its absolute gap (0.5) or its relative gap (1e-4 of
          // the score). With a hearing left out (100,000) the relative one is the wider: a
          // load spread 10 worse (one slot) is still "optimal" (seed -444192671 found it).
          const heuristic = evaluate(prep, solveHeuristic(prep)).score;
          const score = evaluate(prep, mip.placements).score;
          expect(score).toBeLessThanOrEqual(heuristic + Math.max(0.5, 1e-4 * score) + 1e-9);
        }
      }),
      { numRuns: runs(10) },
    );
  });

  it('every hearing is either placed or explained', async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance, async (instance) => {
        // A small search budget: this is about explanations, not about the search.
        const solution = await solve(instance, { mip: 'never', evaluations: 2_000 });
        const ids = [...solution.placements.map((p) => p.id), ...solution.unscheduled.map((u) => u.requestId)].sort();
        expect(ids).toEqual(instance.hearings.map((h) => h.id).sort());
        for (const u of solution.unscheduled) expect(['grid', 'unavailable', 'room', 'state', 'commissioner']).toContain(u.reason);
      }),
      { numRuns: runs(60) },
    );
  });
});
