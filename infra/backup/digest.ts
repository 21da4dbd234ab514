import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { canonical, encodeItem, withoutVersionIds } from './items.ts';
import { CONCURRENCY, eachLimited, isVersioned, listVersions, SEGMENTS, scan, sha256Hex, type StageData, writeBatch } from './stage.ts';
import type { WriteRequest } from '@aws-sdk/client-dynamodb';

/*
 * Around a restore (docs/OPERATIONS.md): the digest that must be equal before a backup and after its restore,
 * and the one destructive step of an in-place table restore.
 */

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
  /** SHA-256 over the sorted SHA-256s of every item (attributes in a fixed order, `versionId` attributes left out). */
  readonly itemsSha256: string;
  readonly objects: number;
  /** SHA-256 over every object version's key and content SHA-256, in key and version order. */
  readonly objectsSha256: string;
}

/**
 * What must be identical before a backup and after its restore: every item and every object's content. Version
 * ids are left out (a restored bucket gives new ones; the import rewrites the items that name them). Each
 * item is hashed on its own, so a table of any size is digested in bounded memory (32 bytes an item).
 *
 * @example
 * expect(await stageDigest(restored)).toEqual(await stageDigest(original));
 */
export async function stageDigest(stage: StageData): Promise<StageDigest> {
  const items: string[] = [];
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      for await (const item of scan(stage, { segment, segments: SEGMENTS })) items.push(itemHash(encodeItem(item)));
    }),
  );
  const entries = await listVersions(stage, await isVersioned(stage));
  const objects: { key: string; sha256: string }[] = [];
  await eachLimited(entries, CONCURRENCY, async (entry, index) => {
    const object = await stage.s3.send(
      new GetObjectCommand({ Bucket: stage.bucketName, Key: entry.key, ...(entry.versionId === undefined ? {} : { VersionId: entry.versionId }) }),
    );
    objects[index] = { key: entry.key, sha256: sha256Hex((await object.Body?.transformToByteArray()) ?? new Uint8Array()) };
  });
  return digestOf(items, objects);
}

/**
 * The digest an archive's import must give (`vanthu backup digest --archive`), read from its files alone:
 * compare it with the stage's before importing (the archive is whole) and after (the import is).
 *
 * @example
 * expect(await stageDigest(restored)).toEqual(await archiveDigest('/restore/2026-12-03'));
 */
export async function archiveDigest(dir: string): Promise<StageDigest> {
  const items: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path.join(dir, 'table.jsonl'), 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line !== '') items.push(itemHash(JSON.parse(line) as Record<string, unknown>));
  }
  const objects = (await readFile(path.join(dir, 'objects.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { key: string; sha256: string });
  return digestOf(items, objects);
}

/** An item as the archive writes it (binary as base64), hashed without its version ids. */
function itemHash(encoded: Record<string, unknown>): string {
  return sha256Hex(new TextEncoder().encode(canonical(withoutVersionIds(encoded))));
}

function digestOf(items: string[], objects: readonly { key: string; sha256: string }[]): StageDigest {
  items.sort();
  const itemsHash = createHash('sha256');
  for (const hash of items) itemsHash.update(hash);
  // Keys in order, each key's versions oldest first (a stable sort keeps the listed order within a key).
  const ordered = [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const objectsHash = createHash('sha256');
  for (const object of ordered) objectsHash.update(`${object.key}\u0000${object.sha256}\n`);
  return { items: items.length, itemsSha256: itemsHash.digest('hex'), objects: ordered.length, objectsSha256: objectsHash.digest('hex') };
}
