import { listPeople } from '#app/people/directory';
import { listUsersContract } from '#http/operations/list-users';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';

/** GET /users */
export const handler = httpRoute(listUsersContract, { directory }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listPeople(deps, { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
