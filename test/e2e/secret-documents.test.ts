import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { historyEvent } from '#domain/documents/history';
import { fileObjectKey } from '#domain/files/object-key';
import type { Document } from '#domain/documents/document';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { announcement, attach, settledFile, upload } from '../support/files.ts';

/**
 * Secret documents and need-to-know (issue 12): their content is never stored or served, only the agency's
 * clerks and leaders and the people a secret document concerns see it, routing stays inside the agency, and a
 * draft is the drafter's. Every refusal is a 4xx problem+json that changes nothing.
 */
const AGENCY = '000.00.95.H26'; // [MẪU] Ủy ban nhân dân quận Hoàn Kiếm Mẫu
let api: TestApi;
const tokens: Record<string, string> = {};
const t = (key: string): string => tokens[key] ?? '';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  api = await startTestApi({ scheduleSpeedup: 120 });
  for (const [key, roles] of [
    ['clerk', ['clerk']],
    ['leader', ['leader']],
    ['admin', ['admin']],
    ['specialist', ['specialist']],
    ['other', ['specialist']],
    ['assignee', ['specialist']],
  ] as const) {
    tokens[key] = await api.token({ sub: `sec-${key}`, organId: AGENCY, roles: [...roles], name: `[MẪU] ${key}` });
  }
});

afterAll(async () => {
  await api.runtime.close();
});

async function ids(token: string, query = 'direction=incoming&limit=100'): Promise<string[]> {
  const response = await api.request('GET', `/documents?${query}`, { token });
  expect(response.status).toBe(200);
  return response.body.items.map((d: { id: string }) => d.id);
}

/** Classifies a document behind the API's back, as data from before the rule (or a lost race) would be. */
async function makeSecret(documentId: string): Promise<void> {
  await api.runtime.inFunction('edit-draft', async () => {
    const deps = dependencies();
    const stored = (await deps.documents.getDocument(documentId)) as Document;
    const secret = { ...stored, secrecy: 'secret' as const, version: stored.version + 1 };
    const event = historyEvent({
      documentId,
      sequence: secret.version,
      action: 'edited',
      at: new Date(),
      principal: { sub: 'test', organId: AGENCY, roles: ['clerk'], name: 'test' },
      before: null,
      after: {},
      correlationId: 'legacy',
    });
    expect(await deps.documents.updateDocument(secret, stored, event)).toBe('saved');
  });
}

describe('the content of a secret document is never kept or served', () => {
  it('refuses (409, naming the files) to make secret a draft that holds content, changing nothing', async () => {
    const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Tờ trình', subject: 'Tờ trình có tệp' } });
    const file = await attach(api, t('specialist'), draft.body.id, PDF, 'to-trinh.pdf');
    expect(file.status).toBe('stored');
    const refused = await api.request('PUT', `/documents/${draft.body.id}/draft`, { token: t('specialist'), body: { secrecy: 'top-secret' } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: expect.stringContaining('secret-document-has-content'),
      errors: [{ path: 'body.secrecy', message: expect.stringContaining('to-trinh.pdf') }],
    });
    expect((await api.request('GET', `/documents/${draft.body.id}`, { token: t('specialist') })).body).toMatchObject({ secrecy: 'none', version: draft.body.version });
  });

  it('destroys an upload whose draft became secret while it was on its way (the announcement raced the edit)', async () => {
    const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Tờ trình', subject: 'Tệp đang tải lên' } });
    const slot = await api.request('POST', `/documents/${draft.body.id}/files`, { token: t('specialist'), body: announcement(PDF, { fileName: 'dang-tai.pdf' }) });
    expect(slot.status).toBe(201);
    await makeSecret(draft.body.id);
    expect(await upload(slot.body, PDF)).toBe(200);
    const file = await settledFile(api, t('clerk'), draft.body.id, slot.body.fileId);
    expect(file).toMatchObject({ status: 'rejected', rejection: { code: 'secret-document' } });
    const stored = await api.runtime.inFunction('get-file', () => dependencies().files.content.open(fileObjectKey(draft.body.id, slot.body.fileId)));
    expect(stored).toBeUndefined();
  });

  it('never hands out a download address for a secret document, whatever is stored', async () => {
    const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Tờ trình', subject: 'Có tệp từ trước' } });
    const file = await attach(api, t('specialist'), draft.body.id, PDF);
    expect(file.downloadUrl).toEqual(expect.any(String));
    // Data from before the rule: the document became secret with its file.
    await makeSecret(draft.body.id);
    const again = await api.request('GET', `/documents/${draft.body.id}/files/${file.fileId}`, { token: t('specialist') });
    expect(again.status).toBe(200);
    expect(again.body.downloadUrl).toBeUndefined();
    await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('specialist') });
    await api.request('POST', `/documents/${draft.body.id}/approve`, { token: t('leader') });
    const issue = await api.request('POST', `/documents/${draft.body.id}/issue`, { token: t('clerk') });
    expect(issue.status).toBe(409);
    expect(issue.body.type).toContain('secret-document-has-content');
  });
});

