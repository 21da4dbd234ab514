import { dependencies } from '#adapters/dependencies';
import { configureNumbering } from '#app/documents/outgoing-workflow';
import { numberingContract } from '#http/contracts/workflow';
import { httpRoute } from '#http/route';

/** PUT /agencies/{organId}/numbering */
export const handler = httpRoute(numberingContract, ({ params, body, principal, correlationId }) => configureNumbering(dependencies(), { principal, correlationId }, params.organId, body));
