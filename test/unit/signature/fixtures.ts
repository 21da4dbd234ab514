/**
 * Shared test material: the public signed-PDF corpus and a DEVELOPMENT-ONLY test PKI generated once per
 * test file. The corpus is in ../shared/fixtures/pdf-signatures, outside the repository
 * (test/support/shared-fixtures.ts): read it only inside `describeWithFixtures` or `itWithFixtures`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createDevPki, issueCrl, type DevPki, type Identity, type KeyAlgorithm, type SignerSpec } from '#signature/dev/pki';
import { samplePdf } from '#signature/dev/sample-pdf';
import { signPdfDev, type DevSignOptions } from '#signature/dev/sign-pdf';
import { sharedFixture } from '../../support/shared-fixtures.ts';

export const corpusDir = sharedFixture('pdf-signatures');

const PerSignature = z.object({ verdict: z.string(), subIndication: z.string().optional() });
export const ManifestEntry = z
  .object({
    file: z.string(),
    group: z.string(),
    expected: z
      .object({
        signatures: z.number(),
        document_timestamps: z.number(),
        verdict: z.enum(['INTACT', 'MODIFIED_AFTER_SIGNING', 'TOTAL_FAILED', 'INDETERMINATE', 'NOT_VALID', 'NO_SIGNATURE_FOUND']),
        subIndication: z.string().nullable().optional(),
        integrity: z.object({ intact: z.union([z.boolean(), z.string(), z.null()]) }).passthrough(),
        per_signature: z.array(PerSignature).optional(),
      })
      .passthrough(),
    pdfsig: z.object({ signatures: z.array(z.object({ summary: z.string() }).passthrough()) }).passthrough(),
  })
  .passthrough();
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export function readManifest(): ManifestEntry[] {
  return z.array(ManifestEntry).parse(JSON.parse(readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8')));
}

export function corpusFile(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(corpusDir, file)));
}

/** A fixed validation time after every corpus signature (the newest is from March 2025). */
export const CORPUS_NOW = new Date('2026-06-01T00:00:00Z');

export const NOW = new Date('2026-03-01T08:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const pkis = new Map<string, DevPki>();

/** A test PKI with a leader and an agency signer, created once per algorithm and file. */
export function testPki(algorithm: KeyAlgorithm = 'rsa', extra: readonly SignerSpec[] = []): DevPki {
  const key = `${algorithm}:${extra.map((s) => s.name).join(',')}`;
  const known = pkis.get(key);
  if (known !== undefined) return known;
  const pki = createDevPki({ now: NOW, algorithm, signers: [{ name: 'leader' }, { name: 'agency' }, ...extra] });
  pkis.set(key, pki);
  return pki;
}

export function signer(pki: DevPki, name: string): Identity {
  const found = pki.signers.get(name);
  if (found === undefined) throw new Error(`no signer ${name} in the test PKI`);
  return found;
}

/** Signs `pdf` (default: a fresh sample) as `name`, with a CRL of the root that lists `revoked`. */
export function signAs(pki: DevPki, name: string, options: Partial<DevSignOptions> & { pdf?: Uint8Array; revoked?: { certificate: Uint8Array; at: Date }[] } = {}): Uint8Array {
  const signingTime = options.signingTime ?? NOW;
  const crl = issueCrl(pki.root, options.revoked ?? [], new Date(signingTime.getTime() - HOUR));
  return signPdfDev(options.pdf ?? samplePdf(['UY BAN NHAN DAN THANH PHO HA NOI', 'So: 123/UBND-VP', 'V/v thu nghiem chu ky so']), {
    signer: signer(pki, name),
    chain: [pki.root.certificate],
    signingTime,
    fieldName: `Signature-${name}`,
    crls: [crl],
    ...options,
  });
}

/** Replaces the first occurrence of `from` after `after` with `to` (same length keeps offsets). */
export function replaceBytes(pdf: Uint8Array, from: string, to: string, after = 0): Uint8Array {
  const buffer = Buffer.from(pdf);
  const at = buffer.indexOf(from, after, 'latin1');
  if (at < 0) throw new Error(`"${from}" not found`);
  return new Uint8Array(Buffer.concat([buffer.subarray(0, at), Buffer.from(to, 'latin1'), buffer.subarray(at + from.length)]));
}
