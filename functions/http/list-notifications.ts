import { listNotifications } from '#app/reminders/notifications';
import { listNotificationsContract } from '#http/operations/list-notifications';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { reminders } from '#adapters/ports/reminders';

/** GET /notifications */
export const handler = httpRoute(listNotificationsContract, { clock, reminders }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listNotifications(deps, { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
