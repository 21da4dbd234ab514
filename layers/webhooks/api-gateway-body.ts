/**
 * The raw bytes of an API Gateway / Lambda proxy body. Decode it exactly once and hand the same bytes to
 * `verifyWebhook` and then `parseBoundedJson`: decoding twice, or verifying a re-encoded string, is how
 * byte-exact signatures get broken.
 */
import { WebhookBodyTooLargeError } from './errors.ts';

/**
 * Bytes of `event.body`: base64-decoded when API Gateway says so, UTF-8-encoded otherwise. With
 * `maxBytes`, the decoded size is computed from the string first, so an oversized body is refused
 * before any large buffer is allocated.
 *
 * @throws {WebhookBodyTooLargeError} the decoded body would exceed `maxBytes`.
 * @example
 * const rawBody = decodeApiGatewayBody(event.body, event.isBase64Encoded, { maxBytes: DEFAULT_MAX_BODY_BYTES });
 */
export function decodeApiGatewayBody(body: string | undefined | null, isBase64Encoded: boolean, limits: { readonly maxBytes?: number } = {}): Uint8Array {
  if (body === undefined || body === null || body === '') return new Uint8Array(0);
  const size = isBase64Encoded ? base64DecodedLength(body) : Buffer.byteLength(body, 'utf8');
  const { maxBytes } = limits;
  if (maxBytes !== undefined && size > maxBytes) throw new WebhookBodyTooLargeError(maxBytes, size);
  return Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
}

/** Decoded length of padded base64 as API Gateway produces it (no whitespace). */
function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}
