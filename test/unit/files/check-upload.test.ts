import { describe, expect, it } from 'vitest';
import { checkUploadedObject } from '#app/files/check-upload';
import { digestStream } from '#app/files/digest';
import type { PdfVerifier } from '#domain/files/ports';
import { DOC_ID, fileDeps, NOW, pendingFile, sha256Hex } from './fakes.ts';

const bytes = Buffer.from('%PDF-1.7 nội dung quyết định %%EOF');
const file = pendingFile(bytes);

function setUp(options: { pdfVerifier?: PdfVerifier; stored?: Uint8Array; contentType?: string; versionId?: string } = {}) {
  const world = fileDeps(options.pdfVerifier === undefined ? {} : { pdfVerifier: options.pdfVerifier });
  world.store.files.set(`${DOC_ID}/${file.fileId}`, file);
  world.content.put(file.objectKey, options.stored ?? bytes, {
    contentType: options.contentType ?? 'application/pdf',
    ...(options.versionId === undefined ? {} : { versionId: options.versionId }),
  });
  return world;
}

describe('checkUploadedObject', () => {
  it('rejects an upload whose document became secret while it was on its way, and keeps no content of it', async () => {
    // Prepare
    const world = setUp();
    const { deps, store } = world;
    const secret = { ...deps, documents: { getDocument: async () => ({ id: DOC_ID, secrecy: 'secret' }) } } as unknown as Parameters<typeof checkUploadedObject>[0];
    // Act
    await checkUploadedObject(secret, { key: file.objectKey });
    // Assess
    expect(await store.get(DOC_ID, file.fileId)).toMatchObject({ status: 'rejected', rejection: { code: 'secret-document' } });
    expect(world.content.objects.has(file.objectKey)).toBe(false);
  });

  it('marks an upload that matches its announcement stored, with the hash found and the version id', async () => {
    // Prepare
    const { deps, store } = setUp({ versionId: 'v-1' });
    // Act
    const outcome = await checkUploadedObject(deps, { key: file.objectKey });
    // Assess
    expect(outcome.kind).toBe('settled');
    expect(await store.get(DOC_ID, file.fileId)).toMatchObject({
      status: 'stored',
      actualSha256: sha256Hex(bytes),
      actualSize: bytes.length,
      versionId: 'v-1',
      checkedAt: NOW.toISOString(),
      version: 2,
    });
    expect((await store.get(DOC_ID, file.fileId))?.rejection).toBeUndefined();
  });

  it('rejects different bytes of the same length with checksum-mismatch and keeps the object', async () => {
    // Prepare
    const other = Buffer.from(bytes.toString('latin1').replace('1.7', '1.4'), 'latin1');
    const { deps, store, content } = setUp({ stored: other });
    // Act
    await checkUploadedObject(deps, { key: file.objectKey });
    // Assess
    const checked = await store.get(DOC_ID, file.fileId);
    expect(checked).toMatchObject({ status: 'rejected', actualSha256: sha256Hex(other), rejection: { code: 'checksum-mismatch' } });
    expect(checked?.rejection?.message).toContain(file.sha256);
    expect(content.objects.has(file.objectKey)).toBe(true);
  });

  it('rejects a size other than announced with size-mismatch', async () => {
    const longer = Buffer.concat([bytes, Buffer.from(' thêm')]);
    const { deps, store } = setUp({ stored: longer });
    await checkUploadedObject(deps, { key: file.objectKey });
    expect(await store.get(DOC_ID, file.fileId)).toMatchObject({ status: 'rejected', actualSize: longer.length, rejection: { code: 'size-mismatch' } });
  });

  it('rejects the right bytes stored under another type with content-type-mismatch', async () => {
    const { deps, store } = setUp({ contentType: 'text/html' });
    await checkUploadedObject(deps, { key: file.objectKey });
    expect(await store.get(DOC_ID, file.fileId)).toMatchObject({ status: 'rejected', rejection: { code: 'content-type-mismatch' } });
  });

  it('rejects content that is not of the declared type (an HTML page announced as a PDF) with content-mismatch', async () => {
    // Prepare: the declared size and hash are those of the HTML, so only the format check can tell
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const world = fileDeps();
    world.store.files.set(`${DOC_ID}/${file.fileId}`, pendingFile(html));
    world.content.put(file.objectKey, html, { contentType: 'application/pdf' });
    // Act
    await checkUploadedObject(world.deps, { key: file.objectKey });
    // Assess
    const checked = await world.store.get(DOC_ID, file.fileId);
    expect(checked).toMatchObject({ status: 'rejected', rejection: { code: 'content-mismatch' } });
    expect(checked?.rejection?.message).toContain('Nội dung tệp không phải là PDF');
  });

  it.each([
    ['another extension', 'setup.exe', 'có phần mở rộng .exe'],
    ['no extension', 'Quyết định 15', 'không có phần mở rộng'],
  ])('rejects a PDF whose file name has %s with extension-mismatch', async (_what, fileName, says) => {
    const world = fileDeps();
    world.store.files.set(`${DOC_ID}/${file.fileId}`, { ...file, fileName });
    world.content.put(file.objectKey, bytes, { contentType: 'application/pdf' });
    await checkUploadedObject(world.deps, { key: file.objectKey });
    const checked = await world.store.get(DOC_ID, file.fileId);
    expect(checked).toMatchObject({ status: 'rejected', rejection: { code: 'extension-mismatch' } });
    expect(checked?.rejection?.message).toContain(says);
  });

  it('reads the first bytes across chunks of any size', async () => {
    const world = fileDeps();
    world.store.files.set(`${DOC_ID}/${file.fileId}`, file);
    world.content.put(file.objectKey, bytes, { contentType: 'application/pdf', chunkSize: 1 });
    await checkUploadedObject(world.deps, { key: file.objectKey });
    expect((await world.store.get(DOC_ID, file.fileId))?.status).toBe('stored');
  });

  it('changes nothing when the event comes again after the file was settled', async () => {
    // Prepare
    const { deps, store, content } = setUp();
    await checkUploadedObject(deps, { key: file.objectKey });
    const settled = await store.get(DOC_ID, file.fileId);
    content.put(file.objectKey, Buffer.from('replaced content'));
    // Act
    const again = await checkUploadedObject(deps, { key: file.objectKey });
    // Assess
    expect(again).toEqual({ kind: 'already-settled', file: settled });
    expect(store.settled).toHaveLength(1);
    expect(content.opened).toBe(1);
  });

  it('loses a race to another delivery without overwriting its result', async () => {
    // Prepare: another delivery settles the file while this one is reading the object
    const { deps, store } = setUp();
    const settle = store.settle.bind(store);
    store.settle = async (pending, check) => {
      store.files.set(`${DOC_ID}/${file.fileId}`, { ...pending, status: 'rejected', version: pending.version + 1 });
      return settle(pending, check);
    };
    // Act
    const outcome = await checkUploadedObject(deps, { key: file.objectKey });
    // Assess
    expect(outcome).toMatchObject({ kind: 'already-settled', file: { status: 'rejected' } });
  });

  it.each([
    ['not-a-file-key', 'exports/register-2026.csv'],
    ['unknown-file', `files/${DOC_ID}/01JF1LE00000000000000000ZZ`],
  ])('ignores an object it does not know (%s)', async (reason, key) => {
    const { deps, store } = setUp();
    expect(await checkUploadedObject(deps, { key })).toEqual({ kind: 'ignored', key, reason });
    expect(store.settled).toEqual([]);
  });

  it('leaves the file pending when the object is gone', async () => {
    const { deps, store, content } = setUp();
    content.objects.clear();
    expect(await checkUploadedObject(deps, { key: file.objectKey })).toMatchObject({ kind: 'ignored', reason: 'missing-object' });
    expect((await store.get(DOC_ID, file.fileId))?.status).toBe('pending');
  });
});

