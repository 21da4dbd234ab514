/**
 * The archive against a versioned bucket (AWS; the local emulator keeps one version): every version is
 * exported and put back oldest first, and the items that name a version are rewritten to the version the
 * new bucket gave (infra/backup/archive.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { exportArchive, importArchive } from '#infra/backup/archive';
import { stageDigest } from '#infra/backup/digest';

type Item = Record<string, AttributeValue>;

/** A table that answers Scan (one page) and BatchWriteItem. */
function fakeTable(items: Item[] = []) {
  const client = {
    items,
    send: async (command: { constructor: { name: string }; input: any }) => {
      switch (command.constructor.name) {
        case 'ScanCommand':
          if (command.input.Segment !== undefined && command.input.Segment > 0) return { Items: [] };
          return { Items: command.input.Limit === undefined ? [...client.items] : client.items.slice(0, command.input.Limit) };
        case 'BatchWriteItemCommand':
          for (const request of Object.values(command.input.RequestItems)[0] as { PutRequest: { Item: Item } }[]) client.items.push(request.PutRequest.Item);
          return {};
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  };
  return client;
}

/** A versioned bucket: each put makes a new version id; lists versions newest first, as S3 does. */
function fakeBucket(prefix: string) {
  const versions: { key: string; versionId: string; body: Uint8Array; contentType?: string }[] = [];
  let next = 0;
  const client = {
    versions,
    put(key: string, text: string) {
      next += 1;
      versions.push({ key, versionId: `${prefix}${next}`, body: new TextEncoder().encode(text), contentType: 'application/pdf' });
      return `${prefix}${next}`;
    },
    send: async (command: { constructor: { name: string }; input: any }) => {
      const input = command.input;
      switch (command.constructor.name) {
        case 'GetBucketVersioningCommand':
          return { Status: 'Enabled' };
        case 'ListObjectVersionsCommand':
          return { Versions: [...versions].reverse().map((v) => ({ Key: v.key, VersionId: v.versionId, Size: v.body.length })), IsTruncated: false };
        case 'ListObjectsV2Command':
          return { Contents: versions.slice(0, input.MaxKeys ?? versions.length).map((v) => ({ Key: v.key })) };
        case 'GetObjectCommand': {
          const found = versions.find((v) => v.key === input.Key && v.versionId === input.VersionId);
          if (found === undefined) throw new Error(`NoSuchVersion ${input.Key} ${input.VersionId}`);
          return { Body: { transformToByteArray: async () => found.body }, ContentType: found.contentType };
        }
        case 'PutObjectCommand':
          return { VersionId: client.put(input.Key, new TextDecoder().decode(input.Body)) };
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  };
  return client;
}

let dir = '';
afterEach(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('an archive of a versioned bucket', () => {
  it('puts every version back oldest first and rewrites the version ids the items name', async () => {
    // Prepare: a file superseded once, the table naming its current version and a package's version.
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-archive-'));
    const bucket = fakeBucket('old-');
    bucket.put('files/D/F', 'first');
    const current = bucket.put('files/D/F', 'second');
    const pkg = bucket.put('axis/inbox/P.xml', '<edXML/>');
    const table = fakeTable([
      { pk: { S: 'DOC#D' }, sk: { S: 'FILE#F' }, versionId: { S: current }, sha256: { S: 'x' } },
      { pk: { S: 'DOC#D' }, sk: { S: 'META' }, package: { M: { key: { S: 'axis/inbox/P.xml' }, versionId: { S: pkg } } }, seal: { B: new Uint8Array([0, 255, 7]) } },
    ]);
    const source = { dynamo: table as unknown as DynamoDBClient, s3: bucket as unknown as S3Client, tableName: 't', bucketName: 'b' };
    const before = await stageDigest(source);
    await exportArchive(source, dir);
    const newBucket = fakeBucket('new-');
    const target = { dynamo: fakeTable() as unknown as DynamoDBClient, s3: newBucket as unknown as S3Client, tableName: 't', bucketName: 'b' };

    // Act
    const report = await importArchive(target, dir);

    // Assess
    expect(report).toEqual({ items: 2, objects: 3, versionIdsRewritten: 2, versionIdsUnresolved: 0 });
    expect(newBucket.versions.map((v) => [v.key, new TextDecoder().decode(v.body)])).toEqual(
      expect.arrayContaining([
        ['files/D/F', 'first'],
        ['files/D/F', 'second'],
        ['axis/inbox/P.xml', '<edXML/>'],
      ]),
    );
    const fileVersions = newBucket.versions.filter((v) => v.key === 'files/D/F');
    expect(fileVersions.map((v) => new TextDecoder().decode(v.body))).toEqual(['first', 'second']);
    const restored = (target.dynamo as unknown as ReturnType<typeof fakeTable>).items;
    const file = restored.find((item) => item.sk?.S === 'FILE#F');
    expect(file?.versionId?.S).toBe(fileVersions[1]?.versionId);
    const meta = restored.find((item) => item.sk?.S === 'META');
    expect(meta?.package?.M?.versionId?.S).toBe(newBucket.versions.find((v) => v.key === 'axis/inbox/P.xml')?.versionId);
    expect([...(meta?.seal?.B ?? [])]).toEqual([0, 255, 7]);
    expect(await stageDigest(target)).toEqual(before);
  });

  it('refuses an archive whose object list points outside objects/, before touching the stage', async () => {
    // Prepare
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-archive-'));
    const bucket = fakeBucket('old-');
    bucket.put('files/D/F', 'first');
    const source = { dynamo: fakeTable() as unknown as DynamoDBClient, s3: bucket as unknown as S3Client, tableName: 't', bucketName: 'b' };
    await exportArchive(source, dir);
    const objects = path.join(dir, 'objects.jsonl');
    const forged = `${JSON.stringify({ key: 'files/D/G', sha256: '../../../../etc/passwd', size: 1 })}\n`;
    await writeFile(objects, forged);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.bucket.sha256 = createHash('sha256').update(forged).digest('hex');
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const target = fakeBucket('new-');

    // Act
    const run = importArchive({ dynamo: fakeTable() as unknown as DynamoDBClient, s3: target as unknown as S3Client, tableName: 't', bucketName: 'b' }, dir);

    // Assess
    await expect(run).rejects.toThrow(/without a key or a SHA-256/);
    expect(target.versions).toEqual([]);
  });

  it('resolves by the object key the versions an AWS Backup restore renamed, and counts what it cannot', async () => {
    // Prepare: the restored bucket holds the latest version under an id the restored table never saw.
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-archive-'));
    const restoredBucket = fakeBucket('restored-');
    restoredBucket.put('files/D/F', 'issued');
    const table = fakeTable([
      { pk: { S: 'DOC#D' }, sk: { S: 'FILE#F' }, objectKey: { S: 'files/D/F' }, versionId: { S: 'original-7' } },
      { pk: { S: 'DOC#D' }, sk: { S: 'NOTE' }, versionId: { S: 'original-9' } },
    ]);
    await exportArchive({ dynamo: table as unknown as DynamoDBClient, s3: restoredBucket as unknown as S3Client, tableName: 't', bucketName: 'b' }, dir);
    const stageBucket = fakeBucket('stage-');
    const stageTable = fakeTable();

    // Act
    const report = await importArchive({ dynamo: stageTable as unknown as DynamoDBClient, s3: stageBucket as unknown as S3Client, tableName: 't', bucketName: 'b' }, dir);

    // Assess
    expect(report).toEqual({ items: 2, objects: 1, versionIdsRewritten: 1, versionIdsUnresolved: 1 });
    expect(stageTable.items.find((item) => item.sk?.S === 'FILE#F')?.versionId?.S).toBe(stageBucket.versions[0]?.versionId);
    expect(stageTable.items.find((item) => item.sk?.S === 'NOTE')?.versionId?.S).toBe('original-9');
  });
});
