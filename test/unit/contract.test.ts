// The OpenAPI document is complete (issue 13, finding 8): every success status has a
// schema, every route with a path parameter documents 404, every protected route 401 and
// 403, links name real operations, and no schema lets internal fields out.
import { describe, expect, it } from 'vitest';
import { nonConformance } from '../../functions/docs/contract';
import { openApiDocument, operationId } from '../../functions/docs/openapi';
import { viewOf as hearingView } from '../../functions/hearings/view';
import { allRoutes } from '../../functions/manifest';
import { PENDING_SCHEMAS } from '../support/conformance';

const routes = allRoutes();
const doc = openApiDocument(routes) as any;
const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })));

describe('the OpenAPI document', () => {
  it('has a schema for every success status of every operation', () => {
    const missing: string[] = [];
    for (const { key, op } of operations) {
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        if (Number(status) >= 300 || PENDING_SCHEMAS.has(`${key} ${status}`)) continue;
        const content = Object.values(response.content ?? {}) as { schema?: unknown }[];
        if (!content.length || !content.every((c) => c.schema)) missing.push(`${key} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations.length).toBe(routes.length);
  });

  it('documents 404 with a path parameter, 401/403 when protected, 422 with input, each with a problem schema', () => {
    const missing: string[] = [];
    for (const { key, path, op } of operations) {
      const expected = [400, 429, ...(path.includes('{') ? [404, 422] : []), ...(op.security?.length === 0 ? [] : [401, 403]), ...(op.requestBody ? [422] : []), ...(key.startsWith('GET') ? [] : [413, 415])];
      for (const status of expected) {
        const r = op.responses[status];
        if (!r?.content?.['application/problem+json']?.schema) missing.push(`${key} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    // The gateway's own answers are documented as { message }.
    expect(doc.paths['/api/ballots'].post.responses[401].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GatewayMessage' });
  });

  it('links to operations that exist, with unique operation ids', () => {
    const ids = new Set(operations.map(({ op }) => op.operationId));
    expect(ids.size).toBe(operations.length);
    const links = operations.flatMap(({ op }) => Object.values(op.responses as Record<string, any>).flatMap((r) => Object.values(r.links ?? {}) as { operationId: string }[]));
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !ids.has(l.operationId))).toEqual([]);
    expect(doc.paths['/api/ballots'].post.responses[201].links.ballot.operationId).toBe(operationId('GET', '/api/ballots/{id}'));
    expect(doc.paths['/api/hearing-requests'].post.responses[201].links.request.operationId).toBe('getApiHearingRequestsById');
  });

  it('documents the rules stricter than the schemas', () => {
    const op = doc.paths['/api/ballots/{id}/close'].post;
    expect(op['x-docket-rules'].join(' ')).toMatch(/every eligible member has voted/);
    expect(op.description).toMatch(/Rules beyond the schemas/);
  });
});

describe('the conformance check', () => {
  const spec = routes.find((r) => r.method === 'GET' && r.path === '/api/ballots/{id}')!;
  const json = new Headers({ 'content-type': 'application/json' });
  const problem = new Headers({ 'content-type': 'application/problem+json' });
  const ballot = {
    id: '01JCE4ZS0V8Y3K2N5P7Q9R1T2W', title: 't', question: 'q', kind: 'secret', majority: 'absolute_members', closesAt: '2026-01-01T00:00:00Z',
    status: 'open', createdAt: '2025-12-01T00:00:00Z', recusals: [], eligible: 7, eligibleIds: [], votesCast: 1,
  };

  it('accepts a body of the documented schema and refuses others', () => {
    expect(nonConformance(spec, 200, json.get('content-type'), ballot)).toBeUndefined();
    expect(nonConformance(spec, 200, json.get('content-type'), { ...ballot, votesCast: 'one' })).toMatch(/votesCast/);
    expect(nonConformance(spec, 201, json.get('content-type'), ballot)).toMatch(/not documented/);
    expect(nonConformance(spec, 404, problem.get('content-type'), { type: 'x', title: 't', status: 404, detail: 'd' })).toBeUndefined();
    expect(nonConformance(spec, 404, json.get('content-type'), { message: 'Not Found' })).toMatch(/content-type/);
    expect(nonConformance(spec, 401, json.get('content-type'), { message: 'Unauthorized' })).toBeUndefined();
  });

  it('never lets ownerSub or version out of a hearing request', () => {
    const stored = {
      id: 'r1', status: 'submitted', sessionNumber: 178, submittedAt: 'a', updatedAt: 'a', kind: 'thematic', states: ['MX'], title: 't', objective: 'o', basis: 'b',
      participants: [{ name: 'Hidden', role: 'witness', confidential: true }], languages: ['es'], private: false, contact: { name: 'c', email: 'c@example.org' },
      language: 'es', ownerSub: 'u-owner', history: [{ at: 'a', status: 'submitted', by: 'u-owner' }], version: 3,
    } as const;
    const mine = hearingView(stored as any, { sub: 'u-owner', roles: ['applicant'] });
    const theirs = hearingView(stored as any, { sub: 'u-other', roles: ['secretariat'] });
    for (const view of [mine, theirs]) expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['ownerSub']));
    expect('version' in mine || 'ownerSub' in mine).toBe(false);
    expect(mine.mine && mine.history[0].byOwner).toBe(true);
    expect(theirs.mine).toBe(false);
    const submit = routes.find((r) => r.method === 'POST' && r.path === '/api/hearing-requests')!;
    expect(nonConformance(submit, 201, 'application/json', mine)).toBeUndefined();
  });
});

describe('the frontend types', () => {
  it('come from the server schemas by type-only imports: no zod in the bundle', async () => {
    const { build } = await import('esbuild');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '../..');
    const result = await build({ entryPoints: [join(root, 'frontend/src/main.ts')], bundle: true, format: 'esm', write: false, metafile: true, target: ['es2022'], outdir: '/tmp/docket-contract-bundle', logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('frontend/src/hearings/model.ts'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/zod|functions\/\w+\/(view|routes)\.ts/.test(i))).toEqual([]);
  }, 60_000);
});
