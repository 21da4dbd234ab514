import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

/**
 * Search through HTTP (issue 15): `GET /documents?q=` over both directions, the last word as typed so far,
 * the page token bound to its query, and inputs that must never become a 5xx.
 */
let api: TestApi;
let clerk: string;
let specialist: string;
const ORGAN = '000.00.92.H26';

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'search-clerk', organId: ORGAN, roles: ['clerk'] });
  specialist = await api.token({ sub: 'search-specialist', organId: ORGAN, roles: ['specialist'] });
});

afterAll(async () => {
  await api.runtime.close();
});

const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((document) => document.id);

describe('GET /documents?q=', () => {
  it('finds incoming and outgoing together, newest first, with the last word unfinished', async () => {
    // Prepare
    const received = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '301', subject: 'Kế hoạch tổ chức hội nghị tổng kết' }) });
    const drafted = await api.request('POST', '/documents/outgoing', {
      token: specialist,
      body: { typeName: 'Công văn', subject: 'Đề nghị góp ý kế hoạch tổ chức hội nghị', draftingUnitAbbreviation: 'VP' },
    });
    // Act
    const both = await api.request('GET', `/documents?q=${encodeURIComponent('hoi nghi to ch')}`, { token: clerk });
    const outgoing = await api.request('GET', `/documents?direction=outgoing&q=${encodeURIComponent('Hội nghị')}`, { token: clerk });
    const notation = await api.request('GET', `/documents?q=${encodeURIComponent('301/qđ-btc')}`, { token: clerk });
    // Assess
    expect([received.status, drafted.status, both.status]).toEqual([201, 201, 200]);
    expect(ids(both)).toEqual([drafted.body.id, received.body.id]);
    expect(ids(outgoing)).toEqual([drafted.body.id]);
    expect(ids(notation)).toEqual([received.body.id]);
  });

  it('reads a list without words or direction from the index of the direction its filter belongs to, and filters a search by type', async () => {
    // Prepare
    const decision = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '501', typeName: 'Quyết định', subject: 'Phân bổ kinh phí sự nghiệp' }),
    });
    const letter = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '502', typeName: 'Công văn', subject: 'Phân bổ kinh phí sự nghiệp' }),
    });
    // Act
    const registered = await api.request('GET', '/documents?status=registered&limit=100', { token: clerk });
    const drafts = await api.request('GET', '/documents?status=draft&limit=100', { token: clerk });
    const byType = await api.request('GET', `/documents?q=${encodeURIComponent('kinh phi su nghiep')}&typeName=${encodeURIComponent('cong van')}`, { token: clerk });
    // Assess
    expect(registered.status).toBe(200);
    expect(registered.body.items.every((d: { direction: string }) => d.direction === 'incoming')).toBe(true);
    expect(ids(registered)).toEqual(expect.arrayContaining([decision.body.id, letter.body.id]));
    expect(drafts.body.items.every((d: { direction: string; status: string }) => d.direction === 'outgoing' && d.status === 'draft')).toBe(true);
    expect(ids(byType)).toEqual([letter.body.id]);
  });

  it('pages a search without repeating, and refuses its token for another query with 400 on query.nextToken', async () => {
    // Prepare
    for (let i = 0; i < 5; i += 1)
      await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: `40${i}`, subject: `Báo cáo thống kê quý ${i}` }) });
    // Act
    const first = await api.request('GET', `/documents?q=${encodeURIComponent('bao cao thong ke')}&limit=2`, { token: clerk });
    const second = await api.request('GET', `/documents?q=${encodeURIComponent('bao cao thong ke')}&limit=2&nextToken=${first.body.nextToken}`, { token: clerk });
    const moved = await api.request('GET', `/documents?q=${encodeURIComponent('bao cao')}&limit=2&nextToken=${first.body.nextToken}`, { token: clerk });
    const forged = await api.request('GET', `/documents?q=bao&nextToken=v1.eyJzayI6Ino6In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, { token: clerk });
    // Assess
    expect(ids(first)).toHaveLength(2);
    expect(ids(second)).toHaveLength(2);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    for (const refused of [moved, forged]) {
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(refused.body)).toContain('query.nextToken');
    }
  });

  it.each([
    ['only punctuation', '-- / ..'],
    ['200 characters of one-letter words', Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ')],
    ['many distinct words', Array.from({ length: 66 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ')],
    ['control and look-alike characters', 'k\u0000ế\u200b hoạch Ð'],
    ['a word no document holds', 'khủng long bạo chúa'],
  ])('answers %s with 200, never a 5xx', async (_name, q) => {
    const response = await api.request('GET', `/documents?q=${encodeURIComponent(q.slice(0, 200))}`, { token: clerk });
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.items)).toBe(true);
  });

  it('refuses a q longer than 200 characters with 400 on query.q', async () => {
    const response = await api.request('GET', `/documents?q=${'a'.repeat(201)}`, { token: clerk });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('query.q');
  });
});

describe('a data folder written before the word index', () => {
  it('is indexed once when the local runtime starts on it', async () => {
    // Prepare: a document registered, then the index and its version marker removed, as an older version left the table
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-search-upgrade-'));
    try {
      let old = await startTestApi({ dataDir });
      const token = await old.token({ sub: 'upgrade-clerk', organId: ORGAN, roles: ['clerk'] });
      const created = await old.request('POST', '/documents/incoming', { token, body: incomingBody({ codeNumber: '901', subject: 'Quy hoạch mạng lưới trường học' }) });
      const client = dynamoDocumentClient();
      const items = (await client.send(new ScanCommand({ TableName: old.runtime.names.tableName }))).Items ?? [];
      const index = items.filter((item) => ['SearchPosting', 'SearchManifest', 'SearchWord', 'SearchIndexVersion', 'SearchPending'].includes(String(item.entity)));
      for (const item of index) await client.send(new DeleteCommand({ TableName: old.runtime.names.tableName, Key: { pk: item.pk, sk: item.sk } }));
      const before = await old.request('GET', `/documents?q=${encodeURIComponent('quy hoach truong hoc')}`, { token });
      await old.runtime.close();
      // Act
      old = await startTestApi({ dataDir });
      const after = await old.request('GET', `/documents?q=${encodeURIComponent('quy hoach truong hoc')}`, {
        token: await old.token({ sub: 'upgrade-clerk', organId: ORGAN, roles: ['clerk'] }),
      });
      await old.runtime.close();
      // Assess
      expect(index.length).toBeGreaterThan(10);
      expect(ids(before)).toEqual([]);
      expect(ids(after)).toEqual([created.body.id]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
