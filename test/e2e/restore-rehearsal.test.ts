/**
 * The restore procedure of docs/OPERATIONS.md, rehearsed against the local runtime (issue 19): a day's work
 * (registered incoming documents with their files, an outgoing decision signed by the leader, stamped,
 * sealed and issued), `vanthu backup export`, the stage wiped, `vanthu backup import` — and the registers
 * and the evidence read back through the API are identical, byte for byte, and the issued original still
 * verifies; the same for the table alone, restored in place. A restore into a stage that holds anything is
 * refused and writes nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as backup } from '#infra/cli/commands/backup';
import { DEV_SIGNER_PIN } from '#infra/local/signing-setup';
import { loadOrCreateDevCa } from '#signature/dev/store';
import { samplePdf } from '#signature/dev/sample-pdf';
import { verifyPdf } from '#signature/index';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import { attach, sha256 } from '../support/files.ts';

const AGENCY = '000.00.91.H26';
const LEADER_SUB = 'sample-leader-1';
let api: TestApi;
let clerk: string;
let specialist: string;
let leader: string;
let work: string;
const documentIds: string[] = [];
let issuedId = '';

beforeAll(async () => {
  api = await startTestApi({ signaturePolicy: 'leader-and-agency' });
  clerk = await api.token({ sub: 'rr-clerk', organId: AGENCY, roles: ['clerk'] });
  specialist = await api.token({ sub: 'rr-specialist', organId: AGENCY, roles: ['specialist'] });
  leader = await api.token({ sub: LEADER_SUB, organId: AGENCY, roles: ['leader'], name: '[MẪU] Lãnh đạo 1' });
  work = await mkdtemp(path.join(os.tmpdir(), 'vanthu-restore-'));
  // A day's work: three incoming documents, two with their scanned file, and one issued decision.
  for (const n of [1, 2, 3]) {
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: String(40 + n), subject: `Văn bản đến số ${n} [MẪU]` }) });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    documentIds.push(registered.body.id);
    if (n < 3) await attach(api, clerk, registered.body.id, samplePdf([`VAN BAN DEN ${n}`]), `den-${n}.pdf`);
  }
  const draft = await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject: 'Về việc diễn tập khôi phục dữ liệu [MẪU]' } });
  await attach(api, specialist, draft.body.id, samplePdf(['QUYET DINH', 'Ve viec dien tap khoi phuc']));
  await api.request('POST', `/documents/${draft.body.id}/submit`, { token: specialist });
  const prepared = await api.request('POST', `/documents/${draft.body.id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
  await api.request('POST', `/documents/${draft.body.id}/signatures/${prepared.body.signingId}/complete`, { token: leader, body: { authorization: { PIN: DEV_SIGNER_PIN } } });
  const issued = await api.request('POST', `/documents/${draft.body.id}/issue`, { token: clerk });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  issuedId = draft.body.id;
  documentIds.push(issuedId);
});

afterAll(async () => {
  await api.runtime.close();
  await rm(work, { recursive: true, force: true });
});

/** What a clerk and an auditor read: the registers as printed (CSV), each document, its history, its files and their bytes. */
async function evidence(): Promise<Record<string, unknown>> {
  const read: Record<string, unknown> = {};
  for (const direction of ['incoming', 'outgoing']) {
    const register = await api.request('GET', `/registers/${direction}?year=2026&format=csv`, { token: clerk });
    expect(register.status).toBe(200);
    read[`register:${direction}`] = register.body;
  }
  for (const id of documentIds) {
    const document = await api.request('GET', `/documents/${id}`, { token: clerk });
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    const files = await api.request('GET', `/documents/${id}/files`, { token: clerk });
    expect([document.status, history.status, files.status]).toEqual([200, 200, 200]);
    const contents: Record<string, string> = {};
    for (const file of files.body.items) {
      const one = await api.request('GET', `/documents/${id}/files/${file.fileId}`, { token: clerk });
      const bytes = new Uint8Array(await (await fetch(one.body.downloadUrl)).arrayBuffer());
      contents[file.fileId] = sha256(bytes);
      read[`file:${id}:${file.fileId}`] = lasting(one.body);
    }
    read[`document:${id}`] = lasting(document.body);
    read[`history:${id}`] = lasting(history.body);
    read[`files:${id}`] = lasting(files.body);
    read[`bytes:${id}`] = contents;
  }
  return read;
}

/** An answer without what each reading makes anew: the presigned download link and its expiry. */
function lasting(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lasting);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== 'downloadUrl' && name !== 'downloadExpiresAt')
      .map(([name, child]) => [name, lasting(child)]),
  );
}

