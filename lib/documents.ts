// Supporting documents and confidential names in AWS (issue 15):
// - the documents bucket: private (all public access blocked), encrypted (S3-managed
//   keys, which GuardDuty can scan without a key grant), TLS only, access-logged,
//   unversioned so the purge really removes, a lifecycle that aborts stale multipart
//   uploads and, as a backstop behind the daily purge, expires anything older than the
//   retention could ever keep; CORS for the site's origin only (the browser PUTs there);
// - GuardDuty Malware Protection for S3 on it, tagging each object with its result, and a
//   bucket policy that lets nobody but the scanner and the check read an object until it
//   is tagged NO_THREATS_FOUND: a download link cannot serve an unscanned or infected file;
// - S3 "Object Created" and GuardDuty "Scan Result" events (EventBridge) to the check
//   function (the manifest's objectCreated / malwareScanResults);
// - a KMS key (rotated) for the envelope encryption of confidential names, granted to
//   the functions that seal them (the manifest's sealsNames).
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULT_RETENTION_YEARS } from '../functions/hearings/retention';
import { type EventFunctionDef, type FunctionDef, buckets as bucketDefs } from '../functions/manifest';
import type { DocketFunction } from './function';
import { nagAccount, nagRegion } from './nag';

/** The prefix every document object lives under (hearings/documents.ts objectKeyOf). */
const DOCUMENT_PREFIX = 'requests/';
export const SCAN_TAG = 'GuardDutyMalwareScanStatus';

/**
 * The bucket's name, fixed from the stack's name, account and region: the site's
 * Content-Security-Policy names the bucket's origin (the browser uploads there) while the
 * bucket's CORS names the site's, and a generated name would make that a cycle.
 */
export const documentsBucketName = (stack: Stack) => `${stack.stackName.toLowerCase()}-documents-${stack.account}-${stack.region}`;
/** Where pre-signed links point (the SDK's virtual-hosted, regional address). */
export const documentsOrigin = (stack: Stack) => `https://${documentsBucketName(stack)}.s3.${stack.region}.${stack.urlSuffix}`;

export interface DocumentsProps {
  production: boolean;
  functions: ReadonlyMap<string, DocketFunction>;
  defs: readonly (FunctionDef | EventFunctionDef)[];
  accessLogs: IBucket;
  /** The site's origin, the only one CORS allows. */
  siteOrigin: string;
  retentionYears?: number;
}

export class Documents extends Construct {
  readonly bucket: Bucket;
  readonly namesKey: Key;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const years = props.retentionYears ?? DEFAULT_RETENTION_YEARS;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: documentsBucketName(stack),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      cors: [{ allowedOrigins: [props.siteOrigin], allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedHeaders: ['content-type'], maxAge: 300 }],
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // The purge removes documents `years` after their Period; a request is filed at
        // most a year or so before its Period: nothing may outlive years + 2.
        { prefix: DOCUMENT_PREFIX, expiration: Duration.days((years + 2) * 366) },
      ],
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.production,
    });
    // S3 events through EventBridge: no notification custom resource, and the same bus
    // that carries GuardDuty's results.
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    // GuardDuty Malware Protection for S3, with the role its documentation names.
    const scanner = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for the documents bucket: read, tag, and its managed EventBridge rule',
    });
    const managedRule = stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*' });
    scanner.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [managedRule],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    scanner.addToPolicy(new PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [managedRule] }));
    scanner.addToPolicy(new PolicyStatement({ actions: ['s3:PutObjectTagging', 's3:GetObjectTagging', 's3:GetObject'], resources: [this.bucket.arnForObjects('*')] }));
    scanner.addToPolicy(new PolicyStatement({ actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'], resources: [this.bucket.bucketArn] }));
    scanner.addToPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')] }));
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(scanner).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${nagRegion(stack)}:${nagAccount(stack)}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
        reason: 'GuardDuty names its managed rule with a generated suffix; the grant is limited to that prefix and to rules GuardDuty manages.',
      },
      { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: 'The scanner reads and tags every object of the documents bucket, which is what it is for.' },
    );
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: scanner.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [DOCUMENT_PREFIX] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(scanner);

    // Grants and environment of the functions the manifest gives the bucket.
    const readers = [scanner.roleArn];
    for (const def of props.defs) {
      const grant = def.buckets?.find((b) => bucketDefs.some((d) => d.id === b.bucket.id));
      const fn = props.functions.get(def.name)!;
      if (grant) {
        const actions = grant.access === 'readwrite' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : ['s3:GetObject'];
        fn.role.addToPolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${DOCUMENT_PREFIX}*`)] }));
        if (grant.access === 'readwrite') fn.role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${DOCUMENT_PREFIX}*` } } }));
        Validations.of(fn.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${DOCUMENT_PREFIX}*]`, reason: 'Documents are objects named by request and document id under requests/; the function reaches only those.' });
        fn.fn.addEnvironment(grant.bucket.envVar, this.bucket.bucketName);
      }
      const event = def as EventFunctionDef;
      if (event.objectCreated) {
        readers.push(fn.role.roleArn);
        new Rule(this, `ObjectCreated-${def.name}`, {
          description: 'Each uploaded document goes to its check (type from content, size)',
          eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [this.bucket.bucketName] }, object: { key: [{ prefix: DOCUMENT_PREFIX }] } } },
          targets: [new LambdaFunction(fn.fn, { retryAttempts: 8 })],
        });
      }
      if (event.malwareScanResults) {
        new Rule(this, `ScanResult-${def.name}`, {
          description: 'GuardDuty Malware Protection results for the documents bucket',
          eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Malware Protection Object Scan Result'], detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } } },
          targets: [new LambdaFunction(fn.fn, { retryAttempts: 8 })],
        });
      }
    }
    // Usable only once scanned clean: nobody but the scanner and the check reads an object
    // GuardDuty has not tagged NO_THREATS_FOUND (a signed download link included).
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { [`s3:ExistingObjectTag/${SCAN_TAG}`]: 'NO_THREATS_FOUND' }, ArnNotEquals: { 'aws:PrincipalArn': readers } },
      }),
    );

    // Confidential names: envelope encryption under this key (shared/envelope.ts).
    this.namesKey = new Key(this, 'NamesKey', {
      description: 'Docket: data keys that seal confidential participants\' names',
      enableKeyRotation: true,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const def of props.defs.filter((d) => d.sealsNames)) {
      const fn = props.functions.get(def.name)!;
      this.namesKey.grant(fn.role, 'kms:GenerateDataKey', 'kms:Decrypt');
      fn.fn.addEnvironment('CONFIDENTIAL_KEY_ID', this.namesKey.keyArn);
    }
    if (props.retentionYears !== undefined) {
      for (const def of props.defs.filter((d) => d.name === 'hearing-purge')) props.functions.get(def.name)!.fn.addEnvironment('DOCKET_RETENTION_YEARS', String(props.retentionYears));
    }
  }
}
