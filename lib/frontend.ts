// The static site: a private bucket behind CloudFront with origin access control, the
// API on the same distribution under /api/*, security headers (HSTS included) from a
// response headers policy, access logs, and the built frontend deployed to the bucket.
import { type CfnResource, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  type ICachePolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ROOT } from './function';
import { nagAccount, nagRegion } from './nag';
import { CONTENT_SECURITY_POLICY, HSTS_SECONDS } from './site-headers';

export class Frontend extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly deployment: BucketDeployment;

  constructor(
    scope: Construct,
    id: string,
    props: { api: HttpApi; production: boolean; webAclId?: string; apiCachePolicy?: ICachePolicy; apiOriginHeaders?: Record<string, string> },
  ) {
    super(scope, id);
    const removal = props.production ? { removalPolicy: RemovalPolicy.RETAIN } : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };
    this.logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logs need ACLs on the log bucket.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      ...removal,
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/',
      ...removal,
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, preload: true, override: true },
      },
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclId,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/api/*': {
          // lib/origin.ts: the secret header the API checks, and a cache policy that
          // keeps only what the functions mark public.
          origin: new HttpOrigin(apiDomain, { customHeaders: props.apiOriginHeaders }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: props.apiCachePolicy ?? CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(join(ROOT, 'frontend', 'dist'))],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html'],
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: "The default *.cloudfront.net certificate fixes the viewer policy; attaching the organisation's domain and ACM certificate (TLSv1.2_2021) is a per-deployment step in the README.",
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Hearings concern people across the Americas and in exile worldwide; no country may be cut off from the public schedule or registration.',
    });
    if (!props.webAclId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'A CloudFront WAF web ACL must live in us-east-1 and is owned by the organisation: pass -c webAclId=... to attach it. The API has its own throttling.',
      });
    }
    // The custom resource that copies the site into the bucket is CDK's own singleton.
    const provider = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) {
      const stack = Stack.of(this);
      const siteId = stack.getLogicalId(this.bucket.node.defaultChild as CfnResource);
      const findings = [
        'AwsSolutions-L1',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a) => `AwsSolutions-IAM5[Action::${a}]`),
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${nagAccount(stack)}-${nagRegion(stack)}/*]`,
        `AwsSolutions-IAM5[Resource::<${siteId}.Arn>/*]`,
        'AwsSolutions-IAM5[Resource::*]',
      ];
      for (const id of findings) {
        Validations.of(provider).acknowledge({
          id,
          reason: "aws-cdk-lib's BucketDeployment provider, run only while deploying: CDK sets its runtime and role (copy from the asset bucket into the site bucket, invalidate CloudFront).",
        });
      }
    }
  }
}