describe('need-to-know', () => {
  let secretId = '';
  let openId = '';

  beforeAll(async () => {
    secretId = (
      await api.request('POST', '/documents/incoming', {
        token: t('clerk'),
        body: incomingBody({ codeNumber: '901', secrecy: 'secret', subject: 'Kế hoạch bảo vệ mục tiêu (mật)' }),
      })
    ).body.id;
    openId = (await api.request('POST', '/documents/incoming', { token: t('clerk'), body: incomingBody({ codeNumber: '902', subject: 'Văn bản thường' }) })).body.id;
  });

  it('shows secret documents to the clerks and leaders of the agency only', async () => {
    for (const key of ['clerk', 'leader']) {
      expect((await api.request('GET', `/documents/${secretId}`, { token: t(key) })).status, key).toBe(200);
      expect(await ids(t(key)), key).toContain(secretId);
    }
    for (const key of ['specialist', 'admin']) {
      expect((await api.request('GET', `/documents/${secretId}`, { token: t(key) })).status, key).toBe(404);
      expect((await api.request('GET', `/documents/${secretId}/history`, { token: t(key) })).status, key).toBe(404);
      const listed = await ids(t(key));
      expect(listed, key).toContain(openId);
      expect(listed, key).not.toContain(secretId);
      expect(await ids(t(key), 'direction=incoming&q=bao%20ve%20muc%20tieu'), key).toEqual([]);
    }
  });

  it('lets the assignee see it, and only that assignee among the specialists', async () => {
    const assigned = await api.request('POST', `/documents/${secretId}/assignments`, {
      token: t('leader'),
      body: { lead: { kind: 'person', sub: 'sec-assignee', name: '[MẪU] Chuyên viên' } },
    });
    expect(assigned.status).toBe(200);
    expect((await api.request('GET', `/documents/${secretId}`, { token: t('assignee') })).status).toBe(200);
    expect(await ids(t('assignee'))).toContain(secretId);
    expect((await api.request('GET', `/documents/${secretId}`, { token: t('other') })).status).toBe(404);
    expect(await ids(t('other'))).not.toContain(secretId);
  });

  it('answers 400, never 500, to a page token used with another date range', async () => {
    const first = await api.request('GET', '/documents?direction=incoming&limit=1', { token: t('clerk') });
    expect(first.body.nextToken).toEqual(expect.any(String));
    const replayed = await api.request('GET', `/documents?direction=incoming&limit=1&to=2020-01-01&nextToken=${encodeURIComponent(first.body.nextToken)}`, { token: t('clerk') });
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors[0].path).toBe('query.nextToken');
  });

  it('keeps the secret register for clerks and leaders, and hides the document from record lists of others', async () => {
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    expect((await api.request('GET', `/registers/incoming?year=${year}&series=secret`, { token: t('admin') })).status).toBe(403);
    expect((await api.request('GET', `/registers/incoming?year=${year}&series=secret`, { token: t('clerk') })).body.rows).toHaveLength(1);
    const list = await api.request('GET', `/registers?year=${year}`, { token: t('admin') });
    expect(list.body.items.some((r: { secret: boolean }) => r.secret)).toBe(false);

    const record = await api.request('POST', '/records', { token: t('leader'), body: { fileNotation: '01.MAT', title: 'Hồ sơ có văn bản mật', maintenance: 10 } });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    for (const id of [secretId, openId])
      expect((await api.request('POST', `/records/${record.body.id}/documents`, { token: t('leader'), body: { documentId: id } })).status).toBe(201);
    const seenByLeader = await api.request('GET', `/records/${record.body.id}`, { token: t('leader') });
    expect(seenByLeader.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual([secretId, openId]);
    const seenByOther = await api.request('GET', `/records/${record.body.id}`, { token: t('other') });
    expect(seenByOther.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual([openId]);
    expect(seenByOther.body.documentCount).toBe(1);
    const xml = await api.request('GET', `/records/${record.body.id}/export?format=xml`, { token: t('other') });
    expect(String(xml.body)).not.toContain('bảo vệ mục tiêu');
  });
});

describe('routing and drafting stay with the people they belong to', () => {
  it('refuses (400) to assign a document to a unit of another agency', async () => {
    const document = await api.request('POST', '/documents/incoming', { token: t('clerk'), body: incomingBody({ codeNumber: '903' }) });
    const refused = await api.request('POST', `/documents/${document.body.id}/assignments`, {
      token: t('leader'),
      body: { lead: { kind: 'unit', organId: '000.00.91.H26', name: '[MẪU] Sở Nội vụ' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.lead.unitId']));
    expect((await api.request('GET', `/documents/${document.body.id}`, { token: t('clerk') })).body.status).toBe('registered');
  });

  it("refuses (403) files from another specialist on someone's draft, and from any specialist once it is submitted", async () => {
    const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Thông báo', subject: 'Phụ lục của tôi' } });
    const announce = (token: string) =>
      api.request('POST', `/documents/${draft.body.id}/files`, {
        token,
        body: { fileName: 'phu-luc.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') },
      });
    expect((await announce(t('other'))).status).toBe(403);
    expect((await announce(t('specialist'))).status).toBe(201);
    await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('specialist') });
    expect((await announce(t('specialist'))).status).toBe(403);
    expect((await announce(t('leader'))).status).toBe(201);
    expect((await api.request('GET', `/documents/${draft.body.id}/files`, { token: t('specialist') })).body.items).toHaveLength(2);
  });

  it('lets only the drafter edit and submit a draft (403 for another specialist)', async () => {
    const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Thông báo', subject: 'Bản thảo của tôi' } });
    expect((await api.request('PUT', `/documents/${draft.body.id}/draft`, { token: t('other'), body: { subject: 'Sửa trộm' } })).status).toBe(403);
    expect((await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('other') })).status).toBe(403);
    expect((await api.request('GET', `/documents/${draft.body.id}`, { token: t('specialist') })).body).toMatchObject({ subject: 'Bản thảo của tôi', status: 'draft' });
    expect((await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('specialist') })).status).toBe(200);
  });
});

