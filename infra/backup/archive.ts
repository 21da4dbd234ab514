import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type AttributeValue, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { decodeItem, encodeItem, withNewVersionIds } from './items.ts';
import { CONCURRENCY, eachLimited, isVersioned, listVersions, type ObjectEntry, SEGMENTS, scan, sha256Hex, type StageData, writeBatch } from './stage.ts';

export type { StageData } from './stage.ts';

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

/** A restore that would mix data: the target is not empty, or the archive is not whole. Nothing was written. */
export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
}

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

async function assertEmpty(stage: StageData, what: { readonly bucket: boolean }): Promise<void> {
  const items = await stage.dynamo.send(new ScanCommand({ TableName: stage.tableName, Limit: 1 }));
  if ((items.Items ?? []).length > 0) throw new RestoreRefused(`table ${stage.tableName} is not empty: a restore goes into an empty table only`);
  if (!what.bucket) return;
  const objects = await stage.s3.send(new ListObjectsV2Command({ Bucket: stage.bucketName, MaxKeys: 1 }));
  if ((objects.Contents ?? []).length > 0) throw new RestoreRefused(`bucket ${stage.bucketName} is not empty: a restore goes into an empty bucket only`);
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
