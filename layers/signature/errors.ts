/**
 * Errors of the signature library. A hostile or broken PDF never escapes `verifyPdfSignatures` as an
 * exception: these classes are thrown inside the parsers and turned into a verdict with a reason at the
 * top. Only programming mistakes (bad options) reach the caller, as `SignatureOptionsError`.
 */

/** The PDF bytes do not follow the syntax we need (object, xref, trailer or stream malformed). */
export class PdfSyntaxError extends Error {
  override readonly name = 'PdfSyntaxError';
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
  }
}

/** A size, depth or time limit was reached while reading an untrusted file. */
export class LimitExceededError extends Error {
  override readonly name = 'LimitExceededError';
  constructor(
    readonly limit: 'time' | 'size' | 'depth' | 'count',
    message: string,
  ) {
    super(message);
  }
}

/** A CMS / certificate / revocation structure could not be decoded. */
export class CmsFormatError extends Error {
  override readonly name = 'CmsFormatError';
}

/** The caller passed unusable options (a trust anchor that is not a certificate, a negative limit). */
export class SignatureOptionsError extends Error {
  override readonly name = 'SignatureOptionsError';
}

/** The development signer cannot sign this input (no page, no catalog, contents too small). */
export class DevSignerError extends Error {
  override readonly name = 'DevSignerError';
}

/** A short human reason for any thrown value, without a stack. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
