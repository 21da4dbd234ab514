import { dependencies } from '#adapters/dependencies';
import { readNumbering } from '#app/documents/numbering';
import { readNumberingContract } from '#http/contracts/registers';
import { httpRoute } from '#http/route';

/** GET /agencies/{organId}/numbering */
export const handler = httpRoute(readNumberingContract, ({ params, principal, correlationId, requestId }) => readNumbering(dependencies(), { principal, correlationId, requestId }, params.organId));
