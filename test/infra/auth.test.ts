// Sign-in and deployment configuration in the synthesized stack: a managed-login domain,
// a web client that allows only the code flow back to the site's own origin, the site's
// config.json and CSP naming Cognito, the site origin in every function (never a
// placeholder), a custom domain with TLS 1.2_2021, no dependency cycle, and a prod
// configuration that refuses to synthesize without its values.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, stageConfig } from '../../lib/config';
import { DocketStack, type DocketStackProps } from '../../lib/docket-stack';

const ROOT = join(import.meta.dirname, '..', '..');
const env = { account: '111111111111', region: 'us-east-1' };
const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0b1d2c3e-aaaa-bbbb-cccc-123456789012';

function synth(props: Partial<DocketStackProps> = {}) {
  // Bundling is skipped here (it is exercised by `npm run synth`).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DocketStack(app, 'AuthTest', { production: false, stage: 'dev', mailFrom: 'audiencias@example.org', env, ...props });
  return { stack, template: Template.fromStack(stack) };
}

let dev: ReturnType<typeof synth>;
let custom: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth();
  custom = synth({ production: true, stage: 'prod', siteDomain: 'docket.example.org', certificateArn: CERT });
});

const only = (template: Template, type: string) => {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, any>; DependsOn?: string[] }];
};
const json = (value: unknown) => JSON.stringify(value);

