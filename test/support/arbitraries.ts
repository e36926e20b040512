// fast-check arbitraries from the JSON Schemas of /api/openapi.json (which the zod schemas
// generate), and the ways to break a request that the fuzz test mixes in.
import fc from 'fast-check';

type Schema = Record<string, any>;

/** Values that fit the schema's shape (not always its rules: that is the point). */
export function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s: Schema) => fromSchema(s, depth + 1)));
  switch (schema.type) {
    case 'object': {
      const props = Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, s]) => [k, fromSchema(s, depth + 1)]));
      return fc.record(props, { requiredKeys: (schema.required ?? []).filter((k: string) => k in props) });
    }
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 10_000 });
    case 'number':
      return fc.double({ noNaN: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date') return fc.constantFrom('2020-12-03', '2020-02-30', '1999-01-01');
      return fc.oneof(fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) }), fc.constantFrom('2020-09-10T12:00:00Z', 'MX', 'es', 'case'));
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Raw bodies that break the request in the ways issue 8 lists. */
export const brokenBody: fc.Arbitrary<{ label: string; raw: string | Uint8Array; contentType?: string }> = fc.oneof(
  fc.constant({ label: 'truncated JSON', raw: '{"a":' }),
  fc.constant({ label: 'not JSON', raw: 'hello' }),
  fc.constant({ label: 'deep nesting', raw: deep(50_000) }),
  fc.constant({ label: 'deep object', raw: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` }),
  fc.constant({ label: 'huge number', raw: '{"number": 1e400, "sessionNumber": 123456789012345678901234567890}' }),
  fc.constant({ label: '__proto__ keys', raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "number": 1}' }),
  fc.constant({ label: 'invalid UTF-8', raw: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) }),
  fc.constant({ label: 'lone surrogate', raw: '{"title":"\\ud800\\udc00\\ud800","name":"\\u202e\\u200b"}' }),
  fc.constant({ label: 'just over the body limit', raw: JSON.stringify({ title: 'x'.repeat(300 * 1024) }) }),
  fc.constant({ label: '1 MB string', raw: JSON.stringify({ name: 'é'.repeat(512 * 1024) }) }),
  fc.constant({ label: 'array instead of object', raw: '[1,2,3]' }),
  fc.constant({ label: 'null', raw: 'null' }),
  fc.constant({ label: 'wrong content type', raw: '{"a":1}', contentType: 'text/plain' }),
  fc.constant({ label: 'form encoded', raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }),
  fc.string({ maxLength: 200 }).map((s) => ({ label: 'random text', raw: s })),
  fc.json({ maxDepth: 4 }).map((s) => ({ label: 'random JSON', raw: s })),
);

/** Values for path parameters that should never get past validation. */
export const badPathValue = fc.oneof(
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '-1', '1e9', '0x10', 'NaN', '%E0%A4%A', 'x'.repeat(2_000), '%F0%9F%98%80', '__proto__', 'constructor', '%20'),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
);

/** Breaks a valid body: drop a required field, add an unknown one, change a type. */
export function mutate(body: unknown, seed: number): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { unexpected: true };
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[seed % Math.max(1, keys.length)];
  switch (seed % 5) {
    case 0:
      if (key) delete copy[key];
      return copy;
    case 1:
      return { ...copy, extraField: 'x', __proto__: { polluted: true } };
    case 2:
      if (key) copy[key] = typeof copy[key] === 'string' ? 12345 : 'a string';
      return copy;
    case 3:
      if (key) copy[key] = { nested: [[[[{}]]]] };
      return copy;
    default:
      if (key) copy[key] = '2020-13-45T99:99:99Z';
      return copy;
  }
}
