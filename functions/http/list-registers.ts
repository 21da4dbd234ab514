import { listRegisters } from '#app/documents/registers';
import { registerListContract } from '#http/operations/list-registers';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { numbering } from '#adapters/ports/numbering';

/** GET /registers?year= */
export const handler = httpRoute(registerListContract, { agencies, clock, numbering }, async ({ deps, query, principal, correlationId, requestId }) => ({
  year: query.year,
  items: await listRegisters(deps, { principal, correlationId, requestId }, query.year),
}));
