import { dependencies } from '#adapters/dependencies';
import { createFileUpload } from '#app/files/create-upload';
import { createFileUploadContract } from '#http/contracts/files';
import { httpRoute } from '#http/route';

/** POST /documents/{id}/files */
export const handler = httpRoute(createFileUploadContract, ({ params, body, principal, correlationId }) =>
  createFileUpload(dependencies(), { principal, correlationId }, params.id, body),
);
