import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

/**
 * Numbering, registers and document identity over HTTP (issue 11): the clerk's day from the README, with the
 * refusals an administrator and a clerk meet, and the search filters a register is checked with.
 */
const AGENCY = '000.00.91.H26'; // [MẪU] Sở Nội vụ, ký hiệu SNV in the sample numbering
let api: TestApi;
let admin = '';
let clerk = '';
let specialist = '';
let leader = '';
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

beforeAll(async () => {
  api = await startTestApi();
  const token = (role: 'admin' | 'clerk' | 'specialist' | 'leader') => api.token({ sub: `n-${role}`, organId: AGENCY, roles: [role], name: `[MẪU] ${role}` });
  [admin, clerk, specialist, leader] = await Promise.all([token('admin'), token('clerk'), token('specialist'), token('leader')]);
});

afterAll(async () => {
  await api.runtime.close();
});

async function issue(body: Record<string, unknown>, issueBody?: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: { subject: 'Về việc thử nghiệm đánh số', ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
  await api.request('POST', `/documents/${created.body.id}/approve`, { token: leader });
  return api.request('POST', `/documents/${created.body.id}/issue`, { token: clerk, ...(issueBody === undefined ? {} : { body: issueBody }) });
}

describe('the numbering configuration', () => {
  it('shows the ký hiệu, each register and series with its next number', async () => {
    const view = await api.request('GET', `/agencies/${AGENCY}/numbering`, { token: clerk });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      organId: AGENCY,
      year,
      issuerAbbreviation: 'SNV',
      configured: true,
      registers: [{ id: 'general', kind: 'administrative', nextNumber: 1, nextCodeNumber: '01' }],
    });
    expect(view.body.systemSeries.map((s: { id: string }) => s.id)).toEqual(['secret', 'copies', 'legal-nq', 'legal-qd']);
    expect((await api.request('GET', `/agencies/000.00.92.H26/numbering`, { token: clerk })).status).toBe(403);
    expect((await api.request('GET', `/agencies/${AGENCY}/numbering`, { token: specialist })).status).toBe(403);
  });

  it('continues a new register after the highest number, and refuses (409 problem+json, nothing saved) a change that repeats one', async () => {
    expect((await issue({ typeName: 'Quyết định' })).body.issue).toMatchObject({ codeNumber: '01', codeNotation: 'QĐ-SNV' });
    expect((await issue({ typeName: 'Quyết định' })).body.issue).toMatchObject({ codeNumber: '02', codeNotation: 'QĐ-SNV' });
    const split = {
      issuerAbbreviation: 'SNV',
      registers: [
        { id: 'decisions', name: 'Sổ Quyết định', typeNames: ['Quyết định'] },
        { id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] },
      ],
    };
    const saved = await api.request('PUT', `/agencies/${AGENCY}/numbering`, { token: admin, body: split });
    expect(saved.status).toBe(200);
    expect(saved.body.registers[0]).toMatchObject({ id: 'decisions', nextCodeNumber: '03', startedAfter: 2 });
    expect((await issue({ typeName: 'Quyết định' })).body.issue).toMatchObject({ codeNumber: '03', codeNotation: 'QĐ-SNV', registerId: 'decisions' });
    await issue({ typeName: 'Quyết định' });

    const back = await api.request('PUT', `/agencies/${AGENCY}/numbering`, {
      token: admin,
      body: { issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] },
    });
    expect(back.status).toBe(409);
    expect(back.headers.get('content-type')).toContain('application/problem+json');
    expect(back.body).toMatchObject({
      type: expect.stringContaining('numbering-would-repeat'),
      errors: [{ path: 'body.registers.0.typeNames', message: expect.stringContaining('04/QĐ-SNV') }],
    });
    expect((await api.request('GET', `/agencies/${AGENCY}/numbering`, { token: admin })).body.version).toBe(saved.body.version);
  });

  it('refuses bad configurations with 400 and a path; a draft never sets the ký hiệu', async () => {
    const bad = await api.request('PUT', `/agencies/${AGENCY}/numbering`, {
      token: admin,
      body: { issuerAbbreviation: 'SNV', registers: [{ id: 'copies', name: 'x', typeNames: ['Bản sao y', '*'] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.registers.0.id', 'body.registers.0.typeNames.0']));
    // An old client that still sends a ký hiệu on the draft: the notation carries the agency's configured one.
    const issued = await issue({ typeName: 'Thông báo', issuerAbbreviation: 'UBND' });
    expect(issued.body.issue.codeNotation).toBe('TB-SNV');
    expect(issued.body).not.toHaveProperty('issuerAbbreviation');
    const unconfigured = await api.token({ sub: 'n-admin-2', organId: '000.99.99.H26', roles: ['admin'] });
    const first = await api.request('PUT', '/agencies/000.99.99.H26/numbering', {
      token: unconfigured,
      body: { registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] },
    });
    expect(first.status).toBe(400);
    expect(first.body.errors[0].path).toBe('body.issuerAbbreviation');
    const kept = await api.request('PUT', `/agencies/${AGENCY}/numbering`, {
      token: admin,
      body: {
        registers: [
          { id: 'decisions', name: 'Sổ Quyết định', typeNames: ['Quyết định'] },
          { id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] },
        ],
      },
    });
    expect(kept.body.issuerAbbreviation).toBe('SNV');
  });

  it('issues legal normative documents, copies and secret documents in their own series, and keeps Số lượng bản', async () => {
    expect((await issue({ typeName: 'Quyết định', legalNormative: true })).body.issue).toMatchObject({
      codeNumber: '01',
      codeNotation: `${year}/QĐ-SNV`,
      series: 'legal-normative',
    });
    expect((await issue({ typeName: 'Bản sao y' })).body.issue).toMatchObject({ codeNumber: '01', codeNotation: 'SY-SNV', series: 'copy' });
    const secret = await issue({ typeName: 'Tờ trình', secrecy: 'confidential', subject: 'Nội dung mật' }, { promulgationAmount: 3 });
    expect(secret.body).toMatchObject({ promulgationAmount: 3, issue: { codeNumber: '01', codeNotation: 'TTr-SNV', series: 'secret', registerId: 'secret' } });
    const refused = await issue({ typeName: 'Thông báo' }, { promulgationAmount: 0 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.promulgationAmount');
  });
});

describe('registers are the legal book', () => {
  it('lists every register and series of the year with its numbers and exports', async () => {
    const list = await api.request('GET', `/registers?year=${year}`, { token: clerk });
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(list.body.items.map((r: { direction: string; series: string }) => [`${r.direction}:${r.series}`, r]));
    expect(byId['incoming:main']).toMatchObject({ secret: false });
    expect(byId['incoming:secret']).toMatchObject({ secret: true });
    expect(byId['outgoing:decisions']).toMatchObject({ kind: 'administrative', fromNumber: 3, toNumber: 4, entries: 2 });
    expect(byId['outgoing:general']).toMatchObject({ fromNumber: 1 });
    expect(byId['outgoing:secret']).toMatchObject({ kind: 'secret', secret: true, entries: 1, exports: { pdf: `/registers/outgoing?year=${year}&series=secret&format=pdf` } });
    expect(byId['outgoing:legal-qd']).toMatchObject({ kind: 'legal-normative', entries: 1 });
  });

  it('marks the secret series in the answer and in every row', async () => {
    const secret = await api.request('GET', `/registers/outgoing?year=${year}&series=secret`, { token: clerk });
    expect(secret.body.register).toEqual({ series: 'secret', name: 'Sổ đăng ký văn bản mật đi', secret: true });
    expect(secret.body.columns.at(-1)).toBe('Độ mật');
    expect(secret.body.rows).toEqual([expect.objectContaining({ 'Số ký hiệu': '01/TTr-SNV', 'Độ mật': 'Mật', 'Số lượng bản': '3' })]);
    expect((await api.request('GET', `/registers/outgoing?year=${year}&series=nonexistent`, { token: clerk })).status).toBe(422);
  });

  it('prints a register as a PDF with its cover and Vietnamese text that a reader extracts', async () => {
    const response = await fetch(`${api.runtime.url}/registers/outgoing?year=${year}&series=decisions&format=pdf`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    if (text === undefined) return; // pdftotext absent: the structure above is what can be checked
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain('Sổ Quyết định');
    expect(text).toMatch(/Từ số 03 đến số 04/);
    expect(text).toContain('03/QĐ-SNV');
    expect(text).toContain('Về việc thử nghiệm đánh số');
  });
});

describe('search filters a clerk checks a register with', () => {
  it('refuses from after to with 400 on query.from, never 500', async () => {
    const response = await api.request('GET', '/documents?direction=incoming&from=2026-05-02&to=2026-05-01', { token: clerk });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('query.from');
  });

  it('matches the issuer by code in either notation and the type without diacritics', async () => {
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '501', subject: 'Tìm theo mã cơ quan' }) });
    expect(registered.status).toBe(201);
    for (const query of ['issuer=000.00.00.G12', 'issuer=G12', 'issuer=bo%20tai%20chinh', 'typeName=quyet%20dinh', 'typeName=Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh']) {
      const found = await api.request('GET', `/documents?direction=incoming&${query}`, { token: clerk });
      expect(
        found.body.items.map((d: { id: string }) => d.id),
        query,
      ).toContain(registered.body.id);
    }
    expect((await api.request('GET', '/documents?direction=incoming&typeName=cong%20van', { token: clerk })).body.items.map((d: { id: string }) => d.id)).not.toContain(
      registered.body.id,
    );
  });

  it('warns on a duplicate written with look-alike characters and another number form', async () => {
    const first = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '7', codeNotation: 'QĐ-BTC', promulgationDate: '2026-04-01' }),
    });
    expect(first.status).toBe(201);
    const again = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '07', codeNotation: 'q\u00D0\u2011btc\u200B', promulgationDate: '2026-04-01', subject: 'Về việc giao du\u0323 toán'.normalize('NFD') }),
    });
    expect(again.status).toBe(409);
    expect(again.body.existing.id).toBe(first.body.id);
    const paper = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ issuer: { organName: 'Sở Xây dựng tỉnh Mẫu' }, codeNumber: '12', codeNotation: 'KH-SXD', promulgationDate: '2026-04-02' }),
    });
    expect(paper.status).toBe(201);
    const electronic = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({
        issuer: { organId: '000.00.93.H26', organName: 'So Xay dung tinh Mau' },
        codeNumber: '12',
        codeNotation: 'ＫＨ-ＳＸＤ',
        promulgationDate: '2026-04-02',
      }),
    });
    expect(electronic.status).toBe(409);
    expect(electronic.body.existing.id).toBe(paper.body.id);
    const stored = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '8', subject: 'Quye\u0302\u0301t đi\u0323nh'.normalize('NFD') }),
    });
    expect(stored.body.subject).toBe('Quyết định');
    expect(stored.body.arrivalSeries).toBe('main');
  });
});

/** The text pdftotext extracts, or undefined where poppler-utils is not installed. */
async function pdfText(bytes: Buffer): Promise<string | undefined> {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const file = join(mkdtempSync(join(tmpdir(), 'register-pdf-')), 'register.pdf');
  writeFileSync(file, bytes);
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (result.error !== undefined) {
    if (process.env.CI === 'true') throw new Error('pdftotext is missing on CI: .ci/run installs poppler-utils');
    console.warn('pdftotext not found (apt-get install poppler-utils): the PDF text is not checked');
    return undefined;
  }
  return result.stdout;
}
