// The origin check CloudFront's secret header passes (functions/shared/edge.ts), alone
// and wired into the HTTP stack every function uses.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { cameThroughEdge as CameThroughEdge } from '../../functions/shared/edge';

const SECRET = 's'.repeat(32);
let cameThroughEdge: typeof CameThroughEdge;
let HEADER: string;

beforeAll(async () => {
  // As the stack sets it; read once when the module loads, like at a cold start.
  process.env.ORIGIN_VERIFY_SECRET = SECRET;
  ({ cameThroughEdge, ORIGIN_VERIFY_HEADER: HEADER } = await import('../../functions/shared/edge'));
});

describe('cameThroughEdge', () => {
  it('accepts only the exact secret when one is configured', () => {
    expect(cameThroughEdge({ [HEADER]: SECRET }, SECRET)).toBe(true);
    expect(cameThroughEdge({}, SECRET)).toBe(false);
    expect(cameThroughEdge({ [HEADER]: `${SECRET}x` }, SECRET)).toBe(false);
    expect(cameThroughEdge({ [HEADER]: 't'.repeat(32) }, SECRET)).toBe(false);
  });

  it('lets everything through where there is no CloudFront (local runtime)', () => {
    expect(cameThroughEdge({}, '')).toBe(true);
  });

  it('makes every HTTP function refuse a request that did not come through CloudFront', async () => {
    const { httpApi } = await import('../../functions/shared/http');
    const { implement } = await import('../../functions/shared/route');
    const { sessionRoutes } = await import('../../functions/sessions/routes');
    let ran = 0;
    const handler = httpApi([implement(sessionRoutes.health, async () => ({ status: (ran++, 'ok') }))]);
    const event = (headers: Record<string, string>) =>
      ({
        version: '2.0',
        routeKey: 'GET /api/health',
        rawPath: '/api/health',
        headers,
        requestContext: { requestId: 'r1', http: { method: 'GET', path: '/api/health' } },
      }) as unknown as APIGatewayProxyEventV2;
    const context = { functionName: 'docket-test', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

    const direct = await handler(event({ 'accept-language': 'en' }), context);
    expect(direct.statusCode).toBe(403);
    expect(JSON.parse(direct.body!).detail).toMatch(/through the site/);
    expect(ran).toBe(0);

    const viaCdn = await handler(event({ [HEADER]: SECRET }), context);
    expect(viaCdn.statusCode).toBe(200);
    expect(ran).toBe(1);
  });
});
