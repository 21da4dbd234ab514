import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type AttributeValue, BatchWriteItemCommand, type DynamoDBClient, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { table } from '#infra/definitions';
import { GetBucketVersioningCommand, GetObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * A logical copy of one stage's data — every item of the table and every object (every version) of the
 * bucket — in a folder, and its way back into an empty table and bucket. It is the last step of the
 * restore procedure (docs/OPERATIONS.md): AWS Backup or point-in-time recovery restore into new resources,
 * this copies them into the stage's own; and it is what the restore rehearsal runs against the local
 * runtime. Items are kept as DynamoDB JSON (types exact: numbers as written, binary, sets); objects by their
 * SHA-256 (identical content stored once), each version with its key, content type and metadata.
 *
 * Folder: `manifest.json` (counts and the SHA-256 of the two lists), `table.jsonl` (one item a line),
 * `objects.jsonl` (one object version a line, oldest first per key), `objects/<sha256>`.
 */
export const ARCHIVE_FORMAT = 'vanthu-archive/1';

export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly exportedAt: string;
  readonly table: { readonly name: string; readonly items: number; readonly sha256: string };
  readonly bucket: { readonly name: string; readonly objects: number; readonly versioned: boolean; readonly sha256: string };
  /** The table alone (`--table-only`): the bucket was not copied and is not restored (an in-place table restore). */
  readonly tableOnly: boolean;
}

/** What a copy covers: the table and the bucket, or the table alone. */
export interface ArchiveScope {
  readonly tableOnly?: boolean;
}

/** One object version of the archive. */
interface ObjectEntry {
  readonly key: string;
  readonly versionId?: string;
  readonly sha256: string;
  readonly size: number;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

export interface StageData {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly bucketName: string;
}

/** A restore that would mix data: the target is not empty, or the archive is not whole. Nothing was written. */
export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
}

/** Parallel scan segments and concurrent requests: enough to keep a table busy, few enough to stay far from throttling. */
const SEGMENTS = 8;
const CONCURRENCY = 16;

/**
 * Copies the table and the bucket into `dir` (created; must be empty of an archive).
 *
 * @example
 * const manifest = await exportArchive({ dynamo, s3, tableName, bucketName }, '/backups/2026-12-03');
 */
