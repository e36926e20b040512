// The cold-start and size baseline (issue 7): a bare handler that does one DynamoDB
// GetCommand with the same SDK, bundled with the same esbuild options as Docket's.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));

export async function handler(event: { pathParameters?: { number?: string } }) {
  const { Item } = await ddb.send(new GetCommand({ TableName: process.env.SESSIONS_TABLE, Key: { pk: 'SESSION', sk: String(event.pathParameters?.number ?? '178').padStart(6, '0') } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? {}) };
}
