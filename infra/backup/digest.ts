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
