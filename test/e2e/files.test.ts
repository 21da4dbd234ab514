import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { s3Client } from '#adapters/aws/s3-client';
import { sqsClient } from '#adapters/aws/sqs-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import { announcement, settledFile, sha256, upload } from '../support/files.ts';

const AGENCY = '000.00.91.H26';
const OTHER_AGENCY = '000.00.92.H26';

let api: TestApi;
let clerk: string;
let specialist: string;
let admin: string;
let otherClerk: string;
let documentNumber = 500;

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk-f', organId: AGENCY, roles: ['clerk'] });
  specialist = await api.token({ sub: 'spec-f', organId: AGENCY, roles: ['specialist'] });
  admin = await api.token({ sub: 'admin-f', organId: AGENCY, roles: ['admin'] });
  otherClerk = await api.token({ sub: 'clerk-o', organId: OTHER_AGENCY, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function registerDocument(overrides: Record<string, unknown> = {}): Promise<string> {
  documentNumber += 1;
  const created = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: String(documentNumber), ...overrides }) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** Polls the file until the consumer has checked it. */
function settled(documentId: string, fileId: string, token = clerk) {
  return settledFile(api, token, documentId, fileId);
}

async function itemCount(): Promise<number> {
  const result = await dynamoDocumentClient().send(new ScanCommand({ TableName: api.runtime.names.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

async function objectsUnder(prefix: string): Promise<number> {
  const listed = await s3Client().send(new ListObjectsV2Command({ Bucket: api.runtime.names.bucketName, Prefix: prefix }));
  return listed.KeyCount ?? 0;
}

async function queueDrained(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const attributes = await sqsClient().send(
      new GetQueueAttributesCommand({
        QueueUrl: api.runtime.names.queueUrls.fileUploaded,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    if (attributes.Attributes?.ApproximateNumberOfMessages === '0' && attributes.Attributes.ApproximateNumberOfMessagesNotVisible === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the fileUploaded queue was not drained');
}

describe('uploading and downloading a document file', () => {
  it('stores the announced bytes, then downloads exactly them', async () => {
    // Prepare
    const documentId = await registerDocument();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]);
    // Act
    const slot = await api.request('POST', `/documents/${documentId}/files`, { token: specialist, body: announcement(bytes) });
    const uploaded = await upload(slot.body, bytes);
    const file = await settled(documentId, slot.body.fileId);
    // Assess
    expect(slot.status).toBe(201);
    expect(slot.body.requiredHeaders['x-amz-checksum-sha256']).toBe(Buffer.from(sha256(bytes), 'hex').toString('base64'));
    expect(uploaded).toBe(200);
    expect(file).toMatchObject({
      fileId: slot.body.fileId,
      documentId,
      fileName: 'Quyết định số 15 – bản ký số.pdf',
      status: 'stored',
      size: bytes.length,
      sha256: sha256(bytes),
      actualSha256: sha256(bytes),
      actualSize: bytes.length,
      uploadedBy: { sub: 'spec-f' },
      // random bytes announced as a PDF: stored as uploaded, but the signature verifier finds no valid PDF
      verification: { verdict: 'INDETERMINATE' },
    });
    const download = await fetch(file.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const listed = await api.request('GET', `/documents/${documentId}/files`, { token: admin });
    expect(listed.body.items.map((f: { fileId: string; status: string }) => [f.fileId, f.status])).toEqual([[slot.body.fileId, 'stored']]);
  });

  it('rejects an upload of other bytes than announced, with the reason, and offers no download', async () => {
    // Prepare
    const documentId = await registerDocument();
    const announced = randomBytes(5_000);
    const sent = randomBytes(5_000);
    // Act
    const slot = await api.request('POST', `/documents/${documentId}/files`, { token: clerk, body: announcement(announced) });
    await upload(slot.body, sent);
    const file = await settled(documentId, slot.body.fileId);
    // Assess
    expect(file).toMatchObject({ status: 'rejected', actualSha256: sha256(sent), rejection: { code: 'checksum-mismatch' } });
    expect(file.downloadUrl).toBeUndefined();
  });

  it('changes nothing when the upload event is delivered again', async () => {
    // Prepare
    const documentId = await registerDocument();
    const bytes = randomBytes(1_000);
    const slot = await api.request('POST', `/documents/${documentId}/files`, { token: clerk, body: announcement(bytes) });
    await upload(slot.body, bytes);
    const first = await settled(documentId, slot.body.fileId);
    const key = `files/${documentId}/${slot.body.fileId}`;
    // Act
    const redelivered = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: api.runtime.names.bucketName }, object: { key, size: bytes.length } } }] };
    await sqsClient().send(new SendMessageCommand({ QueueUrl: api.runtime.names.queueUrls.fileUploaded, MessageBody: JSON.stringify(redelivered) }));
    await queueDrained();
    // Assess
    const again = await api.request('GET', `/documents/${documentId}/files/${slot.body.fileId}`, { token: clerk });
    const { downloadUrl: _a, downloadExpiresAt: _b, ...before } = first;
    expect(again.body).toMatchObject(before);
  });
});

describe('listing files', () => {
  it("pages through a document's files in upload order with an opaque token bound to the document", async () => {
    // Prepare
    const documentId = await registerDocument();
    const otherDocumentId = await registerDocument();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await api.request('POST', `/documents/${documentId}/files`, { token: clerk, body: announcement(Buffer.from(`tệp ${i}`)) })).body.fileId);
    // Act
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await api.request('GET', `/documents/${documentId}/files?limit=2${nextToken === undefined ? '' : `&nextToken=${nextToken}`}`, { token: clerk });
      seen.push(...page.body.items.map((f: { fileId: string }) => f.fileId));
      nextToken = page.body.nextToken;
      if (nextToken !== undefined) {
        const elsewhere = await api.request('GET', `/documents/${otherDocumentId}/files?nextToken=${nextToken}`, { token: clerk });
        expect(elsewhere.status).toBe(400);
      }
    } while (nextToken !== undefined);
    // Assess
    expect(seen).toEqual(ids);
  });
});

