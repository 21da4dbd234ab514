import { dependencies } from '#adapters/dependencies';
import { listNotifications } from '#app/reminders/notifications';
import { listNotificationsContract } from '#http/contracts/reminders';
import { httpRoute } from '#http/route';

/** GET /notifications */
export const handler = httpRoute(listNotificationsContract, async ({ query, principal, correlationId, requestId }) => {
  const page = await listNotifications(dependencies(), { principal, correlationId, requestId }, query);
  return { items: [...page.items], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
