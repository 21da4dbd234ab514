import { dependencies } from '#adapters/dependencies';
import { getReceivedPackage } from '#app/files/received-package';
import { getReceivedPackageContract } from '#http/contracts/files';
import { httpRoute } from '#http/route';

/** GET /documents/{id}/package */
export const handler = httpRoute(getReceivedPackageContract, ({ params, principal, correlationId, requestId }) => getReceivedPackage(dependencies(), { principal, correlationId, requestId }, params.id));
