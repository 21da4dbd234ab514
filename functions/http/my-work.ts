import { myWork } from '#app/work/my-work';
import { myWorkContract } from '#http/operations/my-work';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';
import { work } from '#adapters/ports/work';

/** GET /work */
export const handler = httpRoute(myWorkContract, { directory, work }, async ({ deps, principal, correlationId, requestId }) => {
  const result = await myWork(deps, { principal, correlationId, requestId });
  return { organId: result.organId, tiles: [...result.tiles], total: result.total };
});
