// Idempotent seeding of the local runtime: each seeder writes with conditions, so a
// second start changes nothing. Contexts add their seeder to this list.
import { Conflict } from '../functions/shared/errors';

export type Seeder = { name: string; run: () => Promise<number> };

/** Runs a create and counts it, treating "already exists" as done. */
export async function createOnce(create: () => Promise<unknown>): Promise<number> {
  try {
    await create();
    return 1;
  } catch (error) {
    if (error instanceof Conflict) return 0;
    throw error;
  }
}

// Imported lazily: the stores read their table names from the environment at import,
// which the runtime sets first.
export const seeders: Seeder[] = [
  {
    name: 'sessions',
    run: async () => {
      const { seedSessions } = await import('../functions/sessions/seed');
      const { toSession } = await import('../functions/sessions/session');
      const { createSession } = await import('../functions/sessions/store');
      let created = 0;
      for (const input of seedSessions) created += await createOnce(() => createSession(toSession(input)));
      return created;
    },
  },
  {
    name: 'hearings',
    run: async () => {
      const { seedRequests } = await import('../functions/hearings/seed');
      const { submitRequest } = await import('../functions/hearings/store');
      let created = 0;
      for (const request of seedRequests()) created += await createOnce(() => submitRequest(request, undefined, new Date(request.submittedAt)));
      return created;
    },
  },
  {
    name: 'rapporteurships',
    run: async () => {
      const { seedRapporteurships } = await import('../functions/scheduling/rapporteurships');
      const { putRapporteurships } = await import('../functions/scheduling/store');
      return createOnce(() => putRapporteurships(seedRapporteurships(), 0, 'seed', new Date()));
    },
  },
  {
    name: 'ballots',
    run: async () => {
      const { seedBallots } = await import('../functions/evote/seed');
      const { newBallot } = await import('../functions/evote/ballot');
      const { createBallot, openBallot } = await import('../functions/evote/store');
      const { clock } = await import('../functions/shared/clock');
      let created = 0;
      for (const seed of seedBallots) {
        created += await createOnce(() => createBallot(newBallot(seed.id, seed.input, new Date(seed.createdAt))));
        // Open it whenever the demo clock is before its closing (already open or closed: as is).
        // Seeding tells nobody (as with seeded hearing requests).
        if (clock.now() < new Date(seed.input.closesAt)) await createOnce(() => openBallot(seed.id, () => clock.now(), { notify: false }));
      }
      return created;
    },
  },
];
