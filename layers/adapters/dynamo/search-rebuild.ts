/**
 * Rebuilding every word index of the table (the directory's and each agency's documents'), and the marker
 * that says which version of the index the table holds: `vanthu search-index rebuild --all` and the local
 * runtime's start (a data folder written before the index existed is indexed once).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { directoryCodes, directoryUnits } from './agency-store.ts';
import { rebuildAgencyIndex } from './agency-search.ts';
import { rebuildDocumentIndex } from './document-search.ts';
import { SCHEMA_VERSION } from './keys.ts';
import type { RebuildReport } from './search-reconcile.ts';

/** The version of the word index; a table marked with an older one (or none) is rebuilt by `upgradeSearchIndex`. */
export const SEARCH_INDEX_VERSION = 2;

const marker = { pk: 'SEARCHINDEX', sk: 'VERSION' };

/** Rebuilds the directory's index and the documents' index of every agency of the directory, then marks the table. */
export async function rebuildAll(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, RebuildReport>> {
  const report: Record<string, RebuildReport> = { directory: await rebuildAgencyIndex(client, tableName, directoryUnits(client, tableName)) };
  for (const organId of await directoryCodes(client, tableName)) report[organId] = await rebuildDocumentIndex(client, tableName, organId);
  await client.send(new PutCommand({ TableName: tableName, Item: { ...marker, entity: 'SearchIndexVersion', schemaVersion: SCHEMA_VERSION, version: SEARCH_INDEX_VERSION } }));
  return report;
}

/** Rebuilds every index when the table is not marked with this version; undefined when it was. */
export async function upgradeSearchIndex(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, RebuildReport> | undefined> {
  const current = await client.send(new GetCommand({ TableName: tableName, Key: marker, ConsistentRead: true }));
  if (current.Item?.version === SEARCH_INDEX_VERSION) return undefined;
  return rebuildAll(client, tableName);
}