describe('text and dates at the edge', () => {
  it('refuses control and bidi-override characters and dates outside 1900–2100 with 400 on the field, writing nothing', async () => {
    const before = await ids(t('clerk'));
    for (const [body, path] of [
      [incomingBody({ codeNumber: '904', subject: 'Hợp đồng \u202Efdp.exe' }), 'body.subject'],
      [incomingBody({ codeNumber: '905', issuer: { organName: 'Bộ\u0000 Tài chính' } }), 'body.issuer.organName'],
      [incomingBody({ codeNumber: '906', promulgationDate: '1899-12-31' }), 'body.promulgationDate'],
      [incomingBody({ codeNumber: '907', promulgationDate: '2101-01-01' }), 'body.promulgationDate'],
    ] as const) {
      const refused = await api.request('POST', '/documents/incoming', { token: t('clerk'), body });
      expect(refused.status, path).toBe(400);
      expect(
        refused.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(path);
    }
    expect(await ids(t('clerk'))).toEqual(before);
  });
});

describe('the audit trail', () => {
  it("records the server's request id, and a client's correlation id only as a tag (an invalid one is not kept)", async () => {
    const tagged = await api.request('POST', '/documents/incoming', {
      token: t('clerk'),
      body: incomingBody({ codeNumber: '908' }),
      headers: { 'x-correlation-id': 'so-tay-clerk-001' },
    });
    const [event] = (await api.request('GET', `/documents/${tagged.body.id}/history`, { token: t('clerk') })).body.items;
    expect(event).toMatchObject({ correlationId: 'so-tay-clerk-001', requestId: expect.any(String) });
    expect(event.requestId).not.toBe('so-tay-clerk-001');
    const forged = await api.request('POST', '/documents/incoming', {
      token: t('clerk'),
      body: incomingBody({ codeNumber: '909' }),
      headers: { 'x-correlation-id': 'not allowed <script>' },
    });
    const [second] = (await api.request('GET', `/documents/${forged.body.id}/history`, { token: t('clerk') })).body.items;
    expect(second.correlationId).toBe(second.requestId);
  });
});

describe('a secret document never travels', () => {
  it('cannot be named as the replacement of a document sent out (422), not even by its identity', async () => {
    const issue = async (body: Record<string, unknown>) => {
      const draft = await api.request('POST', '/documents/outgoing', { token: t('specialist'), body: { typeName: 'Thông báo', ...body } });
      await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('specialist') });
      await api.request('POST', `/documents/${draft.body.id}/approve`, { token: t('leader') });
      expect((await api.request('POST', `/documents/${draft.body.id}/issue`, { token: t('clerk') })).status).toBe(200);
      return draft.body.id as string;
    };
    const sent = await issue({ subject: 'Thông báo đã gửi' });
    const secret = await issue({ subject: 'Thông báo mật', secrecy: 'confidential' });
    const refused = await api.request('POST', `/documents/${sent}/replace`, { token: t('clerk'), body: { reason: 'Thay thế', replacementDocumentId: secret } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('body.replacementDocumentId');
    expect((await api.request('GET', `/documents/${sent}`, { token: t('clerk') })).body.status).toBe('issued');
  });
});

describe('a package the edXML builder cannot write', () => {
  it('fails its delivery visibly with the reason, instead of retrying into the dead-letter queue', async () => {
    const draft = await api.request('POST', '/documents/outgoing', {
      token: t('specialist'),
      body: {
        typeName: 'Công văn',
        subject: 'Gửi Bộ',
        draftingUnitAbbreviation: 'VP',
        recipients: [{ organId: '000.00.00.G12', organName: 'Bộ Tài chính' }],
        dueDate: '2099-12-31',
      },
    });
    await api.request('POST', `/documents/${draft.body.id}/submit`, { token: t('specialist') });
    await api.request('POST', `/documents/${draft.body.id}/approve`, { token: t('leader') });
    // A due date before the issue date (data written before the check) breaks QCVN 102: the strict builder refuses it.
    await api.runtime.inFunction('edit-draft', async () => {
      const deps = dependencies();
      const stored = (await deps.documents.getDocument(draft.body.id)) as Document;
      const broken = { ...stored, dueDate: '2001-01-01', version: stored.version + 1 } as Document;
      await deps.documents.updateDocument(
        broken,
        stored,
        historyEvent({
          documentId: stored.id,
          sequence: broken.version,
          action: 'edited',
          at: new Date(),
          principal: { sub: 'test', organId: AGENCY, roles: ['clerk'], name: 'test' },
          before: null,
          after: {},
          correlationId: 'legacy',
        }),
      );
    });
    expect((await api.request('POST', `/documents/${draft.body.id}/issue`, { token: t('clerk') })).status).toBe(200);
    const [delivery] = await eventually(
      async () => (await api.request('GET', `/documents/${draft.body.id}/deliveries`, { token: t('clerk') })).body.items,
      (items: any[]) => items[0]?.problem !== undefined,
    );
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 0,
      problem: { code: 'package-not-built', message: expect.stringContaining('DueDate 2001-01-01 is before PromulgationDate') },
    });
  });
});
