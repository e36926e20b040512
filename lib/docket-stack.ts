// The whole of Docket in AWS, built from functions/manifest.ts: tables, functions with
// their grants, sign-in, the HTTP API, the outbox sender, and the site on CloudFront.
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule, CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventFunctions, httpFunctions, tables as tableDefs } from '../functions/manifest';
import { Api } from './api';
import { Auth } from './auth';
import { DocketFunction } from './function';
import { Frontend } from './frontend';
import { nagAccount, nagRegion } from './nag';
import { createTables } from './tables';

export interface DocketStackProps extends StackProps {
  /** Production keeps tables and the user pool on deletion and protects them. */
  production: boolean;
  /** The address notifications come from; its domain must be a verified SES identity. */
  mailFrom: string;
  /** An existing AWS WAF web ACL (us-east-1) for CloudFront, when the organisation has one. */
  webAclId?: string;
  /** The site's public origin if it has a custom domain (CORS allows only it). */
  siteOrigin?: string;
}

export class DocketStack extends Stack {
  readonly functions = new Map<string, DocketFunction>();
  readonly api: Api;

  constructor(scope: Construct, id: string, props: DocketStackProps) {
    super(scope, id, props);
    const tables = createTables(this, tableDefs, props.production);
    const shared = { SITE_ORIGIN: props.siteOrigin ?? 'https://invalid.localhost', MAIL_FROM: props.mailFrom };

    const build = (def: { name: string; entry: string; memoryMb?: number; timeoutSeconds?: number; assets?: readonly string[]; tables: readonly { table: { id: string }; access: 'read' | 'readwrite' | 'write' }[] }) => {
      const fn = new DocketFunction(this, `Fn-${def.name}`, { name: def.name, entry: def.entry, memoryMb: def.memoryMb, timeoutSeconds: def.timeoutSeconds, assets: def.assets, environment: shared });
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
      }
      if (def.sendsEmail) {
        const domain = props.mailFrom.split('@')[1];
        fn.role.addToPolicy(
          new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain })] }),
        );
      }
    }

    // One-time schedules (ballot auto-close): a group, a role the scheduler assumes to
    // invoke the target, and for the creating function exactly create/delete in that
    // group and passing that role.
    for (const def of httpFunctions.filter((d) => d.schedules)) {
      const creator = this.functions.get(def.name)!;
      const target = this.functions.get(def.schedules!)!;
      const groupName = `${this.stackName}-${def.schedules}`;
      new CfnScheduleGroup(this, `Schedules-${def.name}`, { name: groupName });
      const invoker = new Role(this, `SchedulerRole-${def.schedules}`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      invoker.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.fn.functionArn] }));
      creator.role.addToPolicy(
        new PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` })],
        }),
      );
      creator.role.addToPolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [invoker.roleArn] }));
      creator.fn.addEnvironment('SCHEDULER_TARGET_ARN', target.fn.functionArn);
      creator.fn.addEnvironment('SCHEDULER_ROLE_ARN', invoker.roleArn);
      creator.fn.addEnvironment('SCHEDULER_GROUP', groupName);
      Validations.of(creator.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${nagRegion(this)}:${nagAccount(this)}:schedule/${groupName}/*]`,
        reason: 'One schedule per ballot, named after it, inside this function\'s own schedule group.',
      });
    }

    // Recurring schedules (the sweep of unverified registration holds): EventBridge
    // Scheduler invokes the function at a fixed rate through a role that may do only that.
    for (const def of eventFunctions.filter((d) => d.every)) {
      const target = this.functions.get(def.name)!;
      const invoker = new Role(this, `SchedulerRole-${def.name}`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      invoker.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.fn.functionArn] }));
      new CfnSchedule(this, `Every-${def.name}`, {
        scheduleExpression: def.every!,
        flexibleTimeWindow: { mode: 'OFF' },
        target: { arn: target.fn.functionArn, roleArn: invoker.roleArn, retryPolicy: { maximumRetryAttempts: 0 } },
      });
    }

    const auth = new Auth(this, 'Auth', { production: props.production, postConfirmation });
    this.api = new Api(this, 'Api', { functions: http, issuer: auth.issuer, audience: [auth.client.userPoolClientId], fallback: this.functions.get('docs')! });
    const site = new Frontend(this, 'Site', { api: this.api.api, production: props.production, webAclId: props.webAclId });

    new CfnOutput(this, 'SiteUrl', { value: `https://${site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'UserPoolId', { value: auth.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }
}
