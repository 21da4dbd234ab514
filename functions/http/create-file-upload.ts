import { createFileUpload } from '#app/files/create-upload';
import { createFileUploadContract } from '#http/operations/create-file-upload';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';

/** POST /documents/{id}/files */
export const handler = httpRoute(createFileUploadContract, { clock, documents, files, ids }, ({ deps, params, body, principal, correlationId, requestId }) =>
  createFileUpload(deps, { principal, correlationId, requestId }, params.id, body),
);
