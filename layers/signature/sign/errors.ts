/** Why a PDF could not be prepared, stamped or signed; `code` is stable, the message says it in English. */
export class SigningError extends Error {
  override readonly name = 'SigningError';
  constructor(
    readonly code: 'encrypted' | 'unreadable' | 'no-page' | 'no-field' | 'reserved-field' | 'no-hole' | 'too-large' | 'bad-signature',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
