import { getFile } from '#app/files/read-files';
import { getFileContract } from '#http/operations/get-file';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';

/** GET /documents/{id}/files/{fileId} */
export const handler = httpRoute(getFileContract, { clock, documents, files }, ({ deps, params, principal, correlationId, requestId }) =>
  getFile(deps, { principal, correlationId, requestId }, params.id, params.fileId),
);
