import { putPerson } from '#app/people/directory';
import { putUserContract } from '#http/operations/put-user';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { directory } from '#adapters/ports/directory';

/** PUT /users/{sub} */
export const handler = httpRoute(putUserContract, { directory, clock }, ({ deps, body, params, principal, correlationId, requestId }) =>
  putPerson(deps, { principal, correlationId, requestId }, params.sub, body),
);
