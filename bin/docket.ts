// CDK app entry: `npx cdk synth` works offline, without credentials. The stage's
// configuration (lib/config.ts) comes from context:
//   -c stage=dev            default; prod keeps and protects tables and the user pool
//   -c siteDomain=…         the site's domain name (with certificateArn); default: CloudFront's
//   -c certificateArn=…     ACM certificate for siteDomain, in us-east-1
//   -c mailFrom=…           sender address (its domain verified in SES)
//   -c webAclId=…           a CloudFront WAF web ACL to attach (default: lib/waf.ts makes one)
//   -c authDomainPrefix=…   managed-login domain prefix (default docket-<stage>-<account>)
//   -c alarmTopicArn=…      SNS topic for alarms (default: the stack creates one)
//   -c reservedConcurrency='{"registrations":50}' | off   (default: lib/operations.ts)
// prod needs siteDomain, certificateArn and mailFrom, and says which are missing.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigurationError, stackNameOf, stageConfig } from '../lib/config';
import { DocketStack } from '../lib/docket-stack';
import { DocketEdgeStack } from '../lib/waf';

const app = new App();
let config;
try {
  config = stageConfig((key) => app.node.tryGetContext(key));
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
const name = stackNameOf(config);
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' };
const concurrency = app.node.tryGetContext('reservedConcurrency');
// A CloudFront web ACL lives in us-east-1: outside it, a small edge stack holds it (lib/waf.ts).
let webAclId: string | undefined = config.webAclId;
if (!webAclId && env.region !== 'us-east-1') webAclId = new DocketEdgeStack(app, `${name}-Edge`, { env }).webAclArn;
new DocketStack(app, name, {
  production: config.production,
  stage: config.stage,
  mailFrom: config.mailFrom,
  webAclId,
  siteDomain: config.siteDomain,
  certificateArn: config.certificateArn,
  authDomainPrefix: config.authDomainPrefix,
  alarmTopicArn: app.node.tryGetContext('alarmTopicArn'),
  reservedConcurrency: concurrency === undefined ? undefined : concurrency === 'off' ? {} : typeof concurrency === 'string' ? JSON.parse(concurrency) : concurrency,
  crossRegionReferences: env.region !== 'us-east-1',
  env,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
