// The whole of Docket in AWS, built from functions/manifest.ts: tables, functions with
// their grants, sign-in, the HTTP API (reachable only through CloudFront), the outbox
// sender, the site on CloudFront behind AWS WAF, and alarms and a dashboard.
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleGroup, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventFunctions, httpFunctions, tables as tableDefs } from '../functions/manifest';
import { Api } from './api';
import { Auth, SITE_SCOPES, authDomainOrigin, issuerOrigin } from './auth';
import { Documents, documentsOrigin } from './documents';
import { DocketFunction } from './function';
import { Frontend } from './frontend';
import { nagAccount, nagRegion } from './nag';
import { DEFAULT_RESERVED_CONCURRENCY, Operations } from './operations';
import { ApiOrigin } from './origin';
import { createTables } from './tables';
import { EdgeWebAcl } from './waf';

export interface DocketStackProps extends StackProps {
  /** Production keeps tables and the user pool on deletion and protects them. */
  production: boolean;
  /** The address notifications come from; its domain must be a verified SES identity. */
  mailFrom: string;
  /** An AWS WAF web ACL ARN (us-east-1) for CloudFront: the organisation's, or the
   * DocketEdgeStack's (lib/waf.ts). Without it a stack in us-east-1 creates its own. */
  webAclId?: string;
  /** SNS topic for alarms (lib/operations.ts); without it the stack creates one. */
  alarmTopicArn?: string;
  /** Function name → reserved concurrency; default: DEFAULT_RESERVED_CONCURRENCY in production, none otherwise. */
  reservedConcurrency?: Readonly<Record<string, number>>;
  /** The site's own domain name (with certificateArn); without it the site is on its CloudFront domain. */
  siteDomain?: string;
  /** ACM certificate (us-east-1) for siteDomain. */
  certificateArn?: string;
  /** Names the managed-login domain prefix (default `dev`). */
  stage?: string;
  /** Prefix of the managed-login domain (default docket-<stage>-<account>). */
  authDomainPrefix?: string;
  /** Years hearing requests are kept after their Period (default hearings/retention.ts). */
  retentionYears?: number;
}

export class DocketStack extends Stack {
  readonly functions = new Map<string, DocketFunction>();
  readonly api: Api;
  readonly deadLetterQueues: Queue[] = [];

