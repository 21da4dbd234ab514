import { defineContract } from '../contract.ts';
import { prepareSignatureBodySchema, preparedSigningSchema } from '../contracts/signing.ts';
import { documentParams } from '../contracts/files.ts';

export const prepareSignatureContract = defineContract({
  operationId: 'prepareSignature',
  method: 'POST',
  path: '/documents/{id}/signatures/prepare',
  tag: 'signing',
  summary: "Prepare the leader's personal signature of an outgoing document (deferred signing)",
  description:
    "vanthu adds to the document's PDF, in one incremental update, the empty number and date fields and a signature field with a reserved /Contents, and answers the SHA-256 of the CMS signed attributes. " +
    'A client-side signer (a USB token through the portal or a signing plugin) signs `hash` and posts the value to /documents/{id}/signatures/{signingId}/complete; a remote signer (CSC v2) is asked by vanthu when the leader completes with the PIN or OTP. ' +
    'Nothing about the document changes before completion; a session expires after 15 minutes. 409 not-signable unless submitted or approved; 422 no-pdf, unknown-credential, bad-certificate, signature-not-valid.',
  auth: 'jwt',
  permission: 'document.approve',
  ports: ['clock', 'directory', 'documents', 'files', 'ids', 'signing'],
  grants: { bucket: 'readwrite', signing: 'personal' },
  runtime: { signsPdf: true, memoryMb: 1536, timeoutSeconds: 28 },
  body: prepareSignatureBodySchema,
  query: undefined,
  params: documentParams,
  response: preparedSigningSchema,
  status: 201,
  errors: [400, 401, 403, 404, 409, 422],
});
