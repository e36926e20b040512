// DynamoDB tables from the shared definitions (functions/<context>/table.ts): on-demand,
// point-in-time recovery, deletion protection and retention in production.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableDef } from '../functions/shared/table';

const key = (name: string) => ({ name, type: AttributeType.STRING });

export function createTables(scope: Construct, defs: readonly TableDef[], production: boolean): Map<string, TableV2> {
  const tables = new Map<string, TableV2>();
  for (const def of defs) {
    const id = def.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
    tables.set(
      def.id,
      new TableV2(scope, `${id}Table`, {
        partitionKey: key(def.partitionKey),
        sortKey: def.sortKey ? key(def.sortKey) : undefined,
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: production,
        removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        timeToLiveAttribute: def.ttlAttribute,
        dynamoStream: def.stream ? StreamViewType.NEW_IMAGE : undefined,
        globalSecondaryIndexes: def.indexes?.map((index) => ({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          sortKey: index.sortKey ? key(index.sortKey) : undefined,
        })),
      }),
    );
  }
  return tables;
}
