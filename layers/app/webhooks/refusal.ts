import { DomainError, type ErrorKind, type FieldIssue } from '#domain/errors';
import type { BoundedJsonError, WebhookRefused } from '#webhooks/index';

const KIND_BY_STATUS: Record<400 | 401 | 413, ErrorKind> = { 400: 'validation', 401: 'unauthenticated', 413: 'too-large' };

/**
 * A delivery refused before it was read for meaning: headers, timestamp, signature, body size or JSON
 * shape. Problem types name the reason (`webhook-signature-mismatch`, `webhook-json-too-deep`, ...) so the
 * sending agency's developers can tell them apart. Nothing is written for it.
 */
export class WebhookRefusedError extends DomainError {
  readonly kind: ErrorKind;
  readonly type: string;

  constructor(status: 400 | 401 | 413, type: string, detail: string, errors: readonly FieldIssue[]) {
    super(detail, { errors });
    this.kind = KIND_BY_STATUS[status];
    this.type = type;
  }

  /** A refusal of `verifyWebhook`. */
  static fromVerification(refused: WebhookRefused): WebhookRefusedError {
    return new WebhookRefusedError(refused.status, `webhook-${refused.reason}`, refused.detail, refused.errors);
  }

  /** A body that is not bounded JSON: too large, too deep, not UTF-8 JSON. */
  static fromJson(error: BoundedJsonError): WebhookRefusedError {
    return new WebhookRefusedError(error.status, `webhook-json-${error.reason}`, error.message, [{ path: error.path, message: error.message }]);
  }
}
