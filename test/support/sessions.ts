// Throwaway Periods of Sessions for tests: the 178th's shape with the fields a test needs
// changed, under a random number that no other test file (sharing the run's DynamoDB
// Local) has taken.
//
// Session numbers are split so tests cannot collide with one another:
//   1–99 999          numbers a test names on purpose: the seeded 175th–178th, 9999 as
//                     "a Period that does not exist", 900–998 for the create-once test;
//                     nothing random ever lands here;
//   100 000–999 999   throwaway sessions, drawn at random (and created only if absent).
import { seedSessions } from '../../functions/sessions/seed';
import type { TestRuntime } from './runtime';

export const THROWAWAY = { from: 100_000, to: 999_999 } as const;
/** Random draws without a lower bound stay below this, leaving room for "a later session" above them. */
const DEFAULT_TO = 899_999;

/** A number in the throwaway range (not checked for absence). */
export function throwawayNumber(from: number = THROWAWAY.from, to: number = from > DEFAULT_TO ? THROWAWAY.to : DEFAULT_TO): number {
  if (from < THROWAWAY.from || to > THROWAWAY.to || from > to) throw new Error(`throwaway session numbers are ${THROWAWAY.from}–${THROWAWAY.to}, not ${from}–${to}`);
  return from + Math.floor(Math.random() * (to - from + 1));
}

/** A throwaway number that no session has, checked just before it is returned. */
export async function absentSessionNumber(rt: TestRuntime): Promise<number> {
  for (;;) {
    const number = throwawayNumber();
    const res = await rt.call('GET', `/api/sessions/${number}`);
    if (res.status === 404) return number;
    if (res.status !== 200) throw new Error(`could not look up session ${number}: ${res.status} ${res.text}`);
  }
}

/** Creates a session with `overrides` under a free throwaway number, at least `above` when given. */
export async function throwawaySession(rt: TestRuntime, overrides: Record<string, unknown>, options: { above?: number } = {}): Promise<number> {
  for (;;) {
    const number = throwawayNumber(Math.max(options.above ?? THROWAWAY.from, THROWAWAY.from));
    const body = { ...seedSessions[3], title: `${number} Período de Sesiones`, ...overrides, number };
    const res = await rt.call('POST', '/api/sessions', { as: 'secretariat@example.org', body });
    if (res.status === 201) return number;
    if (res.status !== 409) throw new Error(`could not create a session: ${res.status} ${res.text}`);
  }
}
