import { getReceivedPackage } from '#app/files/received-package';
import { getReceivedPackageContract } from '#http/operations/get-received-package';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';

/** GET /documents/{id}/package */
export const handler = httpRoute(getReceivedPackageContract, { clock, documents, files }, ({ deps, params, principal, correlationId, requestId }) =>
  getReceivedPackage(deps, { principal, correlationId, requestId }, params.id),
);
