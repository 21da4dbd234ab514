import { describe, expect, it } from 'vitest';
import { issueCrl, KEY_USAGE } from '#signature/dev/pki';
import { appendIncrementalUpdate } from '#signature/dev/pdf-writer';
import { pageContent, SAMPLE_CONTENT_OBJECT } from '#signature/dev/sample-pdf';
import { VerificationEvidence, VerificationReport } from '#signature/index';
import { verifyPdf, verifyPdfSignatures } from '#signature/verify';
import { DAY, HOUR, NOW, replaceBytes, signAs, signer, testPki } from './fixtures.ts';

const LATER = new Date(NOW.getTime() + HOUR);

describe('signatures made with a test CA', () => {
  const pki = testPki();
  const anchors = [pki.root.certificate];

  it('passes a signed document whose CRL shows the signer not revoked', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures).toMatchObject([
      {
        indication: 'TOTAL_PASSED',
        signer: 'DEVELOPMENT ONLY leader',
        coversWholeDocument: true,
        modifiedAfterSigning: false,
        signingTimeSource: 'claimed',
        revocation: { status: 'good' },
      },
    ]);
    expect(report.signatures[0]?.chain.map((c) => c.trustAnchor)).toEqual([false, true]);
    expect(VerificationReport.parse(report)).toEqual(report);
  });

  it('reports the leader then the agency when two incremental signatures follow each other', async () => {
    // Prepare
    const pdf = signAs(pki, 'agency', { pdf: signAs(pki, 'leader'), signingTime: new Date(NOW.getTime() + 60_000) });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures.map((s) => [s.index, s.signer, s.coversWholeDocument, s.modifiedAfterSigning])).toEqual([
      [1, 'DEVELOPMENT ONLY leader', false, false],
      [2, 'DEVELOPMENT ONLY agency', true, false],
    ]);
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.category)).toEqual(['form-fill', 'form-fill']);
  });

  it('fails with HASH_FAILURE when one byte of the signed range is flipped', async () => {
    // Prepare
    const pdf = replaceBytes(signAs(pki, 'leader'), 'So: 123', 'So: 124');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.verdict).toBe('TOTAL_FAILED');
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('fails with FORMAT_FAILURE when an incremental update changes the page text after signing', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const edited = appendIncrementalUpdate(signed, new Map([[SAMPLE_CONTENT_OBJECT, pageContent(['So: 999/UBND-VP', 'noi dung da bi sua'])]]));
    // Act
    const report = await verifyPdfSignatures(edited, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.verdict).toBe('TOTAL_FAILED');
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', coversWholeDocument: false, modifiedAfterSigning: true });
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(expect.objectContaining({ category: 'undefined', object: SAMPLE_CONTENT_OBJECT }));
  });

  it('reports but does not fail the same change under the warn policy', async () => {
    // Prepare
    const edited = appendIncrementalUpdate(signAs(pki, 'leader'), new Map([[SAMPLE_CONTENT_OBJECT, pageContent(['sua'])]]));
    // Act
    const report = await verifyPdfSignatures(edited, { trustAnchors: anchors, now: LATER, modificationPolicy: 'warn' });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', modifiedAfterSigning: true });
  });

  it('fails with FORMAT_FAILURE when the ByteRange is rewritten to sign a different split of the file', async () => {
    // Prepare
    const signed = Buffer.from(signAs(pki, 'leader'));
    const text = signed.toString('latin1');
    const [declared, a, b, c] = /\/ByteRange \[0 (\d+) (\d+) (\d+)/.exec(text) ?? [];
    const forged = `/ByteRange [0 ${Number(a) - 10} ${Number(b) - 10} ${Number(c) + 10}`.padEnd(declared?.length ?? 0, ' ');
    const pdf = replaceBytes(signed, declared ?? '', forged);
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.signatures[0]?.reasons.join()).toContain('/ByteRange hole');
  });

  it('is INDETERMINATE/OUT_OF_BOUNDS_NO_POE when the signer certificate expired before the claimed signing time', async () => {
    // Prepare
    const expiring = testPki('rsa', [{ name: 'expired', notBefore: new Date(NOW.getTime() - 30 * DAY), notAfter: new Date(NOW.getTime() - DAY) }]);
    const pdf = signAs(expiring, 'expired');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [expiring.root.certificate], now: LATER });
    // Assess
    expect(report.verdict).toBe('INDETERMINATE');
    expect(report.signatures[0]?.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });

  it('fails with REVOKED when the embedded CRL revokes the signer before the signing time', async () => {
    // Prepare
    const leader = signer(pki, 'leader');
    const pdf = signAs(pki, 'leader', { revoked: [{ certificate: leader.certificate, at: new Date(NOW.getTime() - 2 * HOUR) }] });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.verdict).toBe('TOTAL_FAILED');
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED', revocation: { status: 'revoked' } });
  });

  it('is INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND when the root is not a trust anchor', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader');
    const stranger = testPki('ecdsa');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [stranger.root.certificate], now: LATER });
    // Assess
    expect(report.verdict).toBe('INDETERMINATE');
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', revocation: { status: 'not-checked' } });
  });

  it('is INDETERMINATE/TRY_LATER, never passed, when no revocation data can be found', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { crlPlacement: 'none' });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER', revocation: { status: 'unknown' } });
  });

  it('reads a CRL carried in SignedData.crls as well as in the signed Adobe attribute', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { crlPlacement: 'cms' });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]?.revocation.certificates.map((c) => c.source)).toEqual(['crl:cms']);
    expect(report.verdict).toBe('TOTAL_PASSED');
  });

  it('does not accept a CRL that expired before the signing time', async () => {
    // Prepare
    const stale = issueCrl(pki.root, [], new Date(NOW.getTime() - 30 * DAY), 7);
    const pdf = signAs(pki, 'leader', { crls: [stale] });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
  });

  it('is INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE when the signer key is not for signatures', async () => {
    // Prepare
    const encryptOnly = testPki('rsa', [{ name: 'encrypt-only', keyUsage: KEY_USAGE.keyEncipherment }]);
    const pdf = signAs(encryptOnly, 'encrypt-only');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [encryptOnly.root.certificate], now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
  });

  it.each(['ecdsa', 'rsa-pss'] as const)('passes a %s signature', async (algorithm) => {
    // Prepare
    const other = testPki(algorithm);
    const pdf = signAs(other, 'agency');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: [other.root.certificate], now: LATER });
    // Assess
    expect(report.signatures[0]?.signatureAlgorithm).toBe(algorithm === 'ecdsa' ? 'SHA256withECDSA' : 'RSASSA-PSS(SHA-256)');
    expect(report.verdict).toBe('TOTAL_PASSED');
  });

  it('keeps the certificates and the CRL it relied on as evidence', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader');
    // Act
    const { report, evidence } = await verifyPdf(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(evidence).toMatchObject({ verdict: report.verdict, fileSha256: report.fileSha256, policy: { modificationPolicy: 'fail', onlineRevocation: false } });
    expect(evidence.items).toHaveLength(1);
    expect(evidence.items[0]?.certificates).toHaveLength(2);
    expect(evidence.items[0]?.certificates[1]).toBe(
      `-----BEGIN CERTIFICATE-----\n${Buffer.from(pki.root.certificate)
        .toString('base64')
        .match(/.{1,64}/g)
        ?.join('\n')}\n-----END CERTIFICATE-----\n`,
    );
    expect(evidence.items[0]?.revocation).toMatchObject([{ kind: 'crl', source: 'signed-attribute' }]);
    expect(VerificationEvidence.parse(evidence)).toEqual(evidence);
  });
});

