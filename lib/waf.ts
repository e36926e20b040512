// AWS WAF for the CloudFront distribution: the AWS managed common rule set, and a
// per-client-IP rate limit on the public registration route (POST
// /api/sessions/{number}/registrations, shared/API.md), the one public write.
//
// A web ACL for CloudFront has scope CLOUDFRONT and must be created in us-east-1. When
// the Docket stack itself is in us-east-1 the ACL is part of it; otherwise bin/ puts it
// in a small DocketEdgeStack pinned to us-east-1 and hands its ARN over with CDK's
// cross-region references (an SSM parameter written in us-east-1 and read by a custom
// resource in the home region), so one `cdk deploy --all` keeps both in step. An
// organisation that already runs a web ACL passes its ARN instead (-c webAclId=…).
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Registrations one client IP may post in REGISTRATION_RATE.windowSeconds. */
export const REGISTRATION_RATE = { limit: 100, windowSeconds: 300 };
/** The public registration route, as WAF sees the URI path. */
export const REGISTRATION_PATH = '^/api/sessions/[^/]+/registrations/?$';

export class EdgeWebAcl extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true });
    const acl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('docket-edge'),
      rules: [
        {
          name: 'registration-rate',
          priority: 0,
          // 429, not WAF's default 403: a person behind a busy NAT should wait, not give up.
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              limit: REGISTRATION_RATE.limit,
              evaluationWindowSec: REGISTRATION_RATE.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: [{ priority: 0, type: 'NONE' }] } },
                    { regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: REGISTRATION_PATH, textTransformations: [{ priority: 0, type: 'NONE' }] } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('docket-registration-rate'),
        },
        {
          name: 'aws-common',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The rule set blocks bodies over 8 KB; hearing requests are longer, and the
              // API refuses bodies over its own limit (413, shared/limits.ts). Counted only.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('docket-aws-common'),
        },
      ],
    });
    this.arn = acl.attrArn;
  }
}

/** The web ACL alone, in us-east-1, for a Docket stack deployed in another region. */
export class DocketEdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, env: { account: props.env?.account, region: 'us-east-1' }, crossRegionReferences: true });
    this.webAclArn = new EdgeWebAcl(this, 'WebAcl').arn;
  }
}
