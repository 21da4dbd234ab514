import { spawnSync } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevCa } from '#signature/dev/store';
import { samplePdf } from '#signature/dev/sample-pdf';
import { verifyPdf } from '#signature/index';
import { toPem } from '#signature/trust/certificate';
import { DEV_SIGNER_PIN } from '#infra/local/signing-setup';
import { run as verifyCommand } from '#infra/cli/commands/verify';
import { withFreeTextNote } from '../support/pdf-edits.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { attach } from '../support/files.ts';

/**
 * Issue 16: the leader signs where the key is (deferred signing: prepare, sign elsewhere, complete), the
 * clerk's issue stamps the number and date on the signed original and seals it with the agency's KMS key,
 * and what is issued verifies — in our verifier, in `pdfsig`, in `npx vanthu verify`.
 */
const AGENCY = '000.00.91.H26';
/** The sample leader of AGENCY: their credential on the development remote signer has this id. */
const LEADER_SUB = 'sample-leader-1';
const pdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
if (!pdfsig && process.env.CI === 'true') throw new Error('pdfsig is missing on CI: .ci/run installs poppler-utils');
if (!pdfsig) console.warn('pdfsig not found: the poppler check of issued files is skipped (apt-get install -y poppler-utils)');

let api: TestApi;
let specialist: string;
let leader: string;
let otherLeader: string;
let clerk: string;
let work: string;

beforeAll(async () => {
  api = await startTestApi({ signaturePolicy: 'leader-and-agency' });
  specialist = await api.token({ sub: 'spec', organId: AGENCY, roles: ['specialist'] });
  leader = await api.token({ sub: LEADER_SUB, organId: AGENCY, roles: ['leader'], name: '[MẪU] Lãnh đạo 1' });
  otherLeader = await api.token({ sub: 'another-leader', organId: AGENCY, roles: ['leader'] });
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
  work = await mkdtemp(path.join(os.tmpdir(), 'vanthu-signing-'));
});

afterAll(async () => {
  await api.runtime.close();
  await rm(work, { recursive: true, force: true });
});

/** A submitted draft with an unsigned PDF (the specialist's upload). */
async function submittedDraft(subject = 'Về việc ký số trong quy trình'): Promise<{ id: string; fileId: string }> {
  const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject } });
  const file = await attach(api, specialist, created.body.id, samplePdf(['QUYET DINH', 'Ve viec ky so trong quy trinh']));
  await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
  return { id: created.body.id as string, fileId: file.fileId as string };
}

async function download(id: string, fileId: string): Promise<Uint8Array> {
  const file = await api.request('GET', `/documents/${id}/files/${fileId}`, { token: clerk });
  const response = await fetch(file.body.downloadUrl);
  return new Uint8Array(await response.arrayBuffer());
}

async function remoteSigned(id: string): Promise<any> {
  const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(201);
  const completed = await api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, {
    token: leader,
    body: { authorization: { PIN: DEV_SIGNER_PIN } },
  });
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return completed.body;
}