describe('the PDF verification hook', () => {
  const verdict = { verdict: 'INDETERMINATE' as const, verifiedAt: NOW.toISOString(), report: { signatures: [] } };

  it('hands stored PDFs to the verifier, which can read the content, and records its verdict', async () => {
    // Prepare
    const seen: { sha256: string; read: string }[] = [];
    const verifier: PdfVerifier = {
      verify: async (input) => {
        seen.push({ sha256: input.sha256, read: (await digestStream(await input.open())).sha256 });
        return verdict;
      },
    };
    const { deps, store } = setUp({ pdfVerifier: verifier });
    // Act
    await checkUploadedObject(deps, { key: file.objectKey });
    // Assess
    expect(seen).toEqual([{ sha256: file.sha256, read: file.sha256 }]);
    expect((await store.get(DOC_ID, file.fileId))?.verification).toEqual(verdict);
  });

  it('does not verify rejected uploads or other types', async () => {
    const calls: string[] = [];
    const verifier: PdfVerifier = { verify: async (input) => (calls.push(input.fileId), verdict) };
    const rejected = setUp({ pdfVerifier: verifier, stored: Buffer.from('short') });
    await checkUploadedObject(rejected.deps, { key: file.objectKey });
    const image = setUp({ pdfVerifier: verifier });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('ảnh quét')]);
    image.store.files.set(`${DOC_ID}/${file.fileId}`, pendingFile(png, { contentType: 'image/png', fileName: 'Bản quét.png' }));
    image.content.put(file.objectKey, png, { contentType: 'image/png' });
    await checkUploadedObject(image.deps, { key: file.objectKey });
    expect(calls).toEqual([]);
    expect((await image.store.get(DOC_ID, file.fileId))?.status).toBe('stored');
  });

  it('leaves the file pending when the verifier fails unexpectedly, so the event is retried', async () => {
    const { deps, store } = setUp({ pdfVerifier: { verify: async () => Promise.reject(new Error('out of memory')) } });
    await expect(checkUploadedObject(deps, { key: file.objectKey })).rejects.toThrowError('out of memory');
    expect((await store.get(DOC_ID, file.fileId))?.status).toBe('pending');
  });
});

describe('digestStream', () => {
  it('hashes a stream chunk by chunk to the same SHA-256 as the whole', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000 + i, i));
    const whole = Buffer.concat(chunks);
    async function* stream() {
      yield* chunks;
    }
    expect(await digestStream(stream())).toEqual({ sha256: sha256Hex(whole), size: whole.length });
  });
});
