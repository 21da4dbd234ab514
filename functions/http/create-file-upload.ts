import { dependencies } from '#adapters/dependencies';
import { createFileUpload } from '#app/files/create-upload';
import { createFileUploadContract } from '#http/contracts/files';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/files */
export const handler = httpRoute(createFileUploadContract, ({ params, body, principal, correlationId, requestId }) =>
  createFileUpload(dependencies(), { principal, correlationId, requestId }, params.id, body),
);
