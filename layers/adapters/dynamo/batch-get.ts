import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys.ts';

const KEYS_PER_CALL = 100;
const ATTEMPTS = 10;

/**
 * Every stored item of `keys` (each key once; missing items left out, in no particular order): BatchGetItem
 * 100 keys a call, unprocessed keys sent again, an error if some stay unread after 10 attempts.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
  options: { readonly consistent?: boolean; readonly projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, { pk: key.pk, sk: key.sk }])).values()];
  for (let i = 0; i < unique.length; i += KEYS_PER_CALL) {
    let requested: Record<string, unknown>[] | undefined = unique.slice(i, i + KEYS_PER_CALL);
    for (let attempt = 0; requested !== undefined && requested.length > 0; attempt += 1) {
      if (attempt >= ATTEMPTS) throw new Error(`BatchGetItem on ${tableName}: ${requested.length} items left unread after ${ATTEMPTS} attempts`);
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: requested,
              ...(options.consistent === true ? { ConsistentRead: true } : {}),
              ...(options.projection === undefined ? {} : { ProjectionExpression: options.projection }),
            },
          },
        }),
      );
      found.push(...(result.Responses?.[tableName] ?? []));
      requested = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}
