// CDK app entry: `npx cdk synth` works offline, without credentials. The stage's
// configuration (lib/config.ts) comes from context:
//   -c stage=dev            default; prod keeps and protects tables and the user pool
//   -c siteDomain=…         the site's domain name (with certificateArn); default: CloudFront's
//   -c certificateArn=…     ACM certificate for siteDomain, in us-east-1
//   -c mailFrom=…           sender address (its domain verified in SES)
//   -c webAclId=…           a CloudFront WAF web ACL to attach
//   -c authDomainPrefix=…   managed-login domain prefix (default docket-<stage>-<account>)
// prod needs siteDomain, certificateArn and mailFrom, and says which are missing.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigurationError, stackNameOf, stageConfig } from '../lib/config';
import { DocketStack } from '../lib/docket-stack';

const app = new App();
let config;
try {
  config = stageConfig((key) => app.node.tryGetContext(key));
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
new DocketStack(app, stackNameOf(config), {
  production: config.production,
  stage: config.stage,
  mailFrom: config.mailFrom,
  webAclId: config.webAclId,
  siteDomain: config.siteDomain,
  certificateArn: config.certificateArn,
  authDomainPrefix: config.authDomainPrefix,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
