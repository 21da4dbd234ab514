import { dependencies } from '#adapters/dependencies';
import { getFile } from '#app/files/read-files';
import { getFileContract } from '#http/contracts/files';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/files/{fileId} */
export const handler = httpRoute(getFileContract, ({ params, principal, correlationId, requestId }) => getFile(dependencies(), { principal, correlationId, requestId }, params.id, params.fileId));
