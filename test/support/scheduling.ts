// Scheduling instances for tests and benchmarks: the 178th Period of Sessions as it was
// (19 accepted hearings, 7 of them regional, hearings 3-10 Dec 2020) and random ones.
import { seedSessions } from '../../functions/sessions/seed';
import { DEFAULT_WORKING_HOURS } from '../../functions/sessions/session';
import { type Grid, gridOf, slotsNeeded } from '../../functions/scheduling/grid';
import type { HearingToPlace, Instance } from '../../functions/scheduling/model';
import { requiredCommissioners, seedRapporteurships } from '../../functions/scheduling/rapporteurships';
import { STATE_CODES } from '../../functions/shared/states';

const s178 = seedSessions.find((s) => s.number === 178)!;
export const grid178: Grid = gridOf({ ...s178, workingHours: s178.workingHours ?? DEFAULT_WORKING_HOURS });

/** States of the 178th's hearings (country hearings and 7 regional ones). */
const hearings178: string[][] = [
  ['VE'], ['NI'], ['CU'], ['MX'], ['CO'], ['BR'], ['PE'], ['CL'], ['GT'], ['HN'], ['US'], ['EC'],
  ['BO', 'PE', 'EC'], ['MX', 'GT', 'HN', 'SV'], ['BR', 'AR', 'PY', 'UY'], ['CO', 'VE'], ['US', 'MX'], ['JM', 'TT', 'BB'], ['CA', 'US'],
];

export const instance178 = (): Instance => ({
  grid: grid178,
  rapporteurs: seedRapporteurships(),
  hearings: hearings178.map((states, i) => ({
    id: `h178-${String(i + 1).padStart(2, '0')}`,
    states,
    submittedAt: new Date(Date.UTC(2020, 8, 3 + i, 15)).toISOString(),
  })),
});

/** A small deterministic PRNG (mulberry32) so benchmarks are repeatable. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n accepted requests over enough days and rooms (about 70% of room-slots used). */
export function randomInstance(n: number, seed = 1): Instance {
  const rnd = prng(seed);
  const slotsPerDay = 8;
  const regional = Math.round(n * 0.35);
  const demand = n + regional;
  const rooms = Math.max(2, Math.min(6, Math.ceil(n / 40)));
  const rapporteurs = seedRapporteurships();
  const drafts = Array.from({ length: n }, (_, i) => {
    const k = i < regional ? 2 + Math.floor(rnd() * 3) : 1;
    const states = new Set<string>();
    while (states.size < k) states.add(STATE_CODES[Math.floor(rnd() * STATE_CODES.length)]);
    return [...states];
  });
  // Enough days for the rooms and for the busiest rapporteur, each at about 70%.
  const perCommissioner = new Map<string, number>();
  for (const states of drafts) for (const c of requiredCommissioners(states, rapporteurs)) perCommissioner.set(c, (perCommissioner.get(c) ?? 0) + slotsNeeded(states));
  const busiest = Math.max(0, ...perCommissioner.values());
  const dayCount = Math.max(2, Math.ceil(demand / (slotsPerDay * rooms * 0.7)), Math.ceil(busiest / (slotsPerDay * 0.7)));
  const days = Array.from({ length: dayCount }, (_, i) => new Date(Date.UTC(2021, 2, 1 + i)).toISOString().slice(0, 10));
  const grid: Grid = { days, slotsPerDay, slotMinutes: 60, rooms: Array.from({ length: rooms }, (_, i) => `Room ${i + 1}`), timeZone: 'America/New_York', dayStart: '09:00', online: true };
  const hearings: HearingToPlace[] = drafts.map((states, i) => {
    const unavailableDates = rnd() < 0.2 ? [days[Math.floor(rnd() * days.length)]] : undefined;
    return { id: `r${String(i).padStart(4, '0')}`, states, submittedAt: new Date(Date.UTC(2020, 10, 1) + Math.floor(rnd() * 1e9)).toISOString(), unavailableDates };
  });
  return { grid, hearings, rapporteurs };
}
