import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let cityAdmin: string;
let districtAdmin: string;
let clerk: string;

async function itemCount(): Promise<number> {
  return (await dynamoDocumentClient().send(new ScanCommand({ TableName: api.runtime.names.tableName, Select: 'COUNT' }))).Count ?? 0;
}

beforeAll(async () => {
  api = await startTestApi();
  cityAdmin = await api.token({ sub: 'city', organId: '000.00.00.H26', roles: ['city-admin'] });
  districtAdmin = await api.token({ sub: 'district-admin', organId: '000.00.95.H26', roles: ['admin'] });
  clerk = await api.token({ sub: 'clerk', organId: '000.00.91.H26', roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

describe('agency directory', () => {
  it('lists the sample units under Hanoi, sorted by name, and finds "noi vu" in "Nội vụ"', async () => {
    const children = await api.request('GET', '/agencies?parent=000.00.00.H26', { token: clerk });
    expect(children.status).toBe(200);
    expect(children.body.items.map((a: { code102: string }) => a.code102)).toEqual(expect.arrayContaining(['000.00.91.H26', '000.00.95.H26']));
    for (const storageOnly of ['pk', 'sk', 'searchName', 'gsi2pk', 'entity']) expect(children.body.items[0]).not.toHaveProperty(storageOnly);
    const found = await api.request('GET', '/agencies?q=noi%20vu', { token: clerk });
    expect(found.body.items.map((a: { name: string }) => a.name)).toEqual(['[MẪU] Sở Nội vụ']);
    const communes = await api.request('GET', '/agencies?level=3', { token: clerk });
    expect(communes.body.items.every((a: { level: number }) => a.level === 3)).toBe(true);
  });

  it('reads a unit by either code form, with level and parent', async () => {
    const by102 = await api.request('GET', '/agencies/000.91.95.H26', { token: clerk });
    const byQd20 = await api.request('GET', '/agencies/H26.95.91', { token: clerk });
    expect(by102.body).toEqual(byQd20.body);
    expect(by102.body).toMatchObject({ qd20: 'H26.95.91', level: 3, parentCode102: '000.00.95.H26', sample: true });
  });

  it('explains an invalid code (400, which block) and an unknown one (404)', async () => {
    const invalid = await api.request('GET', '/agencies/000.05.00.H26', { token: clerk });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0]).toMatchObject({ path: 'path.organId', message: expect.stringContaining('block') });
    expect((await api.request('GET', '/agencies/000.00.77.H26', { token: clerk })).status).toBe(404);
  });

  it('lets an agency admin add a unit below their agency, but not elsewhere; clerks not at all', async () => {
    const unit = { code102: '000.93.95.H26', name: '[MẪU] Ủy ban nhân dân phường Mới', kind: 'commune', sample: true };
    const created = await api.request('POST', '/agencies', { token: districtAdmin, body: unit });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ qd20: 'H26.95.93', level: 3, version: 1 });
    expect((await api.request('POST', '/agencies', { token: districtAdmin, body: unit })).status).toBe(409);
    const before = await itemCount();
    expect((await api.request('POST', '/agencies', { token: districtAdmin, body: { ...unit, code102: '000.00.93.H26' } })).status).toBe(403);
    expect((await api.request('POST', '/agencies', { token: clerk, body: { ...unit, code102: '000.94.95.H26' } })).status).toBe(403);
    expect(await itemCount()).toBe(before);
  });

  it('records a merger as a new version with history, refuses a stale version, and keeps old documents on their code', async () => {
    const communeClerk = await api.token({ sub: 'commune-clerk', organId: '000.92.95.H26', roles: ['clerk'] });
    const document = await api.request('POST', '/documents/incoming', { token: communeClerk, body: incomingBody() });
    const merged = await api.request('PUT', '/agencies/000.92.95.H26', {
      token: districtAdmin,
      body: { expectedVersion: 1, effectiveTo: '2025-06-30', successorCode102: '000.91.95.H26' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      version: 2,
      effectiveTo: '2025-06-30',
      successorCode102: '000.91.95.H26',
      kind: 'commune',
      sample: true,
      name: '[MẪU] Ủy ban nhân dân phường Hàng Bạc Mẫu',
    });
    const stale = await api.request('PUT', '/agencies/000.92.95.H26', { token: districtAdmin, body: { expectedVersion: 1, name: 'x' } });
    expect(stale.status).toBe(409);
    const history = await api.request('GET', '/agencies/000.92.95.H26/history', { token: clerk });
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(history.body.items[1]).toMatchObject({ before: { version: 1 }, after: { effectiveTo: '2025-06-30', successorCode102: '000.91.95.H26' } });
    const kept = await api.request('GET', `/documents/${document.body.id}`, { token: communeClerk });
    expect(kept.body.organId).toBe('000.92.95.H26');
  });

  it('refuses a token whose organId claim is not an agency code (401)', async () => {
    const bad = await api.request('POST', '/dev/token', { body: { sub: 'x', organId: 'HANOI', roles: ['clerk'], name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.organId');
  });
});

describe('catalogue import', () => {
  const rows = [
    { id: 1, pid: null, code: 'G12', code102: '000.00.00.G12', name: 'Bộ Tài chính', mail: 'sample@example.invalid' },
    { id: 2, pid: 1, code: 'G12.18', code102: '000.00.18.G12', name: 'Tổng cục Thuế' },
    { id: 3, pid: 2, code102: '000.05.18.G12', name: '[MẪU] Cục Thuế mẫu' },
    { id: 4, pid: 2, code: 'G12.19', code102: '000.00.18.G12', name: 'Mâu thuẫn' },
    { id: 5, code102: '000.05.00.G12', name: 'Sai cấp' },
  ];

  it('creates, reports rejected rows with reasons, and is idempotent', async () => {
    const first = await api.request('POST', '/agencies/import', { token: cityAdmin, body: rows });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 5, created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.body.rejections.map((r: { row: number }) => r.row)).toEqual([4, 5]);
    expect(first.body.rejections[0].reason).toContain('different agencies');
    const second = await api.request('POST', '/agencies/import', { token: cityAdmin, body: rows });
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 2 });
    const changed = await api.request('POST', '/agencies/import', { token: cityAdmin, body: [{ ...rows[1], name: 'Cục Thuế' }] });
    expect(changed.body).toMatchObject({ created: 0, updated: 1 });
    expect((await api.request('GET', '/agencies/G12.18', { token: clerk })).body).toMatchObject({ name: 'Cục Thuế', version: 2, catalogueId: '2' });
  });

  it('refuses a body that is not a JSON array whole, and writes nothing', async () => {
    const before = await itemCount();
    const response = await api.request('POST', '/agencies/import', { token: cityAdmin, body: `[{"id":9,"code102":"000.00.00.G13","name":"Bộ"}, {"id":` });
    expect(response.status).toBe(400);
    expect(await itemCount()).toBe(before);
  });

  it('is for the city administrator only', async () => {
    expect((await api.request('POST', '/agencies/import', { token: districtAdmin, body: rows })).status).toBe(403);
  });
});
