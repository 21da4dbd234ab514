import { markRead } from '#app/notifications/inbox';
import { readNotificationContract } from '#http/operations/read-notification';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';
import { notices } from '#adapters/ports/notices';

/** POST /notifications/{id}/read */
export const handler = httpRoute(readNotificationContract, { directory, notices }, async ({ deps, params, principal, correlationId, requestId }) => {
  await markRead(deps, { principal, correlationId, requestId }, params.id);
  return { id: params.id, read: true as const };
});
