import { createHash } from 'node:crypto';
import { parseAgencyCode } from '#domain/agency/code';
import { UnprocessableError, ValidationError } from '#domain/errors';
import { RECEIPT_TTL_SECONDS, type StoredResponse, type WebhookReceipt } from '#domain/webhook-keys/receipt';
import { BoundedJsonError, decodeApiGatewayBody, parseBoundedJson, verifyWebhook, WebhookBodyTooLargeError, type AgencyKeys } from '#webhooks/index';
import type { Dependencies } from '../context.ts';
import { activeAgencyKeys } from './agency-keys.ts';
import { refuseCitySender } from './city.ts';
import { prepareDocumentSent, type Commit } from './document-sent.ts';
import { prepareDocumentStatus } from './document-status.ts';
import { readEnvelope, type Envelope } from './envelope.ts';
import { WebhookRefusedError } from './refusal.ts';

/** Bodies above this are refused (413) before they are decoded: room for an edXML package with a signed PDF. */
export const WEBHOOK_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Deepest JSON nesting accepted; the envelope and the edXML model need fewer than 10 levels. */
export const WEBHOOK_MAX_JSON_DEPTH = 32;

const NO_KEYS: AgencyKeys = { hmacSecrets: [], ed25519PublicKeys: [] };

export interface InboundWebhook {
  /** The sending agency, from the path (either code notation). */
  readonly organId: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** `event.body` and `event.isBase64Encoded` exactly as API Gateway gives them. */
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
  readonly correlationId: string;
}

export interface InboundResult extends StoredResponse {
  /** The same webhook-id and body were accepted before: this is the stored response, nothing was done again. */
  readonly replayed: boolean;
}

/**
 * Receives a Standard Webhooks delivery from an external agency. Checks run cheapest and safest first,
 * and nothing is written until all pass: a sender that is a city agency (422, whatever key signed it:
 * city agencies send through the workflow), body size (413, before decoding), headers and timestamp (400/401,
 * before any key is read), signature against the agency's registered keys (401), the webhook-id's receipt
 * (same body: the stored response again; another body: 422 idempotency-key-reused), bounded JSON (400/413), the payload (400/422).
 * Then the receipt is claimed `processing`, the effect runs (idempotent on the webhook-id), and the receipt
 * is completed with the response — a crash in between is repaired by the sender's retry.
 *
 * @throws {WebhookRefusedError | ValidationError | UnprocessableError | ConflictError} 4xx refusals.
 * @example
 * const result = await receiveWebhook(deps, { organId: params.organId, headers: event.headers, body: event.body, isBase64Encoded: event.isBase64Encoded, correlationId });
 */
export async function receiveWebhook(deps: Dependencies, request: InboundWebhook): Promise<InboundResult> {
  const organId = senderCode(request.organId);
  refuseCitySender(deps.cityCode, organId, 'path.organId');
  const rawBody = decodeBody(request);
  const now = deps.clock.now();
  const check = (keys: AgencyKeys) => verifyWebhook({ headers: request.headers, rawBody, keys, now, maxBodyBytes: WEBHOOK_MAX_BODY_BYTES });

  // Headers, timestamp and signature syntax need no key: garbage is refused without touching the store.
  const syntax = check(NO_KEYS);
  if (!syntax.ok && syntax.reason !== 'signature-mismatch') throw WebhookRefusedError.fromVerification(syntax);
  const verified = check(await activeAgencyKeys(deps, organId));
  if (!verified.ok) throw WebhookRefusedError.fromVerification(verified);

  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const previous = await deps.webhooks.store.getReceipt(organId, verified.id);
  const replay = previous === undefined ? undefined : replayOf(previous, bodyHash);
  if (replay !== undefined) return replay;

  const envelope = readEnvelope(parseJson(rawBody));
  const commit = await prepare(deps, organId, envelope, verified.id, request.correlationId);

  if (previous === undefined) {
    const receipt: WebhookReceipt = {
      organId,
      webhookId: verified.id,
      bodyHash,
      status: 'processing',
      receivedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + RECEIPT_TTL_SECONDS,
    };
    const claim = await deps.webhooks.store.claimReceipt(receipt);
    const raced = claim.kind === 'exists' ? replayOf(claim.receipt, bodyHash) : undefined;
    if (raced !== undefined) return raced;
  }
  const response = await commit();
  await deps.webhooks.store.completeReceipt(organId, verified.id, bodyHash, response, deps.clock.now().toISOString());
  return { ...response, replayed: false };
}

/**
 * What a known webhook-id means: the stored response (done), a 422 (another body: the answer every
 * idempotency key gives on reuse, layers/http/idempotency.ts), or go on (unfinished).
 */
function replayOf(receipt: WebhookReceipt, bodyHash: string): InboundResult | undefined {
  if (receipt.bodyHash !== bodyHash) {
    throw new UnprocessableError(
      'idempotency-key-reused',
      `webhook-id ${receipt.webhookId} was already used for another body. Use a new id for a new message; keep the id only when retrying the same bytes.`,
      {
        errors: [{ path: 'header.webhook-id', message: 'already used with a different body' }],
      },
    );
  }
  if (receipt.status === 'done' && receipt.response !== undefined) return { ...receipt.response, replayed: true };
  // `processing`: an earlier attempt stopped before completing; its effect is redone (it is idempotent).
  return undefined;
}

async function prepare(deps: Dependencies, organId: string, envelope: Envelope, webhookId: string, correlationId: string): Promise<Commit> {
  if (envelope.type === 'document.status') return prepareDocumentStatus(deps, organId, envelope.data);
  const agency = await deps.agencies.get(organId);
  return prepareDocumentSent(deps, { organId, organName: agency?.name ?? organId }, envelope.data, webhookId, { maxBytes: WEBHOOK_MAX_BODY_BYTES, correlationId });
}

function senderCode(text: string): string {
  const parsed = parseAgencyCode(text);
  if (!parsed.ok) throw new ValidationError(`The agency code in the path is not valid: ${parsed.reason}`, { errors: [{ path: 'path.organId', message: parsed.reason }] });
  return parsed.code.code102;
}

function decodeBody(request: InboundWebhook): Uint8Array {
  try {
    return decodeApiGatewayBody(request.body, request.isBase64Encoded, { maxBytes: WEBHOOK_MAX_BODY_BYTES });
  } catch (error) {
    if (!(error instanceof WebhookBodyTooLargeError)) throw error;
    throw new WebhookRefusedError(413, 'webhook-body-too-large', error.message, [{ path: error.path, message: error.message }]);
  }
}

function parseJson(rawBody: Uint8Array): unknown {
  try {
    return parseBoundedJson(rawBody, { maxDepth: WEBHOOK_MAX_JSON_DEPTH, maxBytes: WEBHOOK_MAX_BODY_BYTES });
  } catch (error) {
    if (error instanceof BoundedJsonError) throw WebhookRefusedError.fromJson(error);
    throw error;
  }
}
