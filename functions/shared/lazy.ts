// Schemas built on first use instead of at import (issue 17). A module's top-level zod
// schemas were built in every cold start: all of a function's routes' inputs and every
// response schema, which only the OpenAPI document and the conformance tests read. A
// schema declared `lazySchema(() => z.object(...))` is built the first time anything
// touches it (a parse, another schema that embeds it, the OpenAPI generator) and is the
// same schema from then on. What this saves: the response schemas are never built in a
// function at all, and a cold start builds only the inputs of the route it serves (on
// its first request) rather than every route's; building the one route's inputs is the
// part that moves to the first request. Measured with callgrind on the bundles of
// bench/cold-start.ts.
//
// The stand-in is a Proxy that forwards everything to the built schema, so a lazy
// schema is typed and used exactly as the schema itself (z.infer, z.extend, parse,
// embedding in another schema, toJSONSchema); identity is the proxy's, consistently,
// since everything that uses it holds the proxy.
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = schema();
      const value = Reflect.get(target, key, target);
      return value;
    },
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Reported configurable: the stand-in itself holds none of the schema's properties.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(schema(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
