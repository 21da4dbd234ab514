/**
 * Errors thrown by the webhook library. Refusals of an incoming delivery are *values* (see `verifyWebhook`);
 * these classes are for programming or configuration mistakes and for inputs refused at the edge
 * (a secret typed by an administrator, a body too large to decode). Messages never contain key material.
 */

/** A `whsec_` secret that is malformed, too short or too long. */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
}

/** An Ed25519 key of the wrong kind (private where public is needed, not Ed25519) or badly encoded. */
export class WebhookKeyError extends Error {
  override readonly name = 'WebhookKeyError';
}

/** `signWebhook` called with an id, timestamp or key set it cannot sign with. */
export class WebhookSigningError extends Error {
  override readonly name = 'WebhookSigningError';
}

/** A request body larger than the limit, detected before it is decoded or parsed (HTTP 413). */
export class WebhookBodyTooLargeError extends Error {
  override readonly name = 'WebhookBodyTooLargeError';
  readonly status = 413;
  readonly path = 'body';
  constructor(
    readonly maxBytes: number,
    readonly actualBytes: number,
  ) {
    super(`The request body is ${actualBytes} bytes; the limit is ${maxBytes} bytes. Send a smaller payload (link large files instead of embedding them).`);
  }
}
