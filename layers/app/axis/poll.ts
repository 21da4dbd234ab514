import type { Dependencies } from '../context.ts';

/**
 * The scheduled poller: every package the axis lists for this system goes to the axisInbox queue; the
 * receiver does the rest. Listing the same package twice (the axis does) only enqueues it twice, and the
 * receiver's unique keys make the second one a no-op.
 */
export async function pollAxis(deps: Dependencies): Promise<number> {
  const items = await deps.axis().listReceived();
  for (const item of items) {
    await deps.queue.send('axisInbox', { body: JSON.stringify({ docId: item.docId, messageType: item.messageType }) });
  }
  return items.length;
}