describe('the leader signs with the remote signing service (CSC v2), the clerk issues', () => {
  it('prepares, completes with the PIN, approves the draft and keeps the evidence in the history', async () => {
    // Prepare
    const { id } = await submittedDraft();
    // Act
    const completed = await remoteSigned(id);
    // Assess
    expect(completed.status).toBe('signed');
    expect(completed.document.status).toBe('approved');
    expect(completed.file.verification).toMatchObject({ verdict: 'TOTAL_PASSED', report: { signatures: [{ indication: 'TOTAL_PASSED', certificationLevel: 2 }] } });
    expect(completed.signature).toMatchObject({ kind: 'personal', indication: 'TOTAL_PASSED', signer: expect.stringContaining('DEVELOPMENT ONLY'), timestamped: true });
    expect(completed.signature.revocation.length).toBeGreaterThan(0);
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    const signed = history.body.items.find((event: any) => event.action === 'signed');
    expect(signed.after.signature.fileSha256).toBe(completed.file.sha256);
    // The hash of what the signature covers: the downloaded file without its /Contents.
    const bytes = Buffer.from(await download(id, completed.file.fileId));
    const range = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
    const ranges = [...bytes.toString('latin1').matchAll(range)];
    const [, start = '0', end = '0'] = ranges.at(-1) ?? [];
    const covered = createHash('sha256')
      .update(bytes.subarray(0, Number(start)))
      .update(bytes.subarray(Number(end)))
      .digest('hex');
    expect(signed.after.signature.signedBytesSha256).toBe(covered);
  });

  it('issues: the number and date stamped on the signed original, then the agency seal; both signatures pass', async () => {
    // Prepare
    const { id } = await submittedDraft();
    await remoteSigned(id);
    // Act
    const issued = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    // Assess
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.issue.file).toMatchObject({ sealed: true });
    const bytes = await download(id, issued.body.issue.file.fileId);
    const trustAnchors = [(await loadOrCreateDevCa(api.runtime.devCaDir, new Date())).pki.root.certificate, api.runtime.remoteSigner.rootCertificate];
    const { report } = await verifyPdf(bytes, { trustAnchors, now: new Date() });
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.category)).not.toContain('undefined');
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    const event = history.body.items.find((e: any) => e.action === 'issued');
    expect(event.after.signature).toMatchObject({ kind: 'agency', indication: 'TOTAL_PASSED', fileSha256: issued.body.issue.file.sha256 });
  });

  it.skipIf(!pdfsig)('pdfsig reads both signatures of an issued file as valid', async () => {
    // Prepare
    const { id } = await submittedDraft();
    await remoteSigned(id);
    const issued = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    const file = path.join(work, 'issued.pdf');
    await writeFile(file, await download(id, issued.body.issue.file.fileId));
    // Act
    const result = spawnSync('pdfsig', ['-nocert', '-no-ocsp', file], { encoding: 'utf8' });
    // Assess
    expect(result.stdout.match(/Signature Validation: Signature is Valid\./g) ?? []).toHaveLength(2);
    expect(result.stdout).not.toMatch(/Digest Mismatch|Signature is Invalid/);
  });
});

describe('the leader signs on the client (a USB token): vanthu never sees the key', () => {
  it('signs the prepared hash with the dev CA leader key and completes', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const { pki } = await loadOrCreateDevCa(api.runtime.devCaDir, new Date());
    const identity = pki.signers.get('leader');
    if (identity === undefined) throw new Error('no dev leader');
    const certificates = [identity.certificate, pki.root.certificate].map((der) => Buffer.from(der).toString('base64'));
    const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'client', certificates } } });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(201);
    const signature = sign('sha256', Buffer.from(prepared.body.toBeSigned, 'base64'), identity.privateKey).toString('base64');
    // Act
    const completed = await api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, { token: leader, body: { signature } });
    // Assess
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.file.verification.verdict).toBe('TOTAL_PASSED');
    expect(toPem(identity.certificate)).toContain('BEGIN CERTIFICATE');
  });
});

describe('a signing plugin that builds the whole CMS', () => {
  it('completes with a CMS over documentDigest by the prepared certificate, and refuses one by another certificate (422)', async () => {
    // Prepare
    const { buildCms } = await import('#signature/dev/cms-builder');
    const { issueCrl } = await import('#signature/dev/pki');
    const { pki } = await loadOrCreateDevCa(api.runtime.devCaDir, new Date());
    const [own, other] = [pki.signers.get('leader'), pki.signers.get('agency')];
    if (own === undefined || other === undefined) throw new Error('no dev identities');
    const crl = issueCrl(pki.root, [], new Date(Date.now() - 60_000));
    const prepare = async () => {
      const { id } = await submittedDraft();
      const certificates = [own.certificate, pki.root.certificate].map((der) => Buffer.from(der).toString('base64'));
      const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'client', certificates } } });
      return { id, prepared: prepared.body };
    };
    const cmsBy = (signer: typeof own, documentDigest: string) =>
      Buffer.from(
        buildCms({ signer, chain: [pki.root.certificate], digest: new Uint8Array(Buffer.from(documentDigest, 'base64')), crls: [crl], crlPlacement: 'signed-attribute' }),
      ).toString('base64');
    const good = await prepare();
    const bad = await prepare();
    // Act
    const completed = await api.request('POST', `/documents/${good.id}/signatures/${good.prepared.signingId}/complete`, {
      token: leader,
      body: { cms: cmsBy(own, good.prepared.documentDigest) },
    });
    const refused = await api.request('POST', `/documents/${bad.id}/signatures/${bad.prepared.signingId}/complete`, {
      token: leader,
      body: { cms: cmsBy(other, bad.prepared.documentDigest) },
    });
    // Assess
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.document.status).toBe('approved');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('body.cms');
    expect((await api.request('GET', `/documents/${bad.id}`, { token: clerk })).body.status).toBe('submitted');
  });
});

