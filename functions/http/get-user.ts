import { getPerson } from '#app/people/directory';
import { getUserContract } from '#http/operations/get-user';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';

/** GET /users/{sub} */
export const handler = httpRoute(getUserContract, { directory }, ({ deps, params, principal, correlationId, requestId }) =>
  getPerson(deps, { principal, correlationId, requestId }, params.sub),
);
