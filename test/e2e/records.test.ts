import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const AGENCY = '000.00.91.H26';
const OTHER = '000.00.92.H26';
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

let api: TestApi;
let clerk: string;
let specialist: string;
let leader: string;
let admin: string;
let cityAdmin: string;
let otherSpecialist: string;
let otherClerk: string;
let codeNumber = 500;

/** Every item of the table: refusals must write nothing (test-only Scan). */
async function itemCount(): Promise<number> {
  const result = await dynamoDocumentClient().send(new ScanCommand({ TableName: api.runtime.names.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

async function registerDocument(token = clerk, overrides: Record<string, unknown> = {}): Promise<string> {
  codeNumber += 1;
  const response = await api.request('POST', '/documents/incoming', { token, body: incomingBody({ codeNumber: String(codeNumber), pageAmount: 2, ...overrides }) });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function openRecord(fileNotation: string, overrides: Record<string, unknown> = {}, token = specialist): Promise<{ id: string; fileCode: string }> {
  const response = await api.request('POST', '/records', { token, body: { fileNotation, title: `Hồ sơ ${fileNotation}`, maintenance: 10, ...overrides } });
  expect(response.status).toBe(201);
  return response.body;
}

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk-1', organId: AGENCY, roles: ['clerk'] });
  specialist = await api.token({ sub: 'spec-1', organId: AGENCY, roles: ['specialist'], name: 'Trần Thị Bình' });
  leader = await api.token({ sub: 'leader-1', organId: AGENCY, roles: ['leader'] });
  admin = await api.token({ sub: 'admin-1', organId: AGENCY, roles: ['admin'] });
  cityAdmin = await api.token({ sub: 'city-1', organId: '000.00.00.H26', roles: ['city-admin'] });
  otherSpecialist = await api.token({ sub: 'spec-2', organId: OTHER, roles: ['specialist'] });
  otherClerk = await api.token({ sub: 'clerk-2', organId: OTHER, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

describe('work records over HTTP', () => {
  it('opens a record with its FileCode, reads it back and lists it by year', async () => {
    // Act
    const created = await api.request('POST', '/records', {
      token: specialist,
      body: { fileNotation: '01.TH', title: 'Hồ sơ tổng hợp dự toán ngân sách', maintenance: 'permanent', rights: 'Hạn chế', infoSign: 'TH' },
    });
    const read = await api.request('GET', `/records/${created.body.id}`, { token: leader });
    const listed = await api.request('GET', `/records?year=${YEAR}`, { token: clerk });
    const otherYear = await api.request('GET', `/records?year=${YEAR - 1}`, { token: clerk });
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fileCode: `${AGENCY}.${YEAR}.01.TH`,
      organId: AGENCY,
      status: 'open',
      documentCount: 0,
      maintenance: 'permanent',
      language: 'Tiếng Việt',
      keeper: { sub: 'spec-1', name: 'Trần Thị Bình' },
    });
    expect(read.body).toEqual({ ...created.body, documents: [] });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect(otherYear.body.items).toEqual([]);
  });

  it('refuses a second record with the same FileCode (in any case) with 409 and writes nothing', async () => {
    // Prepare
    const first = await openRecord('02.KH');
    const before = await itemCount();
    // Act
    const again = await api.request('POST', '/records', { token: leader, body: { fileNotation: '02.kh', title: 'Khác', maintenance: 5 } });
    // Assess
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: expect.stringContaining('duplicate-file-code'), existingId: first.id });
    expect(await itemCount()).toBe(before);
    expect((await api.request('POST', '/records', { token: otherSpecialist, body: { fileNotation: '02.KH', title: 'Cơ quan khác', maintenance: 5 } })).status).toBe(201);
  });

  it('adds documents in order, keeps one document in two records without copying, and lists its records', async () => {
    // Prepare
    const first = await openRecord('03.TC');
    const second = await openRecord('04.TC');
    const a = await registerDocument();
    const b = await registerDocument(clerk, { pageAmount: 5 });
    // Act
    const addA = await api.request('POST', `/records/${first.id}/documents`, { token: specialist, body: { documentId: a } });
    const addB = await api.request('POST', `/records/${first.id}/documents`, { token: clerk, body: { documentId: b } });
    const addAtoSecond = await api.request('POST', `/records/${second.id}/documents`, { token: leader, body: { documentId: a } });
    const view = await api.request('GET', `/records/${first.id}`, { token: specialist });
    const recordsOfA = await api.request('GET', `/documents/${a}/records`, { token: specialist });
    // Assess
    expect([addA.status, addB.status, addAtoSecond.status]).toEqual([201, 201, 201]);
    expect([addA.body.ordinal, addB.body.ordinal, addAtoSecond.body.ordinal]).toEqual([1, 2, 1]);
    expect(view.body).toMatchObject({ documentCount: 2, pageTotal: 7, version: 3 });
    expect(view.body.documents.map((d: { documentId: string; ordinal: number }) => [d.ordinal, d.documentId])).toEqual([
      [1, a],
      [2, b],
    ]);
    expect(view.body.documents[0].document).toMatchObject({ codeNotation: 'QĐ-BTC', issuer: { organName: 'Bộ Tài chính' }, pageAmount: 2 });
    expect(recordsOfA.body.items.map((r: { id: string; documentOrdinal: number }) => [r.id, r.documentOrdinal]).sort()).toEqual(
      [
        [first.id, 1],
        [second.id, 1],
      ].sort(),
    );
    const document = await api.request('GET', `/documents/${a}`, { token: clerk });
    expect(document.body.version).toBe(1);
  });

  it('refuses the same document twice in one record with 409 and writes nothing', async () => {
    // Prepare
    const record = await openRecord('05.DUP');
    const a = await registerDocument();
    await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId: a } });
    const before = await itemCount();
    // Act
    const again = await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId: a } });
    // Assess
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('document-already-in-record');
    expect(await itemCount()).toBe(before);
    expect((await api.request('GET', `/records/${record.id}`, { token: specialist })).body.documentCount).toBe(1);
  });

  it('closes a record; then adding and closing again are 409 record-closed', async () => {
    // Prepare
    const record = await openRecord('06.CL');
    const a = await registerDocument();
    // Act
    const closed = await api.request('POST', `/records/${record.id}/close`, { token: specialist });
    const before = await itemCount();
    const add = await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId: a } });
    const again = await api.request('POST', `/records/${record.id}/close`, { token: leader });
    // Assess
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: { sub: 'spec-1' }, endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(add.status).toBe(409);
    expect(add.body).toMatchObject({ type: expect.stringContaining('record-closed'), detail: expect.stringContaining('was closed on') });
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('record-closed');
    expect(await itemCount()).toBe(before);
  });

  it('exports the record and its documents as UTF-8 XML that parses back', async () => {
    // Prepare
    const record = await openRecord('07.XML', { title: 'Hồ sơ "đặc biệt" <Sở Tài chính & Kho bạc>', description: 'Ghi chú: ngày 1 & 2' });
    const a = await registerDocument(clerk, { subject: 'Về việc <thử> & "kiểm tra" trích yếu' });
    const b = await registerDocument();
    for (const documentId of [a, b]) await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId } });
    await api.request('POST', `/records/${record.id}/close`, { token: specialist });
    // Act
    const response = await api.request('GET', `/records/${record.id}/export?format=xml`, { token: leader });
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent(`${record.fileCode}.xml`));
    const xml = response.body as string;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false, htmlEntities: true, isArray: (name) => name === 'Document' }).parse(xml) as { WorkRecord: Record<string, any> };
    expect(parsed.WorkRecord).toMatchObject({
      FileCode: record.fileCode,
      Title: 'Hồ sơ "đặc biệt" <Sở Tài chính & Kho bạc>',
      Maintenance: '10 năm',
      Language: 'Tiếng Việt',
      DocTotal: '2',
      PageTotal: '4',
      Description: 'Ghi chú: ngày 1 & 2',
      Status: 'closed',
      StartDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      EndDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const documents = parsed.WorkRecord.Documents.Document as Record<string, string>[];
    expect(documents.map((d) => [d.DocOrdinal, d.DocumentId])).toEqual([
      ['1', a],
      ['2', b],
    ]);
    expect(documents[0]).toMatchObject({ Subject: 'Về việc <thử> & "kiểm tra" trích yếu', CodeNotation: 'QĐ-BTC', OrganName: 'Bộ Tài chính', TypeName: 'Quyết định' });
  });

  it('adds concurrently without losing or repeating an ordinal', async () => {
    // Prepare
    const record = await openRecord('08.RACE');
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await registerDocument());
    // Act
    const responses = await Promise.all(ids.map((documentId) => api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId } })));
    // Assess
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 201));
    expect(responses.map((r) => r.body.ordinal as number).sort((x, y) => x - y)).toEqual(ids.map((_, i) => i + 1));
    expect((await api.request('GET', `/records/${record.id}`, { token: specialist })).body.documentCount).toBe(12);
  });
});

