// The origin check CloudFront's secret header passes (functions/shared/edge.ts).
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, cameThroughEdge } from '../../functions/shared/edge';

describe('cameThroughEdge', () => {
  const secret = 's'.repeat(32);
  it('accepts only the exact secret when one is configured', () => {
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: secret }, secret)).toBe(true);
    expect(cameThroughEdge({}, secret)).toBe(false);
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: `${secret}x` }, secret)).toBe(false);
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: 't'.repeat(32) }, secret)).toBe(false);
  });
  it('lets everything through where there is no CloudFront (local runtime)', () => {
    expect(cameThroughEdge({}, undefined)).toBe(true);
  });
});
