import { putUnit } from '#app/people/directory';
import { putUnitContract } from '#http/operations/put-unit';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { directory } from '#adapters/ports/directory';

/** PUT /agencies/{organId}/units/{unitId} */
export const handler = httpRoute(putUnitContract, { directory, clock }, ({ deps, body, params, principal, correlationId, requestId }) =>
  putUnit(deps, { principal, correlationId, requestId }, params.organId, params.unitId, body),
);