describe('scope, roles and input', () => {
  it("answers 404 for another agency's record on every route, and never lists it", async () => {
    // Prepare
    const record = await openRecord('09.SCOPE');
    const a = await registerDocument();
    const theirs = await registerDocument(otherClerk);
    const before = await itemCount();
    // Act
    const answers = await Promise.all([
      api.request('GET', `/records/${record.id}`, { token: otherSpecialist }),
      api.request('GET', `/records/${record.id}/export?format=xml`, { token: otherSpecialist }),
      api.request('POST', `/records/${record.id}/documents`, { token: otherSpecialist, body: { documentId: a } }),
      api.request('POST', `/records/${record.id}/close`, { token: otherSpecialist }),
      api.request('GET', `/documents/${a}/records`, { token: otherSpecialist }),
    ]);
    const foreignDocument = await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId: theirs } });
    const listed = await api.request('GET', '/records?limit=100', { token: otherSpecialist });
    // Assess
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(foreignDocument.status).toBe(404);
    expect(foreignDocument.body.errors).toEqual([{ path: 'body.documentId', message: 'no such document in your agency' }]);
    expect(listed.body.items.every((r: { organId: string }) => r.organId === OTHER)).toBe(true);
    expect(await itemCount()).toBe(before);
  });

  it('answers 403 to roles outside the matrix', async () => {
    // Prepare
    const record = await openRecord('10.ROLE');
    // Act
    const answers = await Promise.all([
      api.request('POST', '/records', { token: admin, body: { fileNotation: '10.ADMIN', title: 'T', maintenance: 5 } }),
      api.request('POST', `/records/${record.id}/close`, { token: admin }),
      api.request('GET', '/records', { token: cityAdmin }),
      api.request('GET', `/records/${record.id}/export`, { token: cityAdmin }),
    ]);
    // Assess
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await api.request('GET', `/records/${record.id}`, { token: admin })).status).toBe(200);
  });

  it('refuses bad input with 400 naming every field, and writes nothing', async () => {
    // Prepare
    const record = await openRecord('11.BAD');
    const before = await itemCount();
    // Act
    const create = await api.request('POST', '/records', { token: specialist, body: { fileNotation: '01 TH', title: '', maintenance: 'forever', year: 'x' } });
    const future = await api.request('POST', '/records', { token: specialist, body: { fileNotation: '11.FUT', title: 'T', maintenance: 5, year: YEAR + 1 } });
    const add = await api.request('POST', `/records/${record.id}/documents`, { token: specialist, body: { documentId: 'not-an-id' } });
    const format = await api.request('GET', `/records/${record.id}/export?format=pdf`, { token: specialist });
    const id = await api.request('GET', '/records/abc', { token: specialist });
    // Assess
    expect(create.status).toBe(400);
    expect(create.headers.get('content-type')).toContain('application/problem+json');
    expect(create.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.fileNotation', 'body.maintenance', 'body.title', 'body.year']);
    expect(future.body).toMatchObject({ status: 400, errors: [{ path: 'body.year' }] });
    expect(add.body).toMatchObject({ status: 400, errors: [{ path: 'body.documentId' }] });
    expect(format.body).toMatchObject({ status: 400, errors: [{ path: 'query.format', message: 'only format=xml is available' }] });
    expect(id.body.errors[0].path).toBe('path.id');
    expect(await itemCount()).toBe(before);
  });
});