describe('signature timestamps as proof of the signing time', () => {
  const pki = testPki('rsa', [
    { name: 'tsa', timeStamping: true },
    { name: 'expired', notBefore: new Date(NOW.getTime() - 30 * DAY), notAfter: new Date(NOW.getTime() - DAY) },
  ]);
  const anchors = [pki.root.certificate];
  const tsa = { identity: signer(pki, 'tsa'), chain: [pki.root.certificate] };

  it('judges the signature at the time a trusted TSA stamped it', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { timestamp: { tsa, at: NOW } });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', signingTimeSource: 'timestamp', signingTime: NOW.toISOString() });
  });

  it('fails with EXPIRED when the timestamp proves signing after the certificate expired', async () => {
    // Prepare
    const pdf = signAs(pki, 'expired', { timestamp: { tsa, at: NOW } });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'EXPIRED' });
  });

  it('passes a signer revoked after the stamped time, but not on the claimed time alone', async () => {
    // Prepare
    const revokedLater = [{ certificate: signer(pki, 'leader').certificate, at: new Date(NOW.getTime() + 30 * 60_000) }];
    const crl = issueCrl(pki.root, revokedLater, new Date(NOW.getTime() + HOUR));
    const stamped = signAs(pki, 'leader', { crls: [crl], timestamp: { tsa, at: NOW } });
    const claimed = signAs(pki, 'leader', { crls: [crl] });
    const later = new Date(NOW.getTime() + 2 * HOUR);
    // Act
    const [withProof, withoutProof] = await Promise.all([stamped, claimed].map((pdf) => verifyPdfSignatures(pdf, { trustAnchors: anchors, now: later })));
    // Assess
    expect(withProof?.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', revocation: { status: 'revoked' } });
    expect(withoutProof?.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
  });

  it('falls back to the claimed time when the TSA is not trusted', async () => {
    // Prepare
    const stranger = testPki('ecdsa', [{ name: 'tsa', timeStamping: true }]);
    const pdf = signAs(pki, 'leader', { timestamp: { tsa: { identity: signer(stranger, 'tsa'), chain: [stranger.root.certificate] }, at: NOW } });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', signingTimeSource: 'claimed' });
    expect(report.signatures[0]?.warnings).toContain('signature timestamp not used: its TSA does not chain to a trust anchor');
  });

  it('verifies a document timestamp added after the signature, also after a P=1 certification', async () => {
    // Prepare
    const crl = issueCrl(pki.root, [], new Date(NOW.getTime() - HOUR));
    const certified = signAs(pki, 'leader', { certificationLevel: 1 });
    const pdf = signAs(pki, 'tsa', { pdf: certified, documentTimestamp: { ...tsa, crls: [crl] }, signingTime: new Date(NOW.getTime() + 60_000), fieldName: 'DocTimeStamp' });
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.signatures).toMatchObject([{ certificationLevel: 1, indication: 'TOTAL_PASSED', modifiedAfterSigning: false }]);
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.category)).toEqual(['extension', 'extension']);
    expect(report.documentTimestamps).toMatchObject([{ indication: 'TOTAL_PASSED', tsa: 'DEVELOPMENT ONLY tsa', coversWholeDocument: true }]);
    expect(report.verdict).toBe('TOTAL_PASSED');
  });

  it('fails a document timestamp whose stamped bytes were changed', async () => {
    // Prepare
    const stamped = signAs(pki, 'tsa', { documentTimestamp: tsa, fieldName: 'DocTimeStamp' });
    const pdf = replaceBytes(stamped, 'So: 123', 'So: 321');
    // Act
    const report = await verifyPdfSignatures(pdf, { trustAnchors: anchors, now: LATER });
    // Assess
    expect(report.documentTimestamps[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(report.verdict).toBe('TOTAL_FAILED');
  });
});
