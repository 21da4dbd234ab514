import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWithDevCa } from '#signature/dev/dev-sign';
import { samplePdf } from '#signature/dev/sample-pdf';
import { startTestApi, type TestApi } from '../support/api.ts';
import { attach } from '../support/files.ts';

/**
 * Issue 6 wired in: every uploaded PDF is verified (S3 event → consumer → verifier) and the result kept
 * with the file; issuing requires the leader's and the agency's signatures when the policy says so. The
 * runtime trusts its DEVELOPMENT-ONLY test CA.
 */
const AGENCY = '000.00.91.H26';
let api: TestApi;
let specialist: string;
let leader: string;
let clerk: string;

beforeAll(async () => {
  api = await startTestApi({ signaturePolicy: 'leader-and-agency' });
  specialist = await api.token({ sub: 'spec', organId: AGENCY, roles: ['specialist'] });
  leader = await api.token({ sub: 'leader', organId: AGENCY, roles: ['leader'] });
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function approvedDraft(): Promise<string> {
  const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject: 'Về việc ký số' } });
  await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
  await api.request('POST', `/documents/${created.body.id}/approve`, { token: leader });
  return created.body.id as string;
}

async function signed(roles: ('leader' | 'agency')[]): Promise<Uint8Array> {
  let pdf = samplePdf(['QUYET DINH', 'Ve viec ky so']);
  for (const role of roles) pdf = (await signWithDevCa(pdf, role, api.runtime.devCaDir, new Date())).signed;
  return pdf;
}

describe('signatures on upload and at issue', () => {
  it('verifies an uploaded PDF and keeps the verdict and report with the file', async () => {
    const id = await approvedDraft();
    const file = await attach(api, clerk, id, await signed(['leader', 'agency']));
    expect(file.status).toBe('stored');
    expect(file.verification).toMatchObject({
      verdict: 'TOTAL_PASSED',
      report: { signatures: [{ indication: 'TOTAL_PASSED' }, { indication: 'TOTAL_PASSED' }], evidenceKey: expect.stringContaining('evidence/') },
    });
  });

  it('refuses to issue without a PDF, or with an unsigned one (422, nothing numbered)', async () => {
    const id = await approvedDraft();
    const none = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    expect(none.status).toBe(422);
    expect(none.body.type).toContain('signature-required');
    await attach(api, clerk, id, samplePdf(['QUYET DINH', 'Chua ky']));
    const unsigned = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    expect(unsigned.status).toBe(422);
    expect(unsigned.body.detail).toContain('chưa ký số');
    expect((await api.request('GET', `/documents/${id}`, { token: clerk })).body.status).toBe('approved');
  });

  it('refuses a PDF altered after signing: the verdict is TOTAL_FAILED and issuing stays refused', async () => {
    const id = await approvedDraft();
    const bytes = await signed(['leader', 'agency']);
    const tampered = Uint8Array.from(bytes);
    const at = Buffer.from(tampered).indexOf('Ve viec ky so');
    tampered[at] = 'X'.charCodeAt(0);
    const file = await attach(api, clerk, id, tampered);
    expect(file.verification.verdict).toBe('TOTAL_FAILED');
    expect((await api.request('POST', `/documents/${id}/issue`, { token: clerk })).status).toBe(422);
  });

  it.each([
    ['the leader signature made outside vanthu', ['leader'] as const],
    ['a leader and an agency signature made before the number existed', ['leader', 'agency'] as const],
  ])('refuses to issue a PDF carrying %s (422): only what a leader signed through vanthu is issued', async (_what, roles) => {
    const id = await approvedDraft();
    await attach(api, clerk, id, await signed([...roles]));
    const refused = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('signature-required');
    expect((await api.request('GET', `/documents/${id}`, { token: clerk })).body.status).toBe('approved');
  });
});
