import * as z from 'zod';
import { signatureAlgorithms } from '#domain/signing/ports';
import { documentParams } from './files.ts';
import { fileSchema } from './files.ts';
import { outgoingDocumentSchema } from './documents.ts';

const base64 = (what: string, max: number) =>
  z
    .string()
    .min(4)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what}: base64`)
    .describe(`${what}, base64`);

/** [x1, y1, x2, y2] in PDF points, wide and tall enough for the line at the smallest size it may shrink to. */
const rect = (minWidth: number) =>
  z
    .tuple([z.number().min(0).max(14_400), z.number().min(0).max(14_400), z.number().min(0).max(14_400), z.number().min(0).max(14_400)])
    .refine(([x1, y1, x2, y2]) => x2 - x1 >= minWidth && y2 - y1 >= 12 && y2 - y1 <= 200, `at least ${minWidth} points wide and 12 to 200 points tall, x2 > x1 and y2 > y1`);

export const signingParams = documentParams.extend({ signingId: z.string().regex(/^[0-9A-Z]{26}$/, 'expected a signing id (26 characters)') });

export const prepareSignatureBodySchema = z.object({
  fileId: z
    .string()
    .regex(/^[0-9A-Z]{26}$/)
    .optional()
    .describe("the PDF to sign; default: the document's latest stored PDF"),
  signer: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('client'),
      certificates: z.array(base64('a DER certificate', 16_384)).min(1).max(8).describe("the signer's certificate first, then its CAs (DER, base64), as the USB token gives them"),
    }),
    z.object({
      kind: z.literal('remote'),
      credentialId: z.string().min(1).max(200).describe("the leader's credential on the remote signing service (CSC credentialID)"),
    }),
  ]),
  stamp: z
    .object({
      page: z.number().int().min(1).max(10_000),
      number: rect(100).describe('where "Số: …" is written: [x1, y1, x2, y2] in PDF points'),
      date: rect(180).describe('where "Hà Nội, ngày … tháng … năm …" is written'),
    })
    .optional()
    .describe('where the number and date will be written at issue; default: ô 3 and ô 4 of Phụ lục I on A4'),
});

export const preparedSigningSchema = z.object({
  signingId: z.string(),
  documentId: z.string(),
  fileId: z.string(),
  expiresAt: z.string(),
  hash: z.string().describe('base64 SHA-256 of the DER signed attributes: sign exactly this (a pre-hashed SHA-256 signature)'),
  hashAlgorithm: z.literal('SHA-256'),
  signatureAlgorithm: z.enum(signatureAlgorithms),
  toBeSigned: z.string().describe('base64 DER signed attributes of the CMS: the bytes to be signed; `hash` is their SHA-256'),
  documentDigest: z.string().describe('base64 SHA-256 of the PDF bytes the signature covers: the message-digest of a CMS a signing plugin builds itself (complete with `cms`)'),
  signer: z.object({ kind: z.enum(['client', 'remote']), commonName: z.string(), certificateSha256: z.string(), notAfter: z.string() }),
});

export const completeSignatureBodySchema = z.object({
  signature: base64('the signature value over `hash`', 4096).optional().describe('client-side signer: the signature value over `hash`, base64'),
  cms: base64('a CMS SignedData', 400_000)
    .optional()
    .describe(
      'client-side signer whose plugin builds the whole CMS (detached, message-digest = documentDigest, signed by the prepared certificate), base64 DER; instead of `signature`',
    ),
  authorization: z
    .record(z.string().min(1).max(40), z.string().min(1).max(200))
    .refine((value) => Object.keys(value).length <= 4, 'at most 4 values')
    .optional()
    .describe('remote signer: what the leader gives for this one signature, e.g. {"PIN": "…"} or {"OTP": "…"}; passed to the service once, never stored'),
});

export const signatureEvidenceSchema = z.object({
  kind: z.enum(['personal', 'agency']),
  fileId: z.string(),
  fileSha256: z.string(),
  signedBytesSha256: z.string().describe('SHA-256 of the bytes the signature covers (the file but its /Contents)'),
  field: z.string(),
  signer: z.string(),
  certificateSha256: z.string(),
  signingTime: z.string().nullable(),
  timeSource: z.string(),
  indication: z.string(),
  subIndication: z.string().optional(),
  revocation: z.array(z.object({ kind: z.string(), source: z.string(), sha256: z.string() })).readonly(),
  timestamped: z.boolean(),
  evidenceKey: z.string(),
});

export const completedSigningSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed'), document: outgoingDocumentSchema, file: fileSchema, signature: signatureEvidenceSchema }),
  z.object({ status: z.literal('pending'), signingId: z.string(), expiresAt: z.string() }),
]);
