/**
 * Why a webhook delivery is refused, with the HTTP status and the problem+json `errors[].path` of each
 * reason. 400: the request does not follow the scheme (fix the sender's code); 401: it follows the scheme
 * but is not authentic now (wrong key, stale or future timestamp); 413: the body is too large.
 */

/** Every reason `verifyWebhook` can refuse a delivery for. */
export type WebhookRefusal =
  | 'body-too-large'
  | 'missing-webhook-id'
  | 'invalid-webhook-id'
  | 'missing-webhook-timestamp'
  | 'invalid-webhook-timestamp'
  | 'missing-webhook-signature'
  | 'malformed-webhook-signature'
  | 'timestamp-too-old'
  | 'timestamp-in-future'
  | 'unsupported-signature-version'
  | 'signature-mismatch';

export type RefusalStatus = 400 | 401 | 413;

/** One entry of a problem+json `errors` array. */
export interface ProblemError {
  readonly path: string;
  readonly message: string;
}

/** A refused delivery: `reason`/`detail` name the first problem, `errors` lists every problem found. */
export interface WebhookRefused {
  readonly ok: false;
  readonly status: RefusalStatus;
  readonly reason: WebhookRefusal;
  readonly detail: string;
  readonly errors: readonly ProblemError[];
}

/** One problem found while checking a delivery, before it is turned into a {@link WebhookRefused}. */
export interface Problem {
  readonly reason: WebhookRefusal;
  readonly detail: string;
}

const REFUSALS: Record<WebhookRefusal, { status: RefusalStatus; path: string }> = {
  'body-too-large': { status: 413, path: 'body' },
  'missing-webhook-id': { status: 400, path: 'header.webhook-id' },
  'invalid-webhook-id': { status: 400, path: 'header.webhook-id' },
  'missing-webhook-timestamp': { status: 400, path: 'header.webhook-timestamp' },
  'invalid-webhook-timestamp': { status: 400, path: 'header.webhook-timestamp' },
  'missing-webhook-signature': { status: 400, path: 'header.webhook-signature' },
  'malformed-webhook-signature': { status: 400, path: 'header.webhook-signature' },
  'timestamp-too-old': { status: 401, path: 'header.webhook-timestamp' },
  'timestamp-in-future': { status: 401, path: 'header.webhook-timestamp' },
  'unsupported-signature-version': { status: 401, path: 'header.webhook-signature' },
  'signature-mismatch': { status: 401, path: 'header.webhook-signature' },
};

/** The HTTP status and problem path of a reason, for handlers that map refusals themselves. */
export function describeRefusal(reason: WebhookRefusal): { status: RefusalStatus; path: string } {
  return REFUSALS[reason];
}

/** Builds the refused result from a non-empty list of problems; the first decides the status. */
export function refuse(first: Problem, ...more: readonly Problem[]): WebhookRefused {
  const all = [first, ...more];
  return {
    ok: false,
    status: REFUSALS[first.reason].status,
    reason: first.reason,
    detail: first.detail,
    errors: all.map((p) => ({ path: REFUSALS[p.reason].path, message: p.detail })),
  };
}
