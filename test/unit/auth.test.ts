// cognito:groups as the API Gateway JWT authorizer passes it (issue 13, 5): an array
// claim becomes one string "[a b]"; it is split on spaces only, never on commas.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { groupsOf, principalOf } from '../../functions/shared/auth';
import { authorizerClaims } from '../../local/identity';

const eventWith = (claims: Record<string, unknown>) => ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('cognito:groups', () => {
  it('reads the authorizer\'s "[a b]" string', () => {
    expect(groupsOf('[applicant secretariat]')).toEqual(['applicant', 'secretariat']);
    expect(groupsOf('[commissioner]')).toEqual(['commissioner']);
    expect(groupsOf('[]')).toEqual([]);
    expect(groupsOf(['applicant'])).toEqual(['applicant']);
    expect(groupsOf(undefined)).toEqual([]);
  });

  it('never grants a role from a group whose name merely contains it after a comma', () => {
    const claims = authorizerClaims({ sub: 's', 'cognito:groups': ['x,secretariat'] });
    expect(claims['cognito:groups']).toBe('[x,secretariat]');
    expect(groupsOf(claims['cognito:groups'])).toEqual(['x,secretariat']);
    expect(principalOf(eventWith(claims))!.roles).toEqual([]);
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': 'x,secretariat' }))!.roles).toEqual([]);
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[applicant x,secretariat]' }))!.roles).toEqual(['applicant']);
  });

  it('grants the roles of real groups', () => {
    const claims = authorizerClaims({ sub: 's', 'cognito:groups': ['applicant', 'secretariat'] });
    expect(principalOf(eventWith(claims))!.roles).toEqual(['applicant', 'secretariat']);
  });
});

describe('the caller (second security review)', () => {
  it('is read from an ID token only: an access token (groups, no custom attributes) is no caller', () => {
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[commissioner]', token_use: 'access', client_id: 'c' }))).toBeUndefined();
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[commissioner]', token_use: 'id' }))!.roles).toEqual(['commissioner']);
  });

  it("knows a commissioner's nationality from the seat when the attribute is missing, so Art. 17 still recuses", () => {
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[commissioner]', 'custom:commissionerId': 'c-mx' }))!.nationality).toBe('MX');
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[commissioner]', 'custom:commissionerId': 'c-mx', 'custom:nationality': 'mx' }))!.nationality).toBe('MX');
    expect(principalOf(eventWith({ sub: 's', 'cognito:groups': '[applicant]' }))!.nationality).toBeUndefined();
  });
});
