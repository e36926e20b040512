// Throwaway Periods of Sessions for tests: the 178th's shape with the fields a test needs
// changed, under a random number that no other test file (sharing the run's DynamoDB
// Local) has taken.
import { seedSessions } from '../../functions/sessions/seed';
import type { TestRuntime } from './runtime';

export async function throwawaySession(rt: TestRuntime, overrides: Record<string, unknown>, range: { from: number; size: number } = { from: 5000, size: 90_000 }): Promise<number> {
  for (;;) {
    const number = range.from + Math.floor(Math.random() * range.size);
    const body = { ...seedSessions[3], title: `${number} Período de Sesiones`, ...overrides, number };
    const res = await rt.call('POST', '/api/sessions', { as: 'secretariat@example.org', body });
    if (res.status === 201) return number;
    if (res.status !== 409) throw new Error(`could not create a session: ${res.status} ${res.text}`);
  }
}