async function cli(...args: string[]): Promise<{ code: number; out: any; err: string }> {
  let out = '';
  let err = '';
  const env = { TABLE_NAME: api.runtime.names.tableName, BUCKET_NAME: api.runtime.names.bucketName };
  const saved = { TABLE_NAME: process.env.TABLE_NAME, BUCKET_NAME: process.env.BUCKET_NAME };
  Object.assign(process.env, env);
  try {
    const code = await backup(args, { stdout: (text) => (out += text), stderr: (text) => (err += text) });
    return { code, out: out === '' ? undefined : JSON.parse(out), err };
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
}

/** The stage lost: every item and every object deleted. */
async function wipe(): Promise<void> {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: api.runtime.endpoints.dynamodb, credentials });
  const s3 = new S3Client({ region: 'ap-southeast-1', endpoint: api.runtime.endpoints.s3, forcePathStyle: true, credentials });
  const table = api.runtime.names.tableName;
  for (;;) {
    const page = await dynamo.send(new ScanCommand({ TableName: table, ProjectionExpression: 'pk, sk', Limit: 25 }));
    if ((page.Items ?? []).length === 0) break;
    await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: (page.Items ?? []).map((Key) => ({ DeleteRequest: { Key } })) } }));
  }
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: api.runtime.names.bucketName }));
  for (const object of listed.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: api.runtime.names.bucketName, Key: object.Key }));
  dynamo.destroy();
  s3.destroy();
}

describe('backup, wipe, restore', () => {
  it('gives back the registers and the evidence identical, and the issued original still verifies', async () => {
    // Prepare
    const before = await evidence();
    const digest = await cli('digest');
    const exported = await cli('export', '--out', path.join(work, 'archive'));
    expect(exported.code, exported.err).toBe(0);
    await wipe();
    const gone = await api.request('GET', `/documents/${issuedId}`, { token: clerk });

    // Act
    const imported = await cli('import', '--from', path.join(work, 'archive'));

    // Assess
    expect(gone.status).toBe(404);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatchObject({ items: exported.out.table.items, objects: exported.out.bucket.objects });
    expect((await cli('digest')).out).toMatchObject({ items: digest.out.items, itemsSha256: digest.out.itemsSha256, objectsSha256: digest.out.objectsSha256 });
    expect((await cli('digest', '--archive', path.join(work, 'archive'))).out).toMatchObject({ itemsSha256: digest.out.itemsSha256, objectsSha256: digest.out.objectsSha256 });
    const after = await evidence();
    expect(after).toEqual(before);
    const issued = after[`document:${issuedId}`] as { issue: { file: { fileId: string } } };
    const one = await api.request('GET', `/documents/${issuedId}/files/${issued.issue.file.fileId}`, { token: clerk });
    const bytes = new Uint8Array(await (await fetch(one.body.downloadUrl)).arrayBuffer());
    const trustAnchors = [(await loadOrCreateDevCa(api.runtime.devCaDir, new Date())).pki.root.certificate, api.runtime.remoteSigner.rootCertificate];
    const { report } = await verifyPdf(bytes, { trustAnchors, now: new Date() });
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  });

  it('restores the table in place (the bucket kept): export --table-only, wipe-table, import', async () => {
    // Prepare
    const before = await evidence();
    const digest = await cli('digest');
    const exported = await cli('export', '--out', path.join(work, 'table-only'), '--table-only');
    expect(exported.out).toMatchObject({ tableOnly: true, bucket: { objects: 0 } });
    const refused = await cli('wipe-table', '--confirm', 'another-table');
    expect((await cli('digest')).out.itemsSha256).toBe(digest.out.itemsSha256);
    const wiped = await cli('wipe-table', '--confirm', api.runtime.names.tableName);

    // Act
    const imported = await cli('import', '--from', path.join(work, 'table-only'));

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/nothing deleted/);
    expect(wiped.out.deleted).toBe(digest.out.items);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatchObject({ items: digest.out.items, objects: 0 });
    expect((await cli('digest')).out).toMatchObject({ itemsSha256: digest.out.itemsSha256, objectsSha256: digest.out.objectsSha256 });
    expect(await evidence()).toEqual(before);
  });

  it('refuses a restore into a stage that holds anything, and writes nothing', async () => {
    // Prepare: the stage is in use again (the previous test restored it).
    const before = await cli('digest');

    // Act
    const refused = await cli('import', '--from', path.join(work, 'archive'));

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not empty/);
    expect((await cli('digest')).out).toMatchObject({ itemsSha256: before.out.itemsSha256, objectsSha256: before.out.objectsSha256 });
  });

  it('refuses an archive whose list was altered, before touching the stage', async () => {
    // Prepare
    const altered = path.join(work, 'altered');
    expect((await cli('export', '--out', altered)).code).toBe(0);
    await writeFile(path.join(altered, 'table.jsonl'), '{"pk":{"S":"forged"},"sk":{"S":"x"}}\n', { flag: 'a' });

    // Act
    const refused = await cli('import', '--from', altered);

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/table\.jsonl does not match/);
  });
});
