// CDK app entry: `npx cdk synth` works offline, without credentials. Context:
//   -c stage=dev            no deletion protection, tables and pool destroyed with the stack
//   -c mailFrom=...         sender address (its domain verified in SES)
//   -c webAclId=...         a CloudFront WAF web ACL to attach
//   -c siteOrigin=https://… the site's custom origin, for CORS
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocketStack } from '../lib/docket-stack';

const app = new App();
const stage = app.node.tryGetContext('stage') ?? 'prod';
new DocketStack(app, stage === 'prod' ? 'Docket' : `Docket-${stage}`, {
  production: stage === 'prod',
  mailFrom: app.node.tryGetContext('mailFrom') ?? 'audiencias@example.org',
  webAclId: app.node.tryGetContext('webAclId'),
  siteOrigin: app.node.tryGetContext('siteOrigin'),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
