import { listInbox } from '#app/notifications/inbox';
import { listNotificationsContract } from '#http/operations/list-notifications';
import { inboxView } from '#http/contracts/notification-view';
import { httpRoute } from '#http/route';
import { directory } from '#adapters/ports/directory';
import { notices } from '#adapters/ports/notices';

/** GET /notifications */
export const handler = httpRoute(listNotificationsContract, { directory, notices }, async ({ deps, query, principal, correlationId, requestId }) => {
  const page = await listInbox(deps, { principal, correlationId, requestId }, query);
  return { items: page.items.map((item) => inboxView(item, principal.sub)), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
