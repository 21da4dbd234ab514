import { createHash } from 'node:crypto';
import { type AttributeValue, BatchWriteItemCommand, type DynamoDBClient, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { GetBucketVersioningCommand, ListObjectsV2Command, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { table } from '#infra/definitions';

/**
 * Reading and writing a stage's table and bucket in bulk, for the archive (./archive.ts) and the digest
 * (./digest.ts): parallel scans, every object version, batch writes with their retries.
 */
export interface StageData {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly bucketName: string;
}

/** One object version of the archive. */
export interface ObjectEntry {
  readonly key: string;
  readonly versionId?: string;
  readonly sha256: string;
  readonly size: number;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

/** Parallel scan segments and concurrent requests: enough to keep a table busy, few enough to stay far from throttling. */
export const SEGMENTS = 8;
export const CONCURRENCY = 16;

export async function* scan(stage: StageData, part: { segment: number; segments: number; keysOnly?: boolean }): AsyncIterable<Record<string, AttributeValue>> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await stage.dynamo.send(
      new ScanCommand({
        TableName: stage.tableName,
        ConsistentRead: true,
        ...(part.keysOnly === true ? { ProjectionExpression: '#pk, #sk', ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey } } : {}),
        ...(part.segments > 1 ? { Segment: part.segment, TotalSegments: part.segments } : {}),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

export async function isVersioned(stage: StageData): Promise<boolean> {
  try {
    const versioning = await stage.s3.send(new GetBucketVersioningCommand({ Bucket: stage.bucketName }));
    return versioning.Status === 'Enabled' || versioning.Status === 'Suspended';
  } catch {
    // An emulator without versioning (the local runtime's) keeps one version of each object.
    return false;
  }
}

/** Every object version of the bucket, oldest first within a key (S3 lists them newest first). */
export async function listVersions(stage: StageData, versioned: boolean): Promise<ObjectEntry[]> {
  const entries: ObjectEntry[] = [];
  if (versioned) {
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await stage.s3.send(new ListObjectVersionsCommand({ Bucket: stage.bucketName, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
      const byKey = new Map<string, ObjectEntry[]>();
      for (const version of page.Versions ?? []) {
        if (version.Key === undefined) continue;
        const entry: ObjectEntry = { key: version.Key, sha256: '', size: version.Size ?? 0, ...(version.VersionId === undefined ? {} : { versionId: version.VersionId }) };
        byKey.set(version.Key, [entry, ...(byKey.get(version.Key) ?? [])]);
      }
      for (const versions of byKey.values()) entries.push(...versions);
      keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated === true ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    return oldestFirst(entries);
  }
  let token: string | undefined;
  do {
    const page = await stage.s3.send(new ListObjectsV2Command({ Bucket: stage.bucketName, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) entries.push({ key: object.Key, sha256: '', size: object.Size ?? 0 });
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return entries;
}

/** A key's versions may span pages: gather them, oldest first, keys in the order S3 listed them. */
function oldestFirst(entries: readonly ObjectEntry[]): ObjectEntry[] {
  const byKey = new Map<string, ObjectEntry[]>();
  for (const entry of entries) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  return [...byKey.values()].flat();
}

/** BatchWriteItem, with what DynamoDB leaves unprocessed sent again after a growing pause. */
export async function writeBatch(stage: StageData, requests: WriteRequest[]): Promise<void> {
  let left = requests;
  for (let attempt = 0; left.length > 0; attempt += 1) {
    if (attempt > 10) throw new Error(`${left.length} items stayed unprocessed after 10 retries`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
    const result = await stage.dynamo.send(new BatchWriteItemCommand({ RequestItems: { [stage.tableName]: left } }));
    left = result.UnprocessedItems?.[stage.tableName] ?? [];
  }
}

export async function eachLimited<T>(list: T[], limit: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) {
        const index = next;
        next += 1;
        await run(list[index] as T, index);
      }
    }),
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