describe('refusals write nothing', () => {
  it('refuses a file for a secret document with 422 secret-document', async () => {
    // Prepare
    const documentId = await registerDocument({ secrecy: 'confidential' });
    const items = await itemCount();
    // Act
    const refused = await api.request('POST', `/documents/${documentId}/files`, { token: clerk, body: announcement(Buffer.from('mật')) });
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/secret-document$/);
    expect(refused.body.detail).toMatch(/never stored/);
    expect(await itemCount()).toBe(items);
    expect(await objectsUnder(`files/${documentId}/`)).toBe(0);
  });

  it("hides another agency's document and files (404)", async () => {
    const documentId = await registerDocument();
    const bytes = Buffer.from('x');
    const slot = await api.request('POST', `/documents/${documentId}/files`, { token: clerk, body: announcement(bytes) });
    const items = await itemCount();
    expect((await api.request('POST', `/documents/${documentId}/files`, { token: otherClerk, body: announcement(bytes) })).status).toBe(404);
    expect((await api.request('GET', `/documents/${documentId}/files/${slot.body.fileId}`, { token: otherClerk })).status).toBe(404);
    expect((await api.request('GET', `/documents/${documentId}/files`, { token: otherClerk })).status).toBe(404);
    expect(await itemCount()).toBe(items);
  });

  it('refuses a role that may not add files (403)', async () => {
    const documentId = await registerDocument();
    expect((await api.request('POST', `/documents/${documentId}/files`, { token: admin, body: announcement(Buffer.from('x')) })).status).toBe(403);
  });

  it('refuses bad input with 400 and a path per field', async () => {
    // Prepare
    const documentId = await registerDocument();
    const items = await itemCount();
    // Act
    const malformed = await api.request('POST', `/documents/${documentId}/files`, {
      token: clerk,
      body: { fileName: 'hồ sơ/quyết định.pdf', contentType: 'application/pdf', size: -1, sha256: 'abc' },
    });
    const refusedByPolicy = await api.request('POST', `/documents/${documentId}/files`, {
      token: clerk,
      body: announcement(Buffer.from('x'), { contentType: 'text/html', size: 51 * 1024 * 1024 }),
    });
    const badIds = await api.request('GET', `/documents/${documentId}/files/not-an-id`, { token: clerk });
    // Assess
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.fileName', 'body.sha256', 'body.size']);
    expect(refusedByPolicy.status).toBe(400);
    expect(refusedByPolicy.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.contentType', 'body.size']);
    expect(badIds.body.errors.map((e: { path: string }) => e.path)).toEqual(['path.fileId']);
    expect(await itemCount()).toBe(items);
  });
});
