import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const AGENCY = '000.00.95.H26';
let api: TestApi;
let clerk: string;

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
  for (const n of ['7', '8', '9']) await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: n, subject: `Trích yếu "số" ${n}` }) });
  await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '10', secrecy: 'secret', subject: 'Mật' }) });
});

afterAll(async () => {
  await api.runtime.close();
});

describe('registers of Nghị định 30', () => {
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

  it('lists the incoming register of the year in arrival-number order with the regulation columns', async () => {
    const register = await api.request('GET', `/registers/incoming?year=${year}`, { token: clerk });
    expect(register.status).toBe(200);
    expect(register.body.columns).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số ký hiệu',
      'Ngày văn bản',
      'Tên loại và trích yếu',
      'Đơn vị/người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(register.body.rows.map((r: Record<string, string>) => r['Số đến'])).toEqual(['1', '2', '3']);
    expect(register.body.rows[0]).toMatchObject({ 'Tác giả': 'Bộ Tài chính', 'Số ký hiệu': '7/QĐ-BTC', 'Ngày văn bản': '20/11/2026' });
  });

  it('keeps secret documents in their own series', async () => {
    const secret = await api.request('GET', `/registers/incoming?year=${year}&series=secret`, { token: clerk });
    expect(secret.body.rows.map((r: Record<string, string>) => r['Số đến'])).toEqual(['1']);
  });

  it('exports CSV in UTF-8 with a BOM, quoted, that spreadsheet programs read', async () => {
    const response = await fetch(`${api.runtime.url}/registers/incoming?year=${year}&format=csv`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('"Ngày đến","Số đến","Tác giả","Số ký hiệu","Ngày văn bản","Tên loại và trích yếu","Đơn vị/người nhận","Ngày chuyển","Ký nhận","Ghi chú"');
    expect(lines[1]).toContain('"Quyết định: Trích yếu ""số"" 7"');
  });

  it('is for clerks, leaders and admins, and validates the year and direction', async () => {
    const specialist = await api.token({ sub: 's', organId: AGENCY, roles: ['specialist'] });
    expect((await api.request('GET', `/registers/incoming?year=${year}`, { token: specialist })).status).toBe(403);
    expect((await api.request('GET', '/registers/incoming', { token: clerk })).body.errors[0].path).toBe('query.year');
    expect((await api.request('GET', `/registers/sideways?year=${year}`, { token: clerk })).status).toBe(400);
  });

  it("never shows another agency's entries", async () => {
    const other = await api.token({ sub: 'o', organId: '000.00.91.H26', roles: ['clerk'] });
    expect((await api.request('GET', `/registers/incoming?year=${year}`, { token: other })).body.rows).toEqual([]);
  });
});
