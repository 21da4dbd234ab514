/**
 * PDF signature verification (PAdES / CMS, ETSI EN 319 102-1 verdicts) — the public surface used by the
 * file handlers and `vanthu verify`. Design and limits: docs/SIGNATURES.md.
 *
 * @example
 * import { verifyPdf } from '#signature/index';
 * const { report, evidence } = await verifyPdf(bytes, { trustAnchors, now: clock.now() });
 */
export { verifyPdf, verifyPdfSignatures, type VerifiedPdf } from './verify.ts';
export { VerifyOptionsSchema, type RevocationFetcher, type VerifyOptions } from './options.ts';
export { Indication, SubIndication, SignatureReport, DocumentTimestampReport, VerificationReport, type Change } from './report.ts';
export { VerificationEvidence } from './evidence.ts';
export { SignatureOptionsError } from './errors.ts';
