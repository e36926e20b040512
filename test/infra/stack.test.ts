// CDK assertions on the properties that matter, on the stack built from the manifest,
// plus cdk-nag AwsSolutions over the whole tree (zero unacknowledged findings).
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventFunctions, httpFunctions, tables } from '../../functions/manifest';
import { DocketStack } from '../../lib/docket-stack';

let stack: DocketStack;
let template: Template;

beforeAll(() => {
  // Bundling is skipped here (it is exercised by `npm run synth` and the benchmarks).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new DocketStack(app, 'Test', { production: true, mailFrom: 'audiencias@example.org', env: { account: '111111111111', region: 'us-east-1' } });
  template = Template.fromStack(stack);
});

const resources = (type: string) => Object.entries(template.findResources(type)) as [string, { Properties: Record<string, any> }][];

describe('DocketStack', () => {
  it('passes cdk-nag AwsSolutions with every finding acknowledged for a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
  });

  it('has one on-demand table per definition with PITR and deletion protection', () => {
    const all = resources('AWS::DynamoDB::GlobalTable');
    expect(all).toHaveLength(tables.length);
    for (const [, t] of all) {
      expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(t.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(t.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
  });

  it('runs every function on Node.js 24, arm64, with its own log group and retention', () => {
    const fns = resources('AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime?.startsWith('nodejs24'));
    expect(fns).toHaveLength(httpFunctions.length + eventFunctions.length);
    for (const [, f] of fns) {
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    template.resourceCountIs('AWS::Logs::LogGroup', httpFunctions.length + eventFunctions.length + 1 /* API access logs */);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('grants each function only its own tables, with no wildcard actions', () => {
    const tableIds = new Map(resources('AWS::DynamoDB::GlobalTable').map(([id]) => [id, id]));
    const tableLogicalId = (id: string) =>
      stack.getLogicalId(stack.node.findChild(`${id.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase())}Table`).node.defaultChild as never);
    for (const def of [...httpFunctions, ...eventFunctions] as ((typeof httpFunctions)[number] & { stream?: { id: string } })[]) {
      const role = stack.functions.get(def.name)!.role;
      const roleId = stack.getLogicalId(role.node.defaultChild as never);
      const policies = resources('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId));
      const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
      const reached = new Set(dynamo.flatMap((s) => JSON.stringify(s.Resource).match(/"(\w+Table\w*)"/g) ?? []).map((m) => m.replaceAll('"', '')).filter((id) => tableIds.has(id)));
      const expected = new Set(def.tables.map((g) => tableLogicalId(g.table.id)));
      if (def.stream) expected.add(tableLogicalId(def.stream.id));
      expect([...reached].sort(), def.name).toEqual([...expected].sort());
      for (const s of dynamo) for (const a of [s.Action].flat()) expect(a, def.name).not.toMatch(/\*/);
    }
  });

  it('gives read-only grants no write action and the outbox grant nothing but PutItem', () => {
    const writes = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/;
    for (const def of [...httpFunctions, ...eventFunctions]) {
      const roleId = stack.getLogicalId(stack.functions.get(def.name)!.role.node.defaultChild as never);
      const statements = resources('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      for (const grant of def.tables.filter((g) => g.access !== 'readwrite')) {
        const tableId = stack.getLogicalId(stack.node.findChild(`${grant.table.id.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase())}Table`).node.defaultChild as never);
        const onTable = statements.filter((st) => JSON.stringify(st.Resource).includes(`"${tableId}"`));
        const actions = onTable.flatMap((st) => [st.Action].flat());
        if (grant.access === 'read') expect(actions.filter((a) => writes.test(a)), `${def.name} on ${grant.table.id}`).toEqual([]);
        else expect([...new Set(actions)], `${def.name} on ${grant.table.id}`).toEqual(['dynamodb:PutItem']);
      }
    }
  });

  it('sweeps unverified registration holds every minute through a scheduler role that may only invoke the sweep', () => {
    const sweep = stack.getLogicalId(stack.functions.get('registration-holds')!.fn.node.defaultChild as never);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [sweep, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) },
    });
    // LambdaInvoke's grant: the function (and its versions, of which the stack has none), nothing else.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [{ 'Fn::GetAtt': [sweep, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [sweep, 'Arn'] }, ':*']] }] }] },
    });
    // Only schedules of this account may assume the role (no confused deputy).
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': Match.anyValue() }) } })],
      },
    });
  });

  it('lets the ballot closer be invoked only by its scheduler role, and the evote function schedule only in its group', () => {
    const closer = stack.getLogicalId(stack.functions.get('ballot-closer')!.fn.node.defaultChild as never);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'Test-ballot-closer' });
    // grantInvokeLatestVersion: the unqualified function only (the schedules name it so).
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [closer, 'Arn'] }, ':$LATEST']] }, { 'Fn::GetAtt': [closer, 'Arn'] }] }] },
    });
    const group = stack.getLogicalId(stack.node.findChild('Schedules-evote').node.defaultChild as never);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: { 'aws:SourceAccount': '111111111111', 'aws:SourceArn': { 'Fn::GetAtt': [group, 'Arn'] } } } })] },
    });
    const evoteRole = stack.getLogicalId(stack.functions.get('evote')!.role.node.defaultChild as never);
    const evoteStatements = resources('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(evoteRole))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    // ScheduleGroup's grants (write: create and update; delete), each on the group's schedules only.
    const scheduling = evoteStatements.filter((st) => [st.Action].flat().some((a) => a.startsWith('scheduler:')));
    expect(scheduling.flatMap((st) => [st.Action].flat()).sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule']);
    for (const st of scheduling) expect(JSON.stringify(st.Resource)).toContain(':schedule/Test-ballot-closer/*');
    expect(evoteStatements.filter((x) => [x.Action].flat().includes('iam:PassRole'))).toHaveLength(1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SCHEDULER_GROUP: 'Test-ballot-closer', SCHEDULER_TARGET_ARN: Match.anyValue(), SCHEDULER_ROLE_ARN: Match.anyValue() }) },
    });
  });

  it('puts a JWT authorizer on every non-public route and none on public ones', () => {
    const routes = resources('AWS::ApiGatewayV2::Route');
    for (const def of httpFunctions) {
      for (const r of def.routes) {
        const found = routes.find(([, x]) => x.Properties.RouteKey === `${r.method} ${r.path}`);
        expect(found, `${r.method} ${r.path}`).toBeDefined();
        expect(found![1].Properties.AuthorizationType).toBe(r.auth === 'public' ? 'NONE' : 'JWT');
      }
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', JwtConfiguration: { Audience: Match.anyValue(), Issuer: Match.anyValue() } });
  });

  it('throttles the API and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('keeps the site bucket private, TLS only, behind CloudFront with OAC and HSTS', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.not(Match.stringLikeRegexp('unsafe-inline')), Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*' })] }),
    });
  });

  it('lets only applicants sign themselves up; staff attributes are not writable by the client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'nationality' }), Match.objectLike({ Name: 'commissionerId' })]),
      MfaConfiguration: 'ON',
      LambdaConfig: { PostConfirmation: Match.anyValue() },
    });
    for (const group of ['applicant', 'secretariat', 'commissioner']) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    const [, client] = resources('AWS::Cognito::UserPoolClient')[0];
    expect(client.Properties.WriteAttributes).not.toContain('custom:nationality');
    expect(client.Properties.WriteAttributes).not.toContain('custom:commissionerId');
    expect(client.Properties.ReadAttributes).toContain('custom:commissionerId');
  });

  it('feeds the outbox stream to the sender with a dead-letter queue, and lets it send only from its domain', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['ses:SendEmail', 'ses:SendRawEmail'], Resource: Match.objectLike({}) })]) },
    });
  });
});
