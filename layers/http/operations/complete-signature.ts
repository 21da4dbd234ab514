import { defineContract } from '../contract.ts';
import { completeSignatureBodySchema, completedSigningSchema, signingParams } from '../contracts/signing.ts';

export const completeSignatureContract = defineContract({
  operationId: 'completeSignature',
  method: 'POST',
  path: '/documents/{id}/signatures/{signingId}/complete',
  tag: 'signing',
  summary: 'Complete a prepared personal signature: embed it, verify it, keep the evidence',
  description:
    'Client-side signer: `signature` is the value over the prepared hash. Remote signer: `authorization` (PIN, OTP) is passed once to the service, never stored. ' +
    "The CMS is embedded (with a signature timestamp when a TSA is configured) and the whole file verified against the trust anchors; only when every signature is TOTAL_PASSED is the signed PDF stored as a new file, the document approved and the signature's evidence recorded in its history. " +
    'Answers status pending while a remote service waits for the leader to confirm (call again, with a new Idempotency-Key: the same key replays the pending answer). 409 signature-completed, signature-expired, document-changed; 422 signature-invalid, signature-refused, signature-not-valid: nothing changes.',
  auth: 'jwt',
  permission: 'document.approve',
  ports: ['clock', 'documents', 'files', 'ids', 'outbox', 'queue', 'signing'],
  sends: ['notifications'],
  grants: { bucket: 'readwrite', signing: 'personal' },
  runtime: { signsPdf: true, memoryMb: 1536, timeoutSeconds: 28 },
  body: completeSignatureBodySchema,
  query: undefined,
  params: signingParams,
  response: completedSigningSchema,
  status: 200,
  errors: [400, 401, 403, 404, 409, 422],
});