export async function exportArchive(stage: StageData, dir: string, scope: ArchiveScope = {}): Promise<ArchiveManifest> {
  const tableOnly = scope.tableOnly === true;
  await mkdir(path.join(dir, 'objects'), { recursive: true });
  if (await exists(path.join(dir, 'manifest.json'))) throw new RestoreRefused(`${dir} already holds an archive`);
  const tableFile = path.join(dir, 'table.jsonl');
  const items = await writeLines(tableFile, async (write) => {
    let count = 0;
    await Promise.all(
      Array.from({ length: SEGMENTS }, async (_, segment) => {
        for await (const item of scan(stage, { segment, segments: SEGMENTS })) {
          await write(JSON.stringify(encodeItem(item)));
          count += 1;
        }
      }),
    );
    return count;
  });
  const versioned = tableOnly ? false : await isVersioned(stage);
  const entries = tableOnly ? [] : await listVersions(stage, versioned);
  const stored = new Set<string>();
  await eachLimited(entries, CONCURRENCY, async (entry, index) => {
    const object = await stage.s3.send(
      new GetObjectCommand({ Bucket: stage.bucketName, Key: entry.key, ...(entry.versionId === undefined ? {} : { VersionId: entry.versionId }) }),
    );
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    const sha256 = sha256Hex(bytes);
    if (!stored.has(sha256)) {
      stored.add(sha256);
      await writeFile(path.join(dir, 'objects', sha256), bytes);
    }
    entries[index] = {
      ...entry,
      sha256,
      size: bytes.length,
      ...(object.ContentType === undefined ? {} : { contentType: object.ContentType }),
      ...(object.Metadata === undefined || Object.keys(object.Metadata).length === 0 ? {} : { metadata: object.Metadata }),
    };
  });
  const objectsFile = path.join(dir, 'objects.jsonl');
  await writeFile(objectsFile, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    exportedAt: new Date().toISOString(),
    table: { name: stage.tableName, items, sha256: await fileSha256(tableFile) },
    bucket: { name: stage.bucketName, objects: entries.length, versioned, sha256: await fileSha256(objectsFile) },
    tableOnly,
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface ImportReport {
  readonly items: number;
  readonly objects: number;
  /** Items whose `versionId` attributes were rewritten to the versions the new bucket gave. */
  readonly versionIdsRewritten: number;
  /**
   * Into a versioned bucket: `versionId` attributes that name no version of the archive and have no object key
   * beside them to resolve by. 0 is the only good answer: anything else names a version the new bucket lacks.
   */
  readonly versionIdsUnresolved?: number;
}

/**
 * Puts an archive back into an empty table and bucket: the objects first (each version in its order, so the
 * latest stays the latest), then the items, whose `versionId` attributes are rewritten to the new
 * versions (a bucket gives new version ids to what is written into it). Refuses, writing nothing, a table
 * or bucket that holds anything, and an archive whose lists or contents do not match their SHA-256.
 *
 * @example
 * const report = await importArchive({ dynamo, s3, tableName, bucketName }, '/backups/2026-12-03');
 */
export async function importArchive(stage: StageData, dir: string): Promise<ImportReport> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
  if (manifest.format !== ARCHIVE_FORMAT) throw new RestoreRefused(`${dir}: not a ${ARCHIVE_FORMAT} archive`);
  const tableFile = path.join(dir, 'table.jsonl');
  const objectsFile = path.join(dir, 'objects.jsonl');
  if ((await fileSha256(tableFile)) !== manifest.table.sha256) throw new RestoreRefused('table.jsonl does not match the SHA-256 of the manifest');
  if ((await fileSha256(objectsFile)) !== manifest.bucket.sha256) throw new RestoreRefused('objects.jsonl does not match the SHA-256 of the manifest');
  const entries = (await readFile(objectsFile, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ObjectEntry);
  // Names under objects/ are SHA-256s and nothing else: an archive cannot point the import at another file.
  const notHash = entries.find((entry) => !/^[0-9a-f]{64}$/.test(entry.sha256) || typeof entry.key !== 'string' || entry.key === '');
  if (notHash !== undefined) throw new RestoreRefused(`objects.jsonl: an entry without a key or a SHA-256 (${JSON.stringify(notHash).slice(0, 200)})`);
  for (const sha256 of new Set(entries.map((entry) => entry.sha256))) {
    if (!(await exists(path.join(dir, 'objects', sha256)))) throw new RestoreRefused(`objects/${sha256} is missing from the archive`);
  }
  await assertEmpty(stage, { bucket: !manifest.tableOnly });

  // Versions of a key one after the other, oldest first; keys in parallel.
  const byKey = new Map<string, ObjectEntry[]>();
  for (const entry of entries) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const newVersions = new Map<string, string>();
  const latestOfKey = new Map<string, string>();
  await eachLimited([...byKey.values()], CONCURRENCY, async (versions) => {
    for (const entry of versions) {
      const bytes = await readFile(path.join(dir, 'objects', entry.sha256));
      if (sha256Hex(bytes) !== entry.sha256) throw new RestoreRefused(`objects/${entry.sha256} does not hold the bytes of its name`);
      const put = await stage.s3.send(
        new PutObjectCommand({
          Bucket: stage.bucketName,
          Key: entry.key,
          Body: bytes,
          ...(entry.contentType === undefined ? {} : { ContentType: entry.contentType }),
          ...(entry.metadata === undefined ? {} : { Metadata: entry.metadata }),
        }),
      );
      if (put.VersionId !== undefined) latestOfKey.set(entry.key, put.VersionId);
      if (entry.versionId !== undefined && put.VersionId !== undefined) newVersions.set(entry.versionId, put.VersionId);
    }
  });

  let items = 0;
  let rewritten = 0;
  let unresolved = 0;
  let batch: WriteRequest[] = [];
  const pending: Promise<void>[] = [];
  const flush = async () => {
    const requests = batch;
    batch = [];
    pending.push(writeBatch(stage, requests));
    if (pending.length >= CONCURRENCY) await Promise.all(pending.splice(0));
  };
  for await (const line of createInterface({ input: createReadStream(tableFile, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line === '') continue;
    const item = decodeItem(JSON.parse(line) as Record<string, unknown>);
    const { value, changed, unresolved: left } = withNewVersionIds(item, { byId: newVersions, latestOfKey });
    if (changed) rewritten += 1;
    unresolved += left;
    batch.push({ PutRequest: { Item: value as Record<string, AttributeValue> } });
    items += 1;
    if (batch.length === 25) await flush();
  }
  if (batch.length > 0) await flush();
  await Promise.all(pending);
  if (items !== manifest.table.items) throw new Error(`table.jsonl held ${items} items, the manifest says ${manifest.table.items}`);
  return { items, objects: entries.length, versionIdsRewritten: rewritten, ...(latestOfKey.size > 0 ? { versionIdsUnresolved: unresolved } : {}) };
}

/**
 * Deletes every item of the table — the step before an in-place table restore (docs/OPERATIONS.md), when a
 * point-in-time copy of the table has been exported with `tableOnly`. Never the bucket: it is versioned and
 * its issued originals are under Object Lock. Returns how many items were deleted.
 *
 * @example
 * await wipeTable(stage); // 1_204_331
 */
export async function wipeTable(stage: StageData): Promise<number> {
  let deleted = 0;
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let keys: WriteRequest[] = [];
      for await (const item of scan(stage, { segment, segments: SEGMENTS, keysOnly: true })) {
        keys.push({ DeleteRequest: { Key: item } });
        if (keys.length === 25) {
          await writeBatch(stage, keys);
          deleted += keys.length;
          keys = [];
        }
      }
      if (keys.length > 0) await writeBatch(stage, keys);
      deleted += keys.length;
    }),
  );
  return deleted;
}

export interface StageDigest {
  readonly items: number;
  /** SHA-256 over every item (sorted by key, attributes in a fixed order), `versionId` attributes left out. */
  readonly itemsSha256: string;
  readonly objects: number;
  /** SHA-256 over every object version's key and content SHA-256, in key and version order. */
  readonly objectsSha256: string;
}

/**
 * What must be identical before a backup and after its restore: every item and every object's content. Version
 * ids are left out (a restored bucket gives new ones; the import rewrites the items that name them).
 *
 * @example
 * expect(await stageDigest(restored)).toEqual(await stageDigest(original));
 */
export async function stageDigest(stage: StageData): Promise<StageDigest> {
  const lines: string[] = [];
  for await (const item of scan(stage, { segment: 0, segments: 1 })) lines.push(canonical(withoutVersionIds(encodeItem(item))));
  lines.sort();
  const entries = await listVersions(stage, await isVersioned(stage));
  const objectLines: string[] = [];
  await eachLimited(entries, CONCURRENCY, async (entry, index) => {
    const object = await stage.s3.send(
      new GetObjectCommand({ Bucket: stage.bucketName, Key: entry.key, ...(entry.versionId === undefined ? {} : { VersionId: entry.versionId }) }),
    );
    objectLines[index] = `${entry.key}\u0000${sha256Hex((await object.Body?.transformToByteArray()) ?? new Uint8Array())}`;
  });
  // Keys in order, each key's versions oldest first (a stable sort keeps the listed order within a key).
  const keyOf = (line: string) => line.slice(0, line.indexOf('\u0000'));
  objectLines.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return {
    items: lines.length,
    itemsSha256: sha256Hex(new TextEncoder().encode(lines.join('\n'))),
    objects: objectLines.length,
    objectsSha256: sha256Hex(new TextEncoder().encode(objectLines.join('\n'))),
  };
}

async function* scan(stage: StageData, part: { segment: number; segments: number; keysOnly?: boolean }): AsyncIterable<Record<string, AttributeValue>> {
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

async function isVersioned(stage: StageData): Promise<boolean> {
  try {
    const versioning = await stage.s3.send(new GetBucketVersioningCommand({ Bucket: stage.bucketName }));
    return versioning.Status === 'Enabled' || versioning.Status === 'Suspended';
  } catch {
    // An emulator without versioning (the local runtime's) keeps one version of each object.
    return false;
  }
}

/** Every object version of the bucket, oldest first within a key (S3 lists them newest first). */
async function listVersions(stage: StageData, versioned: boolean): Promise<ObjectEntry[]> {
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

async function assertEmpty(stage: StageData, what: { readonly bucket: boolean }): Promise<void> {
  const items = await stage.dynamo.send(new ScanCommand({ TableName: stage.tableName, Limit: 1 }));
  if ((items.Items ?? []).length > 0) throw new RestoreRefused(`table ${stage.tableName} is not empty: a restore goes into an empty table only`);
  if (!what.bucket) return;
  const objects = await stage.s3.send(new ListObjectsV2Command({ Bucket: stage.bucketName, MaxKeys: 1 }));
  if ((objects.Contents ?? []).length > 0) throw new RestoreRefused(`bucket ${stage.bucketName} is not empty: a restore goes into an empty bucket only`);
}

/** BatchWriteItem, with what DynamoDB leaves unprocessed sent again after a growing pause. */
async function writeBatch(stage: StageData, requests: WriteRequest[]): Promise<void> {
  let left = requests;
  for (let attempt = 0; left.length > 0; attempt += 1) {
    if (attempt > 10) throw new Error(`${left.length} items stayed unprocessed after 10 retries`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
    const result = await stage.dynamo.send(new BatchWriteItemCommand({ RequestItems: { [stage.tableName]: left } }));
    left = result.UnprocessedItems?.[stage.tableName] ?? [];
  }
}

/** DynamoDB JSON as text: binary values (B, BS) as base64 strings, everything else as the SDK gives it. */
function encodeItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, encodeValue(value)]));
}

function encodeValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(encodeValue) };
  return value;
}

function decodeItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value as Record<string, unknown>)]));
}

function decodeValue(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if (Array.isArray(value.BS)) return { BS: (value.BS as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if (value.M !== undefined) return { M: decodeItem(value.M as Record<string, unknown>) };
  if (Array.isArray(value.L)) return { L: (value.L as Record<string, unknown>[]).map(decodeValue) };
  return value as unknown as AttributeValue;
}

/**
 * The item with each `versionId` string attribute (at any depth) replaced by the version the new bucket gave
 * it: the version written from that archive version; or, when the archive does not hold that version (an
 * AWS Backup restore of a bucket keeps the latest version of each object, under new ids), the latest version
 * of the object named beside it (`objectKey` or `key`) — the system writes each such key once.
 */
function withNewVersionIds(
  value: unknown,
  versions: { readonly byId: ReadonlyMap<string, string>; readonly latestOfKey: ReadonlyMap<string, string> },
): { value: unknown; changed: boolean; unresolved: number } {
  let changed = false;
  let unresolved = 0;
  const keyBeside = (node: Record<string, unknown>): string | undefined => {
    for (const name of ['objectKey', 'key']) if (isStringAttribute(node[name])) return (node[name] as { S: string }).S;
    return undefined;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return node;
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(record)) {
      if (name !== 'versionId' || !isStringAttribute(child)) {
        out[name] = visit(child);
        continue;
      }
      const key = keyBeside(record);
      const renamed = versions.byId.get(child.S) ?? (key === undefined ? undefined : versions.latestOfKey.get(key));
      if (renamed === undefined) unresolved += 1;
      else changed = true;
      out[name] = renamed === undefined ? child : { S: renamed };
    }
    return out;
  };
  return { value: visit(value), changed, unresolved };
}

function withoutVersionIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVersionIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== 'versionId')
      .map(([name, child]) => [name, withoutVersionIds(child)]),
  );
}

function isStringAttribute(value: unknown): value is { S: string } {
  return typeof value === 'object' && value !== null && typeof (value as { S?: unknown }).S === 'string';
}

/** JSON with object keys sorted, so equal items give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    .join(',')}}`;
}

async function writeLines(file: string, produce: (write: (line: string) => Promise<void>) => Promise<number>): Promise<number> {
  const stream: WriteStream = createWriteStream(file, 'utf8');
  // Writers wait for one shared drain when the stream's buffer is full.
  let draining: Promise<void> | undefined;
  const write = async (line: string) => {
    if (draining !== undefined) await draining;
    if (!stream.write(`${line}\n`)) {
      draining ??= new Promise<void>((resolve) =>
        stream.once('drain', () => {
          draining = undefined;
          resolve();
        }),
      );
    }
  };
  try {
    return await produce(write);
  } finally {
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

async function eachLimited<T>(list: T[], limit: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
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

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
