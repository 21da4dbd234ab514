import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of one partition whose sort key starts with `prefix`, following the pages (for bounded
 * collections: a document's history, an agency's keys, a year's counters).
 */
export async function queryAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ...(options.consistent === true ? { ConsistentRead: true } : {}),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** Every item a Query answers, page after page, as they come (for lists too long to hold: a rebuild's). */
export async function* queryPages(client: DynamoDBDocumentClient, input: QueryCommandInput): AsyncIterable<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const result: QueryCommandOutput = await client.send(new QueryCommand({ ...input, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
    yield* result.Items ?? [];
    startKey = result.LastEvaluatedKey;
  } while (startKey !== undefined);
}