describe('what the issued file proves agrees everywhere', () => {
  it('`npx vanthu verify` on the downloaded original gives the verdict and signers the system recorded', async () => {
    // Prepare
    const { id } = await submittedDraft();
    await remoteSigned(id);
    const issued = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    const recorded = await api.request('GET', `/documents/${id}/files/${issued.body.issue.file.fileId}`, { token: clerk });
    const file = path.join(work, 'downloaded.pdf');
    await writeFile(file, await download(id, issued.body.issue.file.fileId));
    const anchors = [path.join(work, 'dev-ca.pem'), path.join(work, 'remote.pem')];
    await writeFile(anchors[0] ?? '', toPem((await loadOrCreateDevCa(api.runtime.devCaDir, new Date())).pki.root.certificate));
    await writeFile(anchors[1] ?? '', toPem(api.runtime.remoteSigner.rootCertificate));
    const out: string[] = [];
    // Act
    const code = await verifyCommand([file, ...anchors.flatMap((a) => ['--trust', a])], { stdout: (t) => out.push(t), stderr: () => undefined });
    // Assess
    const report = JSON.parse(out.join(''));
    expect(code).toBe(0);
    expect(report.verdict).toBe(recorded.body.verification.verdict);
    expect(report.fileSha256).toBe(recorded.body.sha256);
    expect(report.signatures.map((s: any) => [s.signer, s.indication])).toEqual(recorded.body.verification.report.signatures.map((s: any) => [s.signer, s.indication]));
  });
});

