/**
 * An engine (see ./pdf-signatures.ts): the PDF signing engine — deferred personal signatures, the issue's
 * number stamp and agency seal — with the verifier and the stamp's font, loaded by the functions that sign.
 */
export { createPdfSigningEngine } from '#signature/sign/engine';
export { crlsForChain } from '#signature/sign/revocation';
