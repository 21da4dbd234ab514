import { createHash } from 'node:crypto';
import type { DocumentFile } from '#domain/files/file';
import type { PdfVerification } from '#domain/signing/engine';

/**
 * What the history keeps of a signature made in the workflow: whose, over which bytes, verified how, with
 * which revocation data and time; the full evidence (PEM chain, CRL/OCSP bytes, timestamp token) is the
 * JSON object `evidenceKey` in the bucket, the same `npx vanthu verify --evidence` writes.
 */
export interface SignatureEvidence {
  readonly kind: 'personal' | 'agency';
  readonly fileId: string;
  readonly fileSha256: string;
  /** SHA-256 (hex) of the bytes the signature covers: the file but its /Contents (its message-digest). */
  readonly signedBytesSha256: string;
  /** The signature's form field in the PDF. */
  readonly field: string;
  readonly signer: string;
  readonly certificateSha256: string;
  readonly signingTime: string | null;
  readonly timeSource: string;
  readonly indication: string;
  readonly subIndication?: string;
  readonly revocation: readonly { readonly kind: string; readonly source: string; readonly sha256: string }[];
  readonly timestamped: boolean;
  readonly evidenceKey: string;
}

interface EvidenceItem {
  readonly kind?: string;
  readonly index?: number;
  readonly field?: string;
  readonly indication?: string;
  readonly subIndication?: string;
  readonly time?: string | null;
  readonly timeSource?: string;
  readonly certificates?: readonly string[];
  readonly revocation?: readonly { readonly kind: string; readonly source: string; readonly sha256: string }[];
  readonly timestampToken?: string | null;
}

/**
 * The summary of signature `index` (0-based, signing order) of a verified file, for the history; `bytes`
 * and `hole` are the file and that signature's /Contents, to state the hash of what it covers.
 */
export function signatureEvidence(
  verification: PdfVerification,
  index: number,
  file: DocumentFile,
  kind: SignatureEvidence['kind'],
  covered: { readonly bytes: Uint8Array; readonly hole: { readonly start: number; readonly end: number } },
): SignatureEvidence {
  const items = (verification.evidence.items ?? []) as readonly EvidenceItem[];
  const item = items.filter((i) => i.kind === 'signature')[index];
  const line = verification.report.signatures[index];
  const [signerPem] = item?.certificates ?? [];
  return {
    kind,
    fileId: file.fileId,
    fileSha256: file.sha256,
    signedBytesSha256: createHash('sha256').update(covered.bytes.subarray(0, covered.hole.start)).update(covered.bytes.subarray(covered.hole.end)).digest('hex'),
    field: item?.field ?? '',
    signer: line?.signer ?? '',
    certificateSha256: signerPem === undefined ? '' : createHash('sha256').update(pemBody(signerPem)).digest('hex'),
    signingTime: item?.time ?? null,
    timeSource: item?.timeSource ?? 'none',
    indication: line?.indication ?? verification.verdict,
    ...(line?.subIndication === undefined ? {} : { subIndication: line.subIndication }),
    revocation: (item?.revocation ?? []).map((r) => ({ kind: r.kind, source: r.source, sha256: r.sha256 })),
    timestamped: typeof item?.timestampToken === 'string' && item.timestampToken.length > 0,
    evidenceKey: String(file.verification?.report.evidenceKey ?? ''),
  };
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