describe('refusals change nothing', () => {
  it('a wrong PIN: 422 signature-refused, the document stays submitted and no file is added', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, { token: leader, body: { authorization: { PIN: '000000' } } });
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('signature-refused');
    expect(refused.body.errors[0].path).toBe('body.authorization');
    expect((await api.request('GET', `/documents/${id}`, { token: clerk })).body.status).toBe('submitted');
    expect((await api.request('GET', `/documents/${id}/files`, { token: clerk })).body.items).toHaveLength(1);
  });

  it('a client signature that does not match the certificate: 422 signature-invalid on body.signature', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const { pki } = await loadOrCreateDevCa(api.runtime.devCaDir, new Date());
    const identity = pki.signers.get('leader');
    const agencyKey = pki.signers.get('agency');
    if (identity === undefined || agencyKey === undefined) throw new Error('no dev identities');
    const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, {
      token: leader,
      body: { signer: { kind: 'client', certificates: [Buffer.from(identity.certificate).toString('base64')] } },
    });
    // Signed with another key than the certificate's.
    const signature = sign('sha256', Buffer.from(prepared.body.toBeSigned, 'base64'), agencyKey.privateKey).toString('base64');
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, { token: leader, body: { signature } });
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('signature-invalid');
    expect(refused.body.errors[0].path).toBe('body.signature');
    expect((await api.request('GET', `/documents/${id}`, { token: clerk })).body.status).toBe('submitted');
  });

  it('only the leader who prepared completes (403), once (409 signature-completed)', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    const path_ = `/documents/${id}/signatures/${prepared.body.signingId}/complete`;
    // Act
    const stranger = await api.request('POST', path_, { token: otherLeader, body: { authorization: { PIN: DEV_SIGNER_PIN } } });
    const first = await api.request('POST', path_, { token: leader, body: { authorization: { PIN: DEV_SIGNER_PIN } } });
    const again = await api.request('POST', path_, { token: leader, body: { authorization: { PIN: DEV_SIGNER_PIN } } });
    // Assess
    expect(stranger.status).toBe(403);
    expect(first.status).toBe(200);
    expect(again.status).toBe(409);
    expect((await api.request('GET', `/documents/${id}/files`, { token: clerk })).body.items).toHaveLength(2);
  });

  it('a document sent back after preparation: 409 document-changed', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const prepared = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    await api.request('POST', `/documents/${id}/reject`, { token: leader, body: { reason: 'Sửa lại trích yếu' } });
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, {
      token: leader,
      body: { authorization: { PIN: DEV_SIGNER_PIN } },
    });
    // Assess
    expect(refused.status).toBe(409);
  });

  it.each([
    [
      'a draft',
      async () => (await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject: 'Bản nháp' } })).body.id,
      409,
      'not-signable',
    ],
    [
      'a submitted document without a PDF',
      async () => {
        const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject: 'Không có tệp' } });
        await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
        return created.body.id;
      },
      422,
      'no-pdf',
    ],
  ])('preparing %s: %i %s', async (_what, make, status, type) => {
    // Prepare
    const id = await make();
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    // Assess
    expect(refused.status).toBe(status);
    expect(refused.body.type).toContain(type);
  });

  it('an unknown remote credential: 422 on body.signer.credentialId; a certificate that is not one: 422 bad-certificate', async () => {
    // Prepare
    const { id } = await submittedDraft();
    // Act
    const unknown = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: 'nobody' } } });
    const garbage = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'client', certificates: ['AAAA'] } } });
    // Assess
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.signer.credentialId');
    expect(garbage.status).toBe(422);
    expect(garbage.body.type).toContain('bad-certificate');
  });

  it("a leader whose credentials the directory records signs only with those: another's is 422 signer-not-bound, nothing prepared", async () => {
    // Prepare: the admin records what another leader signs with — not the sample leader's credential
    const admin = await api.token({ sub: 'signing-admin', organId: AGENCY, roles: ['admin'] });
    const bound = await api.token({ sub: 'bound-leader', organId: AGENCY, roles: ['leader'] });
    const recorded = await api.request('PUT', '/users/bound-leader', {
      token: admin,
      body: { name: 'Lãnh đạo có chứng thư', roles: ['leader'], signing: { credentialIds: ['bound-leader'], certificates: ['AB'.repeat(32)] } },
    });
    const { id } = await submittedDraft();
    // Act
    const borrowed = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: bound, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    const unbound = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    // Assess
    expect(recorded.body.signing).toEqual({ credentialIds: ['bound-leader'], certificates: ['ab'.repeat(32)] });
    expect(borrowed.status).toBe(422);
    expect(borrowed.body.type).toContain('signer-not-bound');
    expect(borrowed.body.errors).toEqual([{ path: 'body.signer.credentialId', message: expect.any(String) }]);
    expect(unbound.status).toBe(201);
    expect((await api.request('GET', `/documents/${id}/history`, { token: clerk })).body.items.map((e: { action: string }) => e.action)).not.toContain('signed');
  });

  it('a specialist cannot prepare or complete a signature (403)', async () => {
    // Prepare
    const { id } = await submittedDraft();
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: specialist, body: { signer: { kind: 'remote', credentialId: LEADER_SUB } } });
    // Assess
    expect(refused.status).toBe(403);
  });
});

describe('after the leader signs, only the stamp and the seal may be added', () => {
  it('an annotation added to the signed PDF makes it TOTAL_FAILED, and the issue seals the signed original, not it', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const completed = await remoteSigned(id);
    const signed = await download(id, completed.file.fileId);
    const tampered = withFreeTextNote(signed, 3);
    // Act
    const file = await attach(api, clerk, id, tampered, 'da-sua.pdf');
    const issued = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    // Assess
    expect(file.verification.verdict).toBe('TOTAL_FAILED');
    expect(file.verification.report.signatures[0].reasons.join(' ')).toContain('DocMDP');
    expect(issued.status).toBe(200);
    const original = await api.request('GET', `/documents/${id}/files/${issued.body.issue.file.fileId}`, { token: clerk });
    expect(original.body.verification.verdict).toBe('TOTAL_PASSED');
    expect(Buffer.from(await download(id, issued.body.issue.file.fileId)).includes('Da sua sau khi ky')).toBe(false);
  });
});

