import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';

/** The emulator with one table of the project's schema, a document client on it, and a count of the client's requests. */
export interface TestTable {
  readonly emulator: DynamoEmulator;
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Every item of the table that `keep` keeps, each as JSON with its attributes sorted (comparable as text), sorted. */
  scan(keep: (item: Record<string, unknown>) => boolean): Promise<string[]>;
  /** Requests sent through `client` since the last reset. */
  requests(): number;
  resetRequests(): void;
}

export async function startTestTable(tableName: string): Promise<TestTable> {
  const emulator = await startDynamoEmulator();
  const dynamo = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTable(dynamo, tableName);
  const client = DynamoDBDocumentClient.from(dynamo);
  let requests = 0;
  client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countRequests' });
  return {
    emulator,
    client,
    tableName,
    scan: async (keep) => {
      const items: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result: ScanCommandOutput = await client.send(new ScanCommand({ TableName: tableName, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
        for (const item of result.Items ?? []) if (keep(item)) items.push(JSON.stringify(item, Object.keys(item).sort()));
        startKey = result.LastEvaluatedKey;
      } while (startKey !== undefined);
      return items.sort();
    },
    requests: () => requests,
    resetRequests: () => {
      requests = 0;
    },
  };
}
