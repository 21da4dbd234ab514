import { configureNumbering } from '#app/documents/numbering';
import { configureNumberingContract } from '#http/operations/configure-numbering';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { numbering } from '#adapters/ports/numbering';

/** PUT /agencies/{organId}/numbering */
export const handler = httpRoute(configureNumberingContract, { clock, numbering }, ({ deps, params, body, principal, correlationId, requestId }) =>
  configureNumbering(deps, { principal, correlationId, requestId }, params.organId, body),
);
