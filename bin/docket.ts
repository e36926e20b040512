// CDK app entry: `npx cdk synth` works offline, without credentials. Context:
//   -c stage=dev            no deletion protection, tables and pool destroyed with the stack
//   -c mailFrom=...         sender address (its domain verified in SES)
//   -c webAclId=...         a CloudFront WAF web ACL to attach
//   -c siteOrigin=https://… the site's custom origin, for CORS
//   -c alarmTopicArn=…      SNS topic for alarms (default: the stack creates one)
//   -c reservedConcurrency='{"registrations":50}' | off   (default: lib/operations.ts)
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocketStack } from '../lib/docket-stack';
import { DocketEdgeStack } from '../lib/waf';

const app = new App();
const stage = app.node.tryGetContext('stage') ?? 'prod';
const name = stage === 'prod' ? 'Docket' : `Docket-${stage}`;
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' };
const concurrency = app.node.tryGetContext('reservedConcurrency');
// A CloudFront web ACL lives in us-east-1: outside it, a small edge stack holds it (lib/waf.ts).
let webAclId: string | undefined = app.node.tryGetContext('webAclId');
if (!webAclId && env.region !== 'us-east-1') webAclId = new DocketEdgeStack(app, `${name}-Edge`, { env }).webAclArn;
new DocketStack(app, name, {
  production: stage === 'prod',
  mailFrom: app.node.tryGetContext('mailFrom') ?? 'audiencias@example.org',
  webAclId,
  siteOrigin: app.node.tryGetContext('siteOrigin'),
  alarmTopicArn: app.node.tryGetContext('alarmTopicArn'),
  reservedConcurrency: concurrency === undefined ? undefined : concurrency === 'off' ? {} : typeof concurrency === 'string' ? JSON.parse(concurrency) : concurrency,
  crossRegionReferences: env.region !== 'us-east-1',
  env,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
