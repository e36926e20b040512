// What each access level of the manifest ('read' | 'readwrite' | 'write') allows on a
// DynamoDB table, in one place: the CDK stack grants exactly these actions
// (lib/function.ts) and the local runtime's DynamoDB proxy checks every call against
// them (local/ddb-proxy.ts), so a grant missing from the manifest fails locally the way
// it fails in AWS. Plain data, no CDK import, so the local runtime can load it.
import type { Access, FunctionDef } from '../functions/manifest';
import type { TableDef } from '../functions/shared/table';

/**
 * The item reads of aws-cdk-lib's grantReadData (RESOURCE_READ_DATA_ACTIONS plus
 * DescribeTable). Its GetRecords and GetShardIterator are left out: they act on stream
 * ARNs only, and the one stream reader has its own grant.
 */
export const READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/** The item writes of aws-cdk-lib's grantReadWriteData (WRITE_DATA_ACTIONS). */
export const WRITE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

export const GRANT_ACTIONS: Record<Access, readonly string[]> = {
  read: READ_ACTIONS,
  readwrite: [...READ_ACTIONS, ...WRITE_ACTIONS],
  // The outbox: contexts only append to it, inside their own transactions.
  write: ['dynamodb:PutItem'],
};

/** Whether the grant also covers the table's global secondary indexes (`<table>/index/*`). */
export const GRANT_COVERS_INDEXES: Record<Access, boolean> = { read: true, readwrite: true, write: false };

/** One IAM statement: actions allowed on resources (ARNs, `*` a wildcard as in IAM). */
export interface GrantStatement {
  actions: readonly string[];
  resources: readonly string[];
}

/** The DynamoDB statements a function's role gets, given how a table's ARN is written. */
export function grantStatements(fn: Pick<FunctionDef, 'tables'>, tableArn: (table: TableDef) => string): GrantStatement[] {
  return fn.tables.map(({ table, access }) => ({
    actions: GRANT_ACTIONS[access],
    resources: [tableArn(table), ...(GRANT_COVERS_INDEXES[access] && table.indexes?.length ? [`${tableArn(table)}/index/*`] : [])],
  }));
}
