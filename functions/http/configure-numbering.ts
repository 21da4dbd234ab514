import { dependencies } from '#adapters/dependencies';
import { configureNumbering } from '#app/documents/numbering';
import { configureNumberingContract } from '#http/contracts/registers';
import { httpRoute } from '#http/route';

/** PUT /agencies/{organId}/numbering */
export const handler = httpRoute(configureNumberingContract, ({ params, body, principal, correlationId, requestId }) => configureNumbering(dependencies(), { principal, correlationId, requestId }, params.organId, body));
