// The house construct for Docket's Lambda functions: one runtime, architecture, memory,
// timeout, log retention and bundling for all, an explicit role with no managed
// policies, and grantTable(), which gives the function exactly the access the manifest
// names on exactly one table and sets the variable that carries the table's name.
import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { basename, extname, join } from 'node:path';
import type { Access } from '../functions/manifest';
import type { TableDef } from '../functions/shared/table';
import { grantStatements } from './grants';

export const ROOT = join(import.meta.dirname, '..');

/** Options every Docket bundle is built with; bench/ builds its bundles the same way. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  target: 'node20',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies still call require() for Node built-ins.
  banner: "import { createRequire as __docketRequire } from 'module'; const require = __docketRequire(import.meta.url);",
  // The AWS SDK v3 in the Lambda runtime could be used, but a bundled, tree-shaken SDK
  // pinned by our lock file starts as fast and cannot change under us.
  externalModules: [],
} as const;

/**
 * NODE_OPTIONS of every function. Not --enable-source-maps: parsing the bundle's source
 * map at start made cold starts 1.21-1.37x a bare handler (issue 17; bench/cold-start.ts
 * measures both). The maps are still built (sourceMap above) and ship beside the bundle
 * in the deployment package (and in cdk.out/asset.<hash>/), never loaded at run time: a
 * logged stack trace is mapped offline with `npx tsx scripts/map-stack.ts index.mjs.map`.
 */
export const RUNTIME_NODE_OPTIONS: string = '';

/** The file a lazy entry (manifest `lazyEntries`) is built as, beside index.mjs: solver.ts → solver.mjs. */
export const lazyEntryFile = (entry: string): string => `${basename(entry, extname(entry))}.mjs`;

const shellQuoted = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * The command that builds a lazy entry beside the bundle with the BUNDLING options, as
 * NodejsFunction builds the bundle itself (its esbuild arguments, from aws-lambda-nodejs
 * bundling), with the esbuild the project has installed. NodejsFunction builds one
 * outfile (no code splitting), so entries loaded on first use are built by this hook.
 */
export function lazyEntryCommand(inputDir: string, outputDir: string, entry: string): string {
  const args = [
    // The project's esbuild (a devDependency), which NodejsFunction itself bundles with
    // here; its package replaces bin/esbuild with the native binary on install.
    `${inputDir}/node_modules/.bin/esbuild`,
    `${inputDir}/${entry}`,
    '--bundle',
    `--target=${BUNDLING.target}`,
    '--platform=node',
    `--format=${BUNDLING.format}`,
    `--outfile=${outputDir}/${lazyEntryFile(entry)}`,
    ...(BUNDLING.minify ? ['--minify'] : []),
    ...(BUNDLING.sourceMap ? ['--sourcemap'] : []),
    ...BUNDLING.externalModules.map((m) => `--external:${m}`),
    `--banner:js=${BUNDLING.banner}`,
    `--main-fields=${BUNDLING.mainFields.join(',')}`,
    '--log-level=warning',
  ];
  return args.map(shellQuoted).join(' ');
}

export interface DocketFunctionProps {
  name: string;
  entry: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  /** Keep logs this long; personal data never goes to logs, so this is about cost. */
  logRetention?: RetentionDays;
  /** Files (relative to the repository root) copied next to the bundle. */
  assets?: readonly string[];
  /** Modules (relative to the repository root) built as <name>.mjs next to the bundle, which imports them on first use. */
  lazyEntries?: readonly string[];
}

export class DocketFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DocketFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/docket/${Stack.of(this).stackName}/${props.name}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Docket ${props.name}: its log group and the tables the manifest grants`,
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn, `${this.logGroup.logGroupArn}:*`] }),
    );
    const logGroupId = Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as CfnResource);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason: 'Log streams are created under the log group with generated names; the grant is scoped to this function\'s own log group.',
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(ROOT, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      bundling: {
        ...BUNDLING,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.externalModules],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            ...(props.assets ?? []).map((asset) => `cp "${inputDir}/${asset}" "${outputDir}/"`),
            ...(props.lazyEntries ?? []).map((entry) => lazyEntryCommand(inputDir, outputDir, entry)),
          ],
        },
      },
      environment: {
        ...(RUNTIME_NODE_OPTIONS ? { NODE_OPTIONS: RUNTIME_NODE_OPTIONS } : {}),
        POWERTOOLS_SERVICE_NAME: `docket-${props.name}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });
  }

  /** Exactly the access the manifest names, on this one table, and its name in env. */
  grantTable(table: ITableV2, def: TableDef, access: Access): void {
    // The same statements the local runtime's DynamoDB proxy enforces (lib/grants.ts).
    const [statement] = grantStatements({ tables: [{ table: def, access }] }, () => table.tableArn);
    this.role.addToPolicy(new PolicyStatement({ actions: [...statement.actions], resources: [...statement.resources] }));
    if (statement.resources.length > 1) {
      const tableId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnResource);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: `Queries on the global secondary indexes of the ${def.id} table, which the manifest grants this function.`,
      });
    }
    this.fn.addEnvironment(def.envVar, table.tableName);
  }
}
