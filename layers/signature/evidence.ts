import { createHash } from 'node:crypto';
import * as z from 'zod';
import { Indication, SubIndication } from './report.ts';
import { toPem, type Cert } from './trust/certificate.ts';
import type { RevocationData } from './trust/revocation.ts';

const RevocationEvidence = z.object({ kind: z.enum(['crl', 'ocsp']), source: z.string(), sha256: z.string(), base64: z.string() });

const ItemEvidence = z.object({
  kind: z.enum(['signature', 'document-timestamp']),
  index: z.number().int(),
  field: z.string(),
  indication: Indication,
  subIndication: SubIndication.optional(),
  time: z.string().nullable(),
  timeSource: z.enum(['timestamp', 'claimed', 'none']),
  byteRange: z.array(z.number()).nullable(),
  /** PEM certificates of the path used, signer first. */
  certificates: z.array(z.string()),
  revocation: z.array(RevocationEvidence),
  /** The RFC 3161 token (signature timestamp or the document timestamp itself), base64. */
  timestampToken: z.string().nullable(),
});

/**
 * What is stored beside a verified file so the verdict can be re-checked offline later (X-Road message
 * log idea): the file's hash, the time and policy used, and for every signature the certificates,
 * revocation data and timestamp it rested on, as exact bytes.
 */
export const VerificationEvidence = z.object({
  version: z.literal(1),
  verifiedAt: z.string(),
  verdict: Indication,
  fileSha256: z.string(),
  fileSize: z.number().int(),
  trustAnchors: z.array(z.object({ subject: z.string(), sha256: z.string() })),
  policy: z.object({ modificationPolicy: z.enum(['fail', 'warn']), onlineRevocation: z.boolean() }),
  items: z.array(ItemEvidence),
});
export type VerificationEvidence = z.infer<typeof VerificationEvidence>;
export type ItemEvidence = z.infer<typeof ItemEvidence>;

export interface ItemInput {
  readonly kind: ItemEvidence['kind'];
  readonly index: number;
  readonly field: string;
  readonly indication: ItemEvidence['indication'];
  readonly subIndication?: ItemEvidence['subIndication'];
  readonly time: string | null;
  readonly timeSource: ItemEvidence['timeSource'];
  readonly byteRange: number[] | null;
  readonly certificates: readonly Cert[];
  readonly revocation: readonly RevocationData[];
  readonly timestampToken: Uint8Array | undefined;
}

/** Turns the material a check used into its evidence entry (bytes as PEM/base64). */
export function itemEvidence(input: ItemInput): ItemEvidence {
  return {
    kind: input.kind,
    index: input.index,
    field: input.field,
    indication: input.indication,
    ...(input.subIndication === undefined ? {} : { subIndication: input.subIndication }),
    time: input.time,
    timeSource: input.timeSource,
    byteRange: input.byteRange,
    certificates: input.certificates.map((c) => toPem(c.der)),
    revocation: input.revocation.map((r) => ({ kind: r.kind, source: r.source, sha256: sha256(r.der), base64: Buffer.from(r.der).toString('base64') })),
    timestampToken: input.timestampToken === undefined ? null : Buffer.from(input.timestampToken).toString('base64'),
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
