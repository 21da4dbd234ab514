import { describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { attachmentDisposition } from '#adapters/s3/content-disposition';
import { S3FileContentStore } from '#adapters/s3/file-content-store';
import { DOC_ID, FILE_ID, NOW, sha256Hex } from './fakes.ts';

// Presigning is local computation: fake credentials, no network.
const client = new S3Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret-not-real' } });
const store = new S3FileContentStore(
  () => client,
  () => 'vanthu-files',
);
const key = `files/${DOC_ID}/${FILE_ID}`;
const sha256 = sha256Hex('nội dung văn bản');

async function upload(overrides: { contentType?: string; size?: number } = {}) {
  return store.presignUpload({ key, contentType: 'application/pdf', size: 48213, sha256, expiresInSeconds: 900, now: NOW, ...overrides });
}

describe('the presigned upload', () => {
  it('expires after the configured time, counted from the clock', async () => {
    // Act
    const presigned = await upload();
    const query = new URL(presigned.url).searchParams;
    // Assess
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(query.get('X-Amz-Date')).toBe('20261126T030000Z');
    expect(presigned.expiresAt).toBe('2026-11-26T03:15:00.000Z');
  });

  it('signs type, length, the SHA-256 and create-only as headers the client must send', async () => {
    // Act
    const presigned = await upload();
    const url = new URL(presigned.url);
    // Assess
    expect(`${url.host}${url.pathname}`).toBe(`vanthu-files.s3.ap-southeast-1.amazonaws.com/${key}`);
    expect(presigned.method).toBe('PUT');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host', 'if-none-match', 'x-amz-checksum-sha256']);
    expect(presigned.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': '48213',
      'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64'),
      'if-none-match': '*',
    });
  });

  it('keeps the checksum out of the query string, where S3 would not check it', async () => {
    const query = new URL((await upload()).url).searchParams;
    expect([...query.keys()].filter((name) => name.toLowerCase().startsWith('x-amz-checksum'))).toEqual([]);
    expect([...query.keys()].filter((name) => name.toLowerCase().startsWith('x-amz-sdk-checksum'))).toEqual([]);
  });

  it('gives another signature when the announced type or size differs, so S3 refuses a swapped upload', async () => {
    const signature = async (overrides: { contentType?: string; size?: number }) => new URL((await upload(overrides)).url).searchParams.get('X-Amz-Signature');
    const original = await signature({});
    expect(await signature({ contentType: 'image/png' })).not.toBe(original);
    expect(await signature({ size: 48214 })).not.toBe(original);
    expect(await signature({})).toBe(original);
  });
});

describe('the presigned download', () => {
  it('lasts five minutes, names the checked version and saves under the original Vietnamese name', async () => {
    // Act
    const presigned = await store.presignDownload({
      key,
      versionId: 'v3HL4kqtJ',
      fileName: 'Quyết định số 15.pdf',
      contentType: 'application/pdf',
      expiresInSeconds: 300,
      now: NOW,
    });
    const query = new URL(presigned.url).searchParams;
    // Assess
    expect(query.get('X-Amz-Expires')).toBe('300');
    expect(query.get('versionId')).toBe('v3HL4kqtJ');
    expect(query.get('response-content-disposition')).toBe(attachmentDisposition('Quyết định số 15.pdf'));
    expect(query.get('response-content-type')).toBe('application/pdf');
    expect(presigned.expiresAt).toBe('2026-11-26T03:05:00.000Z');
  });

  it('asks for no version when the bucket gave none (local emulator)', async () => {
    const presigned = await store.presignDownload({ key, fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: 300, now: NOW });
    expect(new URL(presigned.url).searchParams.has('versionId')).toBe(false);
  });
});