describe('sign-in in the stack', () => {
  it('has a user-pool domain with the newer managed login, styled for the Docket client', () => {
    const [, domain] = only(dev.template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toBe('docket-dev-111111111111');
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
    const [clientId] = only(dev.template, 'AWS::Cognito::UserPoolClient');
    const [, branding] = only(dev.template, 'AWS::Cognito::ManagedLoginBranding');
    expect(branding.Properties.ClientId).toEqual({ Ref: clientId });
    expect(branding.Properties.UseCognitoProvidedValues).toBe(true);
  });

  it('lets the web client use the code flow only, back to the site origin only', () => {
    const [distributionId] = only(dev.template, 'AWS::CloudFront::Distribution');
    const [, client] = only(dev.template, 'AWS::Cognito::UserPoolClient');
    const p = client.Properties;
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(p.GenerateSecret).toBe(false);
    expect(p.SupportedIdentityProviders).toEqual(['COGNITO']);
    const siteRoot = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };
    expect(p.CallbackURLs).toEqual([siteRoot]);
    expect(p.LogoutURLs).toEqual([siteRoot]);
    expect(json(p)).not.toContain('example.com');
    expect(json(p)).not.toContain('implicit');
  });

  it('with a custom domain, calls back to it and serves it with TLS 1.2_2021 at least', () => {
    const [, client] = only(custom.template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.CallbackURLs).toEqual(['https://docket.example.org/']);
    expect(client.Properties.LogoutURLs).toEqual(['https://docket.example.org/']);
    const [, distribution] = only(custom.template, 'AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.Aliases).toEqual(['docket.example.org']);
    expect(distribution.Properties.DistributionConfig.ViewerCertificate).toMatchObject({ AcmCertificateArn: CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
  });

  it('has the four groups (the State delegations too, issue 16) as constructs and TOTP required', () => {
    const groups = Object.values(dev.template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => (g as { Properties: { GroupName: string } }).Properties.GroupName);
    expect(groups.sort()).toEqual(['applicant', 'commissioner', 'secretariat', 'state']);
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: ['email'],
    });
  });

  it('gives every function the site origin, never a placeholder', () => {
    const [distributionId] = only(dev.template, 'AWS::CloudFront::Distribution');
    const docketFunctions = ({ stack, template }: ReturnType<typeof synth>) => {
      const all = template.findResources('AWS::Lambda::Function') as Record<string, { Properties: { Environment: { Variables: Record<string, unknown> } } }>;
      return [...stack.functions.values()].map((f) => all[stack.getLogicalId(f.fn.node.defaultChild as never)]);
    };
    const fns = docketFunctions(dev);
    expect(fns.length).toBeGreaterThan(5);
    for (const fn of fns) {
      expect(fn.Properties.Environment.Variables.SITE_ORIGIN).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] });
    }
    for (const fn of docketFunctions(custom)) expect(fn.Properties.Environment.Variables.SITE_ORIGIN).toBe('https://docket.example.org');
    expect(json(dev.template.toJSON())).not.toContain('invalid.localhost');
  });

  it("writes config.json from the stack's values and lets the pages connect to Cognito only", () => {
    const deploys = Object.values(dev.template.findResources('Custom::CDKBucketDeployment')) as { Properties: Record<string, any> }[];
    const pages = deploys.find((d) => json(d.Properties).includes('config.json'));
    expect(pages).toBeDefined();
    expect(json(pages!.Properties)).toContain('no-cache');
    const markers = json(pages!.Properties.SourceMarkers ?? pages!.Properties);
    const [clientId] = only(dev.template, 'AWS::Cognito::UserPoolClient');
    const [poolId] = Object.keys(dev.template.findResources('AWS::Cognito::UserPool'));
    expect(markers).toContain(clientId);
    expect(markers).toContain(poolId);
    const assets = deploys.find((d) => json(d.Properties).includes('immutable'));
    expect(assets).toBeDefined();

    const [, policy] = only(dev.template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = json(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    // Cognito, and the documents bucket the browser uploads to (issue 15), nothing wider.
    expect(csp).toContain("connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com https://docket-dev-111111111111.auth.us-east-1.amazoncognito.com https://authtest-documents-111111111111-us-east-1.s3.us-east-1.");
    expect(csp).not.toContain('*');
  });

  it('has no dependency cycle between resources', () => {
    for (const { template } of [dev, custom]) {
      const resources = template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
      const edges = new Map<string, Set<string>>();
      for (const [id, resource] of Object.entries(resources)) {
        const refs = new Set<string>(resource.DependsOn ?? []);
        const text = json(resource);
        for (const m of text.matchAll(/"Ref":"(\w+)"|"Fn::GetAtt":\["(\w+)"/g)) refs.add(m[1] ?? m[2]);
        edges.set(id, new Set([...refs].filter((r) => r in resources && r !== id)));
      }
      const state = new Map<string, 'visiting' | 'done'>();
      const visit = (id: string, path: string[]): void => {
        if (state.get(id) === 'done') return;
        if (state.get(id) === 'visiting') throw new Error(`dependency cycle: ${[...path, id].join(' → ')}`);
        state.set(id, 'visiting');
        for (const next of edges.get(id)!) visit(next, [...path, id]);
        state.set(id, 'done');
      };
      for (const id of edges.keys()) visit(id, []);
    }
  });

  it('passes cdk-nag with a custom domain too', () => {
    const report = new AwsSolutionsChecks().validateScope(custom.stack);
    expect(report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('per-stage configuration', () => {
  const from = (values: Record<string, string>) => stageConfig((key) => values[key]);

  it('defaults to dev, on the CloudFront domain', () => {
    expect(from({})).toMatchObject({ stage: 'dev', production: false, siteDomain: undefined });
  });

  it('refuses prod without its values, naming each one', () => {
    expect(() => from({ stage: 'prod' })).toThrow(ConfigurationError);
    let message = '';
    try {
      from({ stage: 'prod', mailFrom: 'audiencias@example.org' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('missing siteDomain');
    expect(message).toContain('missing certificateArn');
    expect(message).not.toContain('missing mailFrom');
    expect(from({ stage: 'prod', siteDomain: 'docket.example.org', certificateArn: CERT, mailFrom: 'audiencias@example.org' })).toMatchObject({ production: true });
  });

  it('refuses a certificate outside us-east-1 and a domain without one', () => {
    expect(() => from({ siteDomain: 'docket.example.org' })).toThrow(/missing certificateArn/);
    expect(() => from({ siteDomain: 'docket.example.org', certificateArn: CERT.replace('us-east-1', 'eu-west-1') })).toThrow(/invalid certificateArn/);
  });

  it('`cdk synth -c stage=prod` without values fails, naming site domain, certificate and mail sender', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'docket.ts')], {
      cwd: ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ stage: 'prod' }), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'docket-cdk-')) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    for (const name of ['siteDomain', 'certificateArn', 'mailFrom']) expect(result.stderr).toContain(`missing ${name}`);
    expect(result.stderr).toContain('Docket stage "prod" cannot be deployed');
  });
});