describe('only what the leader signed through vanthu is issued', () => {
  it('a PDF uploaded after the signature (another signer, other content) is not what the issue seals', async () => {
    // Prepare
    const { id } = await submittedDraft();
    const completed = await remoteSigned(id);
    const { pki } = await loadOrCreateDevCa(api.runtime.devCaDir, new Date());
    const { signPdfDev } = await import('#signature/dev/sign-pdf');
    const { issueCrl } = await import('#signature/dev/pki');
    const agencyKey = pki.signers.get('agency');
    if (agencyKey === undefined) throw new Error('no dev agency');
    const other = signPdfDev(samplePdf(['NOI DUNG KHAC', 'Phe duyet 900 trieu']), {
      signer: agencyKey,
      chain: [pki.root.certificate],
      signingTime: new Date(),
      fieldName: 'other',
      crls: [issueCrl(pki.root, [], new Date(Date.now() - 60_000))],
    });
    const uploaded = await attach(api, clerk, id, other, 'khac.pdf');
    // Act
    const issued = await api.request('POST', `/documents/${id}/issue`, { token: clerk });
    // Assess
    expect(uploaded.verification.verdict).toBe('TOTAL_PASSED');
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    const issuedFrom = await api.request('GET', `/documents/${id}/files/${issued.body.issue.file.fileId}`, { token: clerk });
    expect(issuedFrom.body.verification.report.signatures[0].signer).toBe(completed.signature.signer);
    expect(history.body.items.find((e: any) => e.action === 'issued')).toBeDefined();
  });

  it('approved without signing, or signed and then sent back: the issue is refused until the leader signs (again)', async () => {
    // Prepare
    const unsigned = await submittedDraft();
    await api.request('POST', `/documents/${unsigned.id}/approve`, { token: leader });
    const sentBack = await submittedDraft();
    await remoteSigned(sentBack.id);
    await api.request('POST', `/documents/${sentBack.id}/reject`, { token: leader, body: { reason: 'Sửa số liệu' } });
    await api.request('POST', `/documents/${sentBack.id}/submit`, { token: specialist });
    await api.request('POST', `/documents/${sentBack.id}/approve`, { token: leader });
    // Act
    const first = await api.request('POST', `/documents/${unsigned.id}/issue`, { token: clerk });
    const second = await api.request('POST', `/documents/${sentBack.id}/issue`, { token: clerk });
    // Assess
    expect([first.status, second.status]).toEqual([422, 422]);
    expect(second.body.type).toContain('signature-required');
    expect((await api.request('GET', `/documents/${sentBack.id}`, { token: clerk })).body.signedFile).toBeUndefined();
  });
});

describe('inputs that must never become a 5xx', () => {
  it('a draft whose PDF already has a field named like the number: 422 pdf-not-signable, nothing prepared', async () => {
    // Prepare
    const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: { typeName: 'Quyết định', subject: 'Trường giả' } });
    const { updatePdf } = await import('#signature/sign/pdf-update');
    const trap = updatePdf(samplePdf(['QUYET DINH']), { addTextFields: [{ name: 'vanthu.so', page: 1, rect: [10, 10, 200, 30] }] }).bytes;
    await attach(api, specialist, created.body.id, trap);
    await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
    // Act
    const refused = await api.request('POST', `/documents/${created.body.id}/signatures/prepare`, {
      token: leader,
      body: { signer: { kind: 'remote', credentialId: LEADER_SUB } },
    });
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('pdf-not-signable');
  });

  it.each([
    [
      'a stamp on a page the PDF does not have',
      { signer: { kind: 'remote', credentialId: LEADER_SUB }, stamp: { page: 9, number: [85, 712, 285, 732], date: [285, 712, 552, 732] } },
      422,
    ],
    ['a stamp too small for the number', { signer: { kind: 'remote', credentialId: LEADER_SUB }, stamp: { page: 1, number: [85, 712, 90, 714], date: [285, 712, 552, 732] } }, 400],
    ['a chain whose second certificate is not one', { signer: { kind: 'client', certificates: ['MIIB', 'AAAA'] } }, 422],
    ['a signer kind nobody knows', { signer: { kind: 'usb' } }, 400],
  ])('%s: %i', async (_what, body, status) => {
    // Prepare
    const { id } = await submittedDraft();
    // Act
    const refused = await api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body });
    // Assess
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });
});