  constructor(scope: Construct, id: string, props: DocketStackProps) {
    super(scope, id, props);
    const tables = createTables(this, tableDefs, props.production);
    const shared = { MAIL_FROM: props.mailFrom };

    const build = (def: { name: string; entry: string; memoryMb?: number; timeoutSeconds?: number; assets?: readonly string[]; lazyEntries?: readonly string[]; tables: readonly { table: { id: string }; access: 'read' | 'readwrite' | 'write' }[] }) => {
      const fn = new DocketFunction(this, `Fn-${def.name}`, { name: def.name, entry: def.entry, memoryMb: def.memoryMb, timeoutSeconds: def.timeoutSeconds, assets: def.assets, lazyEntries: def.lazyEntries, environment: shared });
      for (const grant of def.tables) {
        const tableDef = tableDefs.find((t) => t.id === grant.table.id)!;
        fn.grantTable(tables.get(tableDef.id)!, tableDef, grant.access);
      }
      this.functions.set(def.name, fn);
      return fn;
    };

    const http = httpFunctions.map((def) => ({ def, fn: build(def) }));

    let postConfirmation: DocketFunction | undefined;
    for (const def of eventFunctions) {
      const fn = build(def);
      if (def.cognitoPostConfirmation) postConfirmation = fn;
      if (def.stream) {
        const dlq = new Queue(this, `Dlq-${def.name}`, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
        fn.fn.addEventSource(
          new DynamoEventSource(tables.get(def.stream.id)!, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: 10,
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            retryAttempts: 5,
            onFailure: new SqsDlq(dlq),
          }),
        );
        Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the outbox stream.' });
        this.deadLetterQueues.push(dlq);
      }
      if (def.sendsEmail) {
        const domain = props.mailFrom.split('@')[1];
        fn.role.addToPolicy(
          new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain })] }),
        );
      }
    }

    // One-time schedules (ballot auto-close): a group, a role the scheduler assumes to
    // invoke the target (only for schedules of that group, in this account), and for the
    // creating function exactly writing and deleting schedules in that group and passing
    // that role: aws-scheduler's ScheduleGroup and its grants, not hand-written statements.
    for (const def of httpFunctions.filter((d) => d.schedules)) {
      const creator = this.functions.get(def.name)!;
      const target = this.functions.get(def.schedules!)!;
      const groupName = `${this.stackName}-${def.schedules}`;
      const group = new ScheduleGroup(this, `Schedules-${def.name}`, { scheduleGroupName: groupName });
      const invoker = new Role(this, `SchedulerRole-${def.schedules}`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account, 'aws:SourceArn': group.scheduleGroupArn } },
        }),
      });
      // The schedules name the function's unqualified ARN: no version or alias to invoke.
      target.fn.grantInvokeLatestVersion(invoker);
      group.grantWriteSchedules(creator.role);
      group.grantDeleteSchedules(creator.role);
      invoker.grantPassRole(creator.role);
      creator.fn.addEnvironment('SCHEDULER_TARGET_ARN', target.fn.functionArn);
      creator.fn.addEnvironment('SCHEDULER_ROLE_ARN', invoker.roleArn);
      creator.fn.addEnvironment('SCHEDULER_GROUP', group.scheduleGroupName);
      Validations.of(creator.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${nagRegion(this)}:${nagAccount(this)}:schedule/${groupName}/*]`,
        reason: 'One schedule per ballot, named after it, inside this function\'s own schedule group.',
      });
    }

    // Recurring schedules (the sweep of unverified registration holds): EventBridge
    // Scheduler invokes the function at a fixed rate through a role that only schedules
    // of this account's default group may assume and that may only invoke the function.
    for (const def of eventFunctions.filter((d) => d.every)) {
      const target = this.functions.get(def.name)!;
      const invoker = new Role(this, `SchedulerRole-${def.name}`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: {
            StringEquals: {
              'aws:SourceAccount': this.account,
              'aws:SourceArn': this.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
            },
          },
        }),
      });
      new Schedule(this, `Every-${def.name}`, {
        schedule: ScheduleExpression.expression(def.every!),
        timeWindow: TimeWindow.off(),
        // The next tick sweeps whatever this one missed: no retries to pile up.
        target: new LambdaInvoke(target.fn, { role: invoker, retryAttempts: 0 }),
      });
      Validations.of(invoker).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(target.fn.node.defaultChild as never)}.Arn>:*]`,
        reason: 'LambdaInvoke grants invoking the function and its versions (grantInvoke); the stack publishes no version or alias.',
      });
    }

    // The API answers only requests that came through CloudFront, behind the WAF.
    const origin = new ApiOrigin(this, 'ApiOrigin');
    for (const { fn } of http) for (const [name, value] of Object.entries(origin.functionEnvironment)) fn.fn.addEnvironment(name, value);
    const webAclId = props.webAclId ?? (this.region === 'us-east-1' ? new EdgeWebAcl(this, 'Waf').arn : undefined);
    // The site first: its origin goes into the functions (links, iCal, CORS) and the
    // sign-in client's callback URLs (lib/frontend.ts explains why that is no cycle).
    const domainPrefix = props.authDomainPrefix ?? `docket-${props.stage ?? 'dev'}-${this.account}`;
    const site = new Frontend(this, 'Site', {
      production: props.production,
      webAclId,
      domainName: props.siteDomain,
      certificateArn: props.certificateArn,
      connectSrc: [issuerOrigin(this), authDomainOrigin(this, domainPrefix), documentsOrigin(this)],
    });
    for (const fn of this.functions.values()) fn.fn.addEnvironment('SITE_ORIGIN', site.origin);
    // Supporting documents and confidential names (issue 15).
    new Documents(this, 'Documents', {
      production: props.production,
      functions: this.functions,
      defs: [...httpFunctions, ...eventFunctions],
      accessLogs: site.logs,
      siteOrigin: site.origin,
      retentionYears: props.retentionYears,
    });

    const auth = new Auth(this, 'Auth', { production: props.production, postConfirmation, siteOrigin: site.origin, domainPrefix });
    this.api = new Api(this, 'Api', { functions: http, issuer: auth.issuer, audience: [auth.client.userPoolClientId], fallback: this.functions.get('docs')! });
    site.addApi(this.api.api, { cachePolicy: origin.cachePolicy, originHeaders: origin.originHeaders });
    new Operations(this, 'Operations', {
      functions: this.functions,
      deadLetterQueues: this.deadLetterQueues,
      api: this.api.api,
      alarmTopicArn: props.alarmTopicArn,
      reservedConcurrency: props.reservedConcurrency ?? (props.production ? DEFAULT_RESERVED_CONCURRENCY : {}),
    });
    // The site's /config.json (frontend/src/auth.ts): no pool or client id is compiled in.
    site.deploy({
      oidc: {
        authority: auth.issuer,
        clientId: auth.client.userPoolClientId,
        redirectUri: `${site.origin}/`,
        postLogoutRedirectUri: `${site.origin}/`,
        scope: SITE_SCOPES.map((s) => s.scopeName).join(' '),
        logoutUrl: auth.logoutUrl,
      },
    });

    new CfnOutput(this, 'SiteUrl', { value: site.origin });
    new CfnOutput(this, 'UserPoolId', { value: auth.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', { value: auth.domain.baseUrl() });
  }
}
