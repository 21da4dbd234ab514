/**
 * `FileContentStore.storeStream`: one contract, run against the S3 adapter on the local S3 emulator (fauxqs,
 * real SDK calls over HTTP) and against the in-memory fake the use-case tests rely on; then what only S3
 * shows: a single PutObject up to one part, a multipart upload beyond, and an aborted upload on failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FileContentStore } from '#adapters/s3/file-content-store';
import { PART_SIZE } from '#adapters/s3/stream-upload';
import type { FileContentStore } from '#domain/files/ports';
import { startEmbeddedEmulators, type EmbeddedEmulators } from '#infra/local/emulators';
import { MemoryContentStore } from '#test/unit/files/fakes';

const BUCKET = 'vanthu-files-contract';
const MiB = 1024 * 1024;

let emulators: EmbeddedEmulators;
let client: S3Client;
/** The S3 commands sent, in order, with what each answered (for the upload id). */
let sent: { name: string; output: unknown }[] = [];
/** Makes the n-th UploadPart fail (1-based), to see a store failure mid-way. */
let failUploadPart: number | undefined;

beforeAll(async () => {
  emulators = await startEmbeddedEmulators(undefined);
  client = new S3Client({ region: 'us-east-1', endpoint: emulators.endpoints.s3, forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '?';
      if (name === 'UploadPartCommand' && sent.filter((s) => s.name === name).length + 1 === failUploadPart) {
        sent.push({ name, output: 'failed' });
        throw Object.assign(new Error('injected UploadPart failure'), { name: 'InternalError' });
      }
      const result = await next(args);
      sent.push({ name, output: result.output });
      return result;
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  client?.destroy();
  await emulators?.close();
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function* chunks(bytes: Uint8Array, size: number, failAfter?: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('the source broke');
    yield bytes.subarray(at, at + size);
  }
}

async function readBack(store: FileContentStore, key: string): Promise<Buffer | undefined> {
  const object = await store.open(key);
  if (object === undefined) return undefined;
  const parts: Uint8Array[] = [];
  for await (const part of object.body) parts.push(part);
  return Buffer.concat(parts);
}

let keys = 0;
const nextKey = () => `axis/inbox/contract-${(keys += 1)}.edxml`;

describe.each([
  [
    'S3 on the local emulator',
    () =>
      new S3FileContentStore(
        () => client,
        () => BUCKET,
      ) as FileContentStore,
  ],
  ['the in-memory fake', () => new MemoryContentStore() as FileContentStore],
])('storeStream contract: %s', (_name, makeStore) => {
  it('stores an empty body', async () => {
    // Prepare
    const store = makeStore();
    const key = nextKey();
    // Act
    const stored = await store.storeStream(key, chunks(new Uint8Array(0), 1), 'application/xml');
    // Assess
    expect(stored).toMatchObject({ size: 0, sha256: sha256(new Uint8Array(0)) });
    expect((await readBack(store, key))?.length).toBe(0);
  });

  it('stores a small body with its content type, size and SHA-256', async () => {
    const store = makeStore();
    const key = nextKey();
    const bytes = Buffer.from('<edXML:edXML>Hà Nội</edXML:edXML>');
    const stored = await store.storeStream(key, chunks(bytes, 5), 'application/xml');
    expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    expect((await readBack(store, key))?.equals(bytes)).toBe(true);
    expect((await store.open(key))?.contentType).toBe('application/xml');
  });

  it('stores 20 MiB sent in 64 KiB chunks byte for byte', async () => {
    const store = makeStore();
    const key = nextKey();
    const bytes = randomBytes(20 * MiB);
    const stored = await store.storeStream(key, chunks(bytes, 64 * 1024), 'application/octet-stream');
    expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    expect((await readBack(store, key))?.equals(bytes)).toBe(true);
  });

  it('leaves no object and throws the source’s error when the source breaks mid-way', async () => {
    const store = makeStore();
    const key = nextKey();
    const storing = store.storeStream(key, chunks(randomBytes(20 * MiB), 64 * 1024, 12 * MiB), 'application/octet-stream');
    await expect(storing).rejects.toThrow('the source broke');
    expect(await store.open(key)).toBeUndefined();
  });
});

describe('storeStream on S3: how the bytes travel', () => {
  const store = () =>
    new S3FileContentStore(
      () => client,
      () => BUCKET,
    );
  const names = () => sent.map((s) => s.name.replace(/Command$/, ''));

  it('sends up to one part as a single PutObject, one byte more as a multipart upload of two parts', async () => {
    // Prepare
    const exact = randomBytes(PART_SIZE);
    const over = randomBytes(PART_SIZE + 1);
    // Act
    sent = [];
    await store().storeStream(nextKey(), chunks(exact, 64 * 1024), 'application/octet-stream');
    const single = names();
    sent = [];
    const key = nextKey();
    const stored = await store().storeStream(key, chunks(over, 100_000), 'application/octet-stream');
    // Assess
    expect(single).toEqual(['PutObject']);
    expect(names()).toEqual(['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload']);
    expect(stored).toMatchObject({ size: over.length, sha256: sha256(over) });
    expect((await readBack(store(), key))?.equals(over)).toBe(true);
  });

  it('aborts the multipart upload when the source breaks after a part was sent', async () => {
    // Prepare
    sent = [];
    const key = nextKey();
    // Act
    const storing = store().storeStream(key, chunks(randomBytes(20 * MiB), 64 * 1024, 12 * MiB), 'application/octet-stream');
    // Assess
    await expect(storing).rejects.toThrow('the source broke');
    expect(names()).toEqual(['CreateMultipartUpload', 'UploadPart', 'AbortMultipartUpload']);
    await expectUploadGone(key);
  });

  it('aborts the multipart upload and throws S3’s error when a part fails', async () => {
    sent = [];
    failUploadPart = 2;
    const key = nextKey();
    try {
      const storing = store().storeStream(key, chunks(randomBytes(20 * MiB), 64 * 1024), 'application/octet-stream');
      await expect(storing).rejects.toThrow('injected UploadPart failure');
    } finally {
      failUploadPart = undefined;
    }
    expect(names()).toEqual(['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'AbortMultipartUpload']);
    expect(await store().open(key)).toBeUndefined();
    await expectUploadGone(key);
  });
});

/** The upload of the last CreateMultipartUpload takes no more parts: it was aborted, its parts deleted. */
async function expectUploadGone(key: string): Promise<void> {
  const created = sent.find((s) => s.name === 'CreateMultipartUploadCommand')?.output as { UploadId?: string } | undefined;
  expect(created?.UploadId).toBeDefined();
  const late = client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: created?.UploadId, PartNumber: 3, Body: Buffer.from('late') }));
  await expect(late).rejects.toMatchObject({ name: 'NoSuchUpload' });
  expect(
    await new S3FileContentStore(
      () => client,
      () => BUCKET,
    ).open(key),
  ).toBeUndefined();
}
