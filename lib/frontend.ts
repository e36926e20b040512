// The static site: a private bucket behind CloudFront with origin access control, the
// API on the same distribution under /api/*, security headers (HSTS included) from a
// response headers policy, access logs, and the built frontend deployed to the bucket
// with the site's /config.json written from the stack's own values.
//
// The site's origin is its custom domain when it has one, else the distribution's own
// *.cloudfront.net name. Functions need it (links in emails, iCal, CORS) and so does the
// sign-in client (callback URLs); neither makes a cycle, because the distribution only
// depends on the HTTP API resource itself (not on its routes or functions) and its CSP
// names Cognito from the domain prefix, not from the pool. So the distribution is made
// first and the API is added to it afterwards (addApi).
import { type CfnResource, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ICachePolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './function';
import { nagAccount, nagRegion } from './nag';
import { HSTS_SECONDS, PERMISSIONS_POLICY, contentSecurityPolicy } from './site-headers';

export interface FrontendProps {
  production: boolean;
  webAclId?: string;
  /** The site's own domain name; requires certificateArn (ACM, us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /** Origins the pages may call besides their own (the sign-in provider's). */
  connectSrc?: string[];
}

export class Frontend extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logs: Bucket;
  /** https://<domain or distribution domain>, no trailing slash. */
  readonly origin: string;
  deployment!: BucketDeployment;
  private readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: FrontendProps) {
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
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSrc), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, preload: true, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }] },
    });
    this.headers = headers;
    if (!!props.domainName !== !!props.certificateArn) throw new Error('Frontend: a custom domain needs its certificate, and a certificate its domain.');
    const custom = props.domainName && props.certificateArn
      ? {
          domainNames: [props.domainName],
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }
      : {};
    this.distribution = new Distribution(this, 'Cdn', {
      ...custom,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclId,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        // Honours the objects' Cache-Control: hashed assets immutable, the page and
        // config.json no-cache (revalidated on every load; the deploy invalidates them).
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
    });
    this.origin = props.domainName ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`;

    if (!props.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'No custom domain on this stage (-c siteDomain/certificateArn): the *.cloudfront.net certificate fixes the viewer policy. With a domain, TLSv1.2_2021 is the minimum.',
      });
    }
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
  }

  /** Serves the HTTP API under /api/* on the site's own origin (no CORS needed). */
  /**
   * The API under /api/*. `options.originHeaders`: the secret header the API checks
   * (lib/origin.ts); `options.cachePolicy`: one that keeps only what the functions mark
   * public.
   */
  addApi(api: HttpApi, options: { cachePolicy?: ICachePolicy; originHeaders?: Record<string, string> } = {}): void {
    const apiDomain = Fn.select(2, Fn.split('/', api.apiEndpoint));
    this.distribution.addBehavior('/api/*', new HttpOrigin(apiDomain, { customHeaders: options.originHeaders }), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: options.cachePolicy ?? CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
    });
  }

  /**
   * Deploys the built site and its /config.json (`config`, which may hold deploy-time
   * values such as the pool's client id). Content-hashed assets first, cached for a
   * year and never pruned (a tab opened before the deploy still finds its script); then
   * index.html and config.json with no-cache, invalidated at the edge.
   */
  deploy(config: Record<string, unknown>): void {
    const dist = join(ROOT, 'frontend', 'dist');
    const page = join(dist, 'index.html');
    if (!existsSync(page)) throw new Error(`The frontend is not built (${page} is missing): run npm run build first.`);
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(dist, { exclude: ['index.html'] })],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.data('index.html', readFileSync(page, 'utf8')), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html', '/config.json'],
    });
    this.deployment.node.addDependency(assets);

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
