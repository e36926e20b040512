// Configuration read once at cold start and checked: a missing variable fails fast
// with its name instead of surfacing later as an obscure DynamoDB error.
import * as z from 'zod/mini';
import type { TableDef } from './table';

export function readConfig<T extends Record<string, z.ZodMiniType>>(shape: T): z.infer<z.ZodMiniObject<T>> {
  const parsed = z.object(shape).safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Docket configuration is invalid or missing: ${names}`);
  }
  return parsed.data;
}

/** Settings every function shares. */
export const shared = readConfig({
  /** Set only by the local runtime and tests (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  /** The site's origin, the only one CORS allows. */
  SITE_ORIGIN: z._default(z.string(), 'http://localhost:3000'),
});

/** The physical name of a table, from the variable the stack sets (table.envVar). */
export const tableNameOf = (table: TableDef): string => readConfig({ [table.envVar]: z.string().check(z.minLength(1)) })[table.envVar] as string;
