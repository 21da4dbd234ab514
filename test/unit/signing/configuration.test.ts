import { describe, expect, it } from 'vitest';
import { StageParameters } from '#adapters/parameters/stage-parameters';
import { KmsAgencySealer } from '#adapters/signing/kms-sealer';
import { pemBlocks } from '#adapters/signing/pem';
import { toPem } from '#signature/trust/certificate';
import { signer, testPki } from '../signature/fixtures.ts';

const pki = testPki();
const agency = signer(pki, 'agency');

describe('the stage parameters', () => {
  it('reads the whole path once and serves every name from it for five minutes, then reads again', async () => {
    // Prepare
    let reads = 0;
    let now = new Date('2026-12-03T00:00:00Z');
    const parameters = new StageParameters(
      async (path) => {
        reads += 1;
        expect(path).toBe('/vanthu/prod');
        return new Map([
          ['signing/policy', 'leader'],
          ['signing/trust-anchors/gov', 'A'],
          ['signing/trust-anchors/neac', 'B'],
        ]);
      },
      '/vanthu/prod',
      () => now,
    );
    // Act
    const policy = await parameters.get('signing/policy');
    const anchors = await parameters.under('signing/trust-anchors');
    now = new Date(now.getTime() + 5 * 60_000 + 1);
    await parameters.get('signing/policy');
    // Assess
    expect(policy).toBe('leader');
    expect([...anchors.keys()]).toEqual(['signing/trust-anchors/gov', 'signing/trust-anchors/neac']);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    // Prepare
    let reads = 0;
    const parameters = new StageParameters(async () => {
      reads += 1;
      if (reads === 1) throw new Error('throttled');
      return new Map([['signing/policy', 'none']]);
    }, '/vanthu/prod');
    // Act
    const first = await parameters.get('signing/policy').catch((error: Error) => error.message);
    const second = await parameters.get('signing/policy');
    // Assess
    expect(first).toBe('throttled');
    expect(second).toBe('none');
  });
});

describe('the agency seal with KMS', () => {
  const chain = `${toPem(agency.certificate)}${toPem(pki.root.certificate)}`;
  const parameters = (value: string | undefined) => ({ get: async (name: string) => (name === 'signing/agencies/000.00.91.H26' ? value : undefined) });

  it('gives the chain from the parameter and signs with one KMS Sign call over the digest', async () => {
    // Prepare
    const calls: unknown[][] = [];
    const sealer = new KmsAgencySealer(
      async (...call) => {
        calls.push(call);
        return new Uint8Array([1, 2, 3]);
      },
      parameters(JSON.stringify({ keyId: 'alias/vanthu-prod-seal-000-00-91-H26', certificates: chain })),
    );
    const digest = new Uint8Array(32).fill(7);
    // Act
    const credential = await sealer.credential('000.00.91.H26');
    const signature = await sealer.sign('000.00.91.H26', digest, 'rsa-pkcs1-sha256');
    // Assess
    expect(credential?.certificates.map((c) => Buffer.from(c).toString('hex'))).toEqual([agency.certificate, pki.root.certificate].map((c) => Buffer.from(c).toString('hex')));
    expect(credential?.algorithms[0]).toBe('rsa-pkcs1-sha256');
    expect(signature).toEqual(new Uint8Array([1, 2, 3]));
    expect(calls).toEqual([['alias/vanthu-prod-seal-000-00-91-H26', digest, 'RSASSA_PKCS1_V1_5_SHA_256']]);
  });

  it('has no seal for an agency without a parameter, and names the parameter when it is malformed', async () => {
    // Prepare
    const none = new KmsAgencySealer(async () => new Uint8Array(), parameters(undefined));
    const broken = new KmsAgencySealer(async () => new Uint8Array(), parameters(JSON.stringify({ keyId: 'k' })));
    // Act
    const missing = await none.credential('000.00.91.H26');
    const refused = broken.credential('000.00.91.H26');
    // Assess
    expect(missing).toBeUndefined();
    await expect(refused).rejects.toThrow('signing/agencies/000.00.91.H26');
  });

  it('reads PEM blocks of one label only', () => {
    // Act
    const blocks = pemBlocks(`junk\n${chain}-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n`, 'CERTIFICATE');
    // Assess
    expect(blocks).toHaveLength(2);
  });
});
