/**
 * Standard Webhooks (https://www.standardwebhooks.com) for deliveries from external agencies: verify and
 * sign, key formats, and the body handling that must happen around verification. Pure: no AWS, no clock.
 */
export { decodeApiGatewayBody } from './api-gateway-body.ts';
export { BoundedJsonError, parseBoundedJson, type BoundedJsonRefusal, type JsonLimits } from './bounded-json.ts';
export { WebhookBodyTooLargeError, WebhookKeyError, WebhookSecretError, WebhookSigningError } from './errors.ts';
export {
  MAX_SIGNATURES,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type SignatureVersion,
} from './headers.ts';
export {
  formatEd25519PublicKey,
  generateEd25519KeyPair,
  generateSecret,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  parseEd25519PublicKey,
  parseEd25519SigningKey,
  parseSecret,
  type AgencyKeys,
} from './keys.ts';
export { describeRefusal, type ProblemError, type RefusalStatus, type WebhookRefusal, type WebhookRefused } from './refusals.ts';
export { signWebhook, type SignWebhookInput, type WebhookHeaders } from './sign.ts';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  type VerifyResult,
  type VerifyWebhookInput,
  type WebhookVerified,
} from './verify.ts';
