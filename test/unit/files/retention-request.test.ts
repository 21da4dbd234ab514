/**
 * What S3 receives when an issued original is put under retention (S3FileContentStore.retain): the local
 * emulator has no Object Lock, so the request the real SDK builds is read off the wire here.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FileContentStore } from '#adapters/s3/file-content-store';

const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    seen.push({ method: request.method, url: request.url, headers: request.headers, body });
    response.writeHead(200, { 'content-type': 'application/xml' }).end();
  });
});

let client: S3Client;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new S3Client({ region: 'ap-southeast-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('S3FileContentStore.retain', () => {
  it('asks for governance-mode retention of that one version, until the date, with the checksum S3 requires', async () => {
    // Prepare
    const store = new S3FileContentStore(
      () => client,
      () => 'vanthu-files',
    );

    // Act
    await store.retain('files/01JDOC0000000000000000000A/01JF1LE000000000000000000A', 'v-1', new Date('2036-12-03T02:15:00.000Z'));

    // Assess
    const [request] = seen;
    expect(request?.method).toBe('PUT');
    const url = new URL(request?.url ?? '', 'http://s3');
    expect(url.pathname).toBe('/vanthu-files/files/01JDOC0000000000000000000A/01JF1LE000000000000000000A');
    expect(url.searchParams.has('retention')).toBe(true);
    expect(url.searchParams.get('versionId')).toBe('v-1');
    expect(request?.body).toMatch(/<Mode>GOVERNANCE<\/Mode>/);
    expect(request?.body).toMatch(/<RetainUntilDate>2036-12-03T02:15:00(\.000)?Z<\/RetainUntilDate>/);
    // PutObjectRetention is refused without an integrity checksum: the SDK must send one.
    expect(Object.keys(request?.headers ?? {}).some((name) => name === 'content-md5' || name.startsWith('x-amz-checksum-'))).toBe(true);
  });
});
