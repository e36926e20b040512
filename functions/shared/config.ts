// Configuration read once at cold start and checked: a missing variable fails fast
// with its name instead of surfacing later as an obscure DynamoDB error.
//
// The checks are plain functions rather than zod schemas (issue 17): a zod schema
// built and parsed at import was the only zod work left in a cold start once the
// routes' schemas became lazy (shared/lazy.ts), and zod's first use (its core's code
// compiled and run) was some 13-17 M instructions, about 2 % of a bare handler's cold
// start (callgrind on the bundles of bench/cold-start.ts). Requests whose route parses
// input still pay zod's first use, on that request; those without input never do.
import type { TableDef } from './table';

/** One variable's check: its value (or undefined), or `invalid`. */
export type Setting<T> = (value: string | undefined) => T | typeof invalid;
const invalid: unique symbol = Symbol('invalid');

/** Any string, or absent. */
export const optional =
  (minLength = 0): Setting<string | undefined> =>
  (v) =>
    v === undefined || v.length >= minLength ? v : invalid;

/** Present, at least `minLength` characters. */
export const required =
  (minLength = 1): Setting<string> =>
  (v) =>
    v !== undefined && v.length >= minLength ? v : invalid;

/** `fallback` when absent; else it must match `pattern`, and is converted (a number, say). */
export const withDefault =
  <T = string>(fallback: T, pattern?: RegExp, convert: (v: string) => T = (v) => v as T): Setting<T> =>
  (v) =>
    v === undefined ? fallback : !pattern || pattern.test(v) ? convert(v) : invalid;

/** `fallback` when absent; else one of `values`. */
export const oneOf =
  <const V extends readonly string[]>(values: V, fallback: V[number]): Setting<V[number]> =>
  (v) =>
    v === undefined ? fallback : values.includes(v) ? v : invalid;

export function readConfig<T extends Record<string, Setting<unknown>>>(shape: T): { [K in keyof T]: Exclude<ReturnType<T[K]>, typeof invalid> } {
  const out: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const [name, check] of Object.entries(shape)) {
    const value = check(process.env[name]);
    if (value === invalid) bad.push(name);
    else out[name] = value;
  }
  if (bad.length) throw new Error(`Docket configuration is invalid or missing: ${bad.join(', ')}`);
  return out as { [K in keyof T]: Exclude<ReturnType<T[K]>, typeof invalid> };
}

/** Settings every function shares. */
export const shared = readConfig({
  /** Set only by the local runtime and tests (DynamoDB Local). */
  DYNAMODB_ENDPOINT: optional(),
  /** The site's origin, the only one CORS allows. */
  SITE_ORIGIN: withDefault('http://localhost:3000'),
});

/** The physical name of a table, from the variable the stack sets (table.envVar). */
export const tableNameOf = (table: TableDef): string => readConfig({ [table.envVar]: required(1) })[table.envVar];
