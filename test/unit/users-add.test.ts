// The arguments of `npm run users:add`, checked before anything reaches Cognito.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, poolIdFromOutputs } from '../../scripts/users-add';

describe('users:add arguments', () => {
  it('reads email, group and nationality; a commissioner gets an id from the nationality', () => {
    expect(parseArgs(['Ana@Example.org', 'secretariat'], {})).toEqual({ email: 'ana@example.org', group: 'secretariat', nationality: undefined, commissionerId: undefined, poolId: undefined, stage: 'dev' });
    expect(parseArgs(['c@example.org', 'commissioner', 'cl', '--pool-id', 'us-east-1_abc'], {})).toMatchObject({ nationality: 'CL', commissionerId: 'c-cl', poolId: 'us-east-1_abc' });
    expect(parseArgs(['c@example.org', 'commissioner', 'MX', '--commissioner-id=c-mx2'], { DOCKET_STAGE: 'prod' })).toMatchObject({ commissionerId: 'c-mx2', stage: 'prod' });
    // A State delegation: the code is its State (custom:state, issue 16).
    expect(parseArgs(['delegacion@example.org', 'state', 'co'], {})).toMatchObject({ group: 'state', nationality: 'CO', commissionerId: undefined });
  });

  it('names what is wrong', () => {
    expect(() => parseArgs([], {})).toThrow(/usage/);
    expect(() => parseArgs(['not-an-email', 'applicant'], {})).toThrow(/not an email/);
    expect(() => parseArgs(['a@example.org', 'admin'], {})).toThrow(/group must be one of applicant, secretariat, commissioner/);
    expect(() => parseArgs(['a@example.org', 'commissioner'], {})).toThrow(/needs a nationality/);
    expect(() => parseArgs(['a@example.org', 'state'], {})).toThrow(/OAS member State/);
    expect(() => parseArgs(['a@example.org', 'state', 'FR'], {})).toThrow(/OAS member State/);
    expect(() => parseArgs(['a@example.org', 'applicant', 'Chile'], {})).toThrow(/two-letter/);
    expect(() => parseArgs(['a@example.org', 'applicant', '--commissioner-id', 'c-x'], {})).toThrow(/commissioners only/);
  });

  it('finds the pool id in cdk-outputs.json for the stage', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'docket-out-')), 'cdk-outputs.json');
    expect(() => poolIdFromOutputs(file, 'dev')).toThrow(/--pool-id/);
    writeFileSync(file, JSON.stringify({ 'Docket-dev': { UserPoolId: 'us-east-1_dev' }, Docket: { UserPoolId: 'us-east-1_prod' } }));
    expect(poolIdFromOutputs(file, 'dev')).toBe('us-east-1_dev');
    expect(poolIdFromOutputs(file, 'prod')).toBe('us-east-1_prod');
    expect(() => poolIdFromOutputs(file, 'test')).toThrow(/Docket-test/);
  });
});
