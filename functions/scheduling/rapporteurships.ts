// Country rapporteurships: which commissioner(s) report on each OAS member State. It is
// configuration the secretariat edits; the seed spreads the 35 States over the seven
// seats, never giving a commissioner the State of their nationality (Art. 17).
import * as z from 'zod/mini';
import { COMMISSIONERS, nationalsOf } from '../shared/commissioners';
import { STATE_CODES, isOasState } from '../shared/states';
import { rule } from '../shared/validation';
import { lazySchema } from '../shared/lazy';
import type { Rapporteurships } from './model';

// The rule a hearing's commissioners follow lives with the scheduling model (model.ts), so
// the solver, a file of its own when deployed, does not carry this module's zod schema.
export { type Rapporteurships, requiredCommissioners } from './model';

const commissionerIds = COMMISSIONERS.map((c) => c.id) as string[];

export const RapporteurshipsInput = lazySchema(() => z.object({
  rapporteurs: z
    .record(z.string(), z.array(z.string().check(z.refine((id) => commissionerIds.includes(id), { message: rule('rule.rapporteur.unknownCommissioner') }))).check(z.maxLength(7)))
    .check(
      z.refine((r) => Object.keys(r).every(isOasState), { message: rule('rule.rapporteur.unknownState') }),
      // Every member State keeps a rapporteur: the solver needs one for each hearing.
      z.refine((r) => STATE_CODES.every((s) => (r[s]?.length ?? 0) > 0), { message: rule('rule.rapporteur.everyState') }),
      z.refine((r) => Object.entries(r).every(([state, ids]) => ids.every((id) => !nationalsOf(state).some((c) => c.id === id))), {
        message: rule('rule.rapporteur.national'),
      }),
    ),
}));
export type RapporteurshipsInput = z.infer<typeof RapporteurshipsInput>;

/** Round robin over the seats, skipping a national; five States each. */
export function seedRapporteurships(): Rapporteurships {
  const result: Rapporteurships = {};
  const load = new Map<string, number>(commissionerIds.map((id) => [id, 0]));
  STATE_CODES.forEach((state, i) => {
    const order = commissionerIds.map((_, k) => commissionerIds[(i + k) % commissionerIds.length]);
    const eligible = order.filter((id) => !nationalsOf(state).some((c) => c.id === id));
    const least = Math.min(...eligible.map((id) => load.get(id)!));
    const chosen = eligible.find((id) => load.get(id) === least)!;
    load.set(chosen, least + 1);
    result[state] = [chosen];
  });
  return result;
}
