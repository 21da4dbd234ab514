import { describe, expect, it, vi } from 'vitest';
import { DEV_CRL_URL, issueCrl } from '#signature/dev/pki';
import type { RevocationFetcher } from '#signature/options';
import { isFetchAllowed } from '#signature/trust/online';
import { verifyPdfSignatures } from '#signature/verify';
import { HOUR, NOW, signAs, testPki } from './fixtures.ts';

const LATER = new Date(NOW.getTime() + HOUR);
const pki = testPki();
const crlHost = new URL(DEV_CRL_URL).hostname;

describe('online revocation (off by default, allow-listed hosts only)', () => {
  it('fetches the CRL named by the certificate when its host is allowed', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { crlPlacement: 'none' });
    const fetch = vi.fn(async () => issueCrl(pki.root, [], new Date(NOW.getTime() - HOUR)));
    const fetcher: RevocationFetcher = { allowedHosts: [crlHost], fetch };
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [pki.root.certificate], now: LATER, fetchRevocation: fetcher });
    // Assess
    expect(fetch).toHaveBeenCalledWith(new URL(DEV_CRL_URL));
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', revocation: { status: 'good' } });
    expect(report.signatures[0]?.revocation.certificates[0]?.source).toBe('crl:fetched');
  });

  it('never calls out to a host the file names but the operator did not allow', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { crlPlacement: 'none' });
    const fetch = vi.fn(async () => new Uint8Array());
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [pki.root.certificate], now: LATER, fetchRevocation: { allowedHosts: ['crl.ca.gov.vn'], fetch } });
    // Assess
    expect(fetch).not.toHaveBeenCalled();
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(report.signatures[0]?.warnings.join()).toContain('not an http(s) URL on an allow-listed host');
  });

  it('does not fetch when the file already establishes revocation', async () => {
    // Prepare
    const fetch = vi.fn(async () => new Uint8Array());
    // Act
    await verifyPdfSignatures(signAs(pki, 'leader'), { trustAnchors: [pki.root.certificate], now: LATER, fetchRevocation: { allowedHosts: [crlHost], fetch } });
    // Assess
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['http://crl.ca.gov.vn/ca.crl', true],
    ['https://CRL.CA.GOV.VN/ca.crl', true],
    ['http://crl.ca.gov.vn.evil.example/ca.crl', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['file:///etc/passwd', false],
    ['ldap://crl.ca.gov.vn/cn=ca', false],
    ['not a url', false],
  ])('allow-list decides %s → %s', (url, allowed) => {
    // Assess
    expect(isFetchAllowed(url, ['crl.ca.gov.vn'])).toBe(allowed);
  });
});
