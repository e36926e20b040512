// Configuration checked at start without zod (functions/shared/config.ts): a missing or
// malformed variable fails with its name; defaults and conversions as the stack expects.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneOf, optional, readConfig, required, withDefault } from '../../functions/shared/config';

afterEach(() => vi.unstubAllEnvs());

describe('readConfig', () => {
  it('names every missing or malformed variable', () => {
    vi.stubEnv('CFG_SHORT', 'ab');
    vi.stubEnv('CFG_DAYS', 'many');
    expect(() => readConfig({ CFG_ABSENT: required(1), CFG_SHORT: required(3), CFG_DAYS: withDefault(90, /^\d{1,4}$/, Number), CFG_FINE: optional() })).toThrow(
      'Docket configuration is invalid or missing: CFG_ABSENT, CFG_SHORT, CFG_DAYS',
    );
  });

  it('gives defaults when absent and converted values when present', () => {
    vi.stubEnv('CFG_DAYS', '12');
    vi.stubEnv('CFG_SCAN', 'stub');
    const config = readConfig({
      CFG_DAYS: withDefault(90, /^\d{1,4}$/, Number),
      CFG_MINUTES: withDefault(30, /^[1-9]\d{0,4}$/, Number),
      CFG_SCAN: oneOf(['guardduty', 'stub'], 'guardduty'),
      CFG_MODE: oneOf(['guardduty', 'stub'], 'guardduty'),
      CFG_OPTIONAL: optional(16),
    });
    expect(config).toEqual({ CFG_DAYS: 12, CFG_MINUTES: 30, CFG_SCAN: 'stub', CFG_MODE: 'guardduty', CFG_OPTIONAL: undefined });
  });

  it('refuses a value outside the list or shorter than an optional minimum', () => {
    vi.stubEnv('CFG_SCAN', 'clamav');
    vi.stubEnv('CFG_SECRET', 'short');
    expect(() => readConfig({ CFG_SCAN: oneOf(['guardduty', 'stub'], 'guardduty'), CFG_SECRET: optional(16) })).toThrow(/CFG_SCAN, CFG_SECRET/);
  });
});
