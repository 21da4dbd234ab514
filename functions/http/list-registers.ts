import { dependencies } from '#adapters/dependencies';
import { listRegisters } from '#app/documents/registers';
import { registerListContract } from '#http/contracts/registers';
import { httpRoute } from '#http/route';

/** GET /registers?year= */
export const handler = httpRoute(registerListContract, async ({ query, principal, correlationId, requestId }) => ({ year: query.year, items: await listRegisters(dependencies(), { principal, correlationId, requestId }, query.year) }));
