import { readNumbering } from '#app/documents/numbering';
import { readNumberingContract } from '#http/operations/read-numbering';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { numbering } from '#adapters/ports/numbering';

/** GET /agencies/{organId}/numbering */
export const handler = httpRoute(readNumberingContract, { clock, numbering }, ({ deps, params, principal, correlationId, requestId }) =>
  readNumbering(deps, { principal, correlationId, requestId }, params.organId),
);
