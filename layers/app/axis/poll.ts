import { createLogger } from '#observability/log';
import type { Dependencies } from '../context.ts';

/** A listed package not acknowledged this long after it was queued is queued again. */
export const AXIS_DOC_ID = /^[A-Za-z0-9._-]{1,128}$/;

const REQUEUE_AFTER_SECONDS = 600;

/**
 * The scheduled poller: every package the axis lists for this system goes to the axisInbox queue once
 * (the ledger remembers what was queued; a package still listed ten minutes later is queued again). A
 * duplicate that gets through anyway is harmless: the receiver's unique keys make it a no-op. The listing's
 * `from` (the agency the axis authenticated as sender) travels with it: the receiver trusts that, not the package.
 */
export async function pollAxis(deps: Dependencies): Promise<{ listed: number; queued: number }> {
  const items = await deps.axis().listReceived();
  let queued = 0;
  for (const item of items) {
    // The docId becomes part of object keys and request headers: only the characters an id needs.
    if (!AXIS_DOC_ID.test(item.docId) || item.docId.includes('..')) {
      createLogger({ axisDocId: item.docId.slice(0, 200) }).error('the axis listed a package under an id vanthu does not accept; not fetched', { from: item.from });
      continue;
    }
    if (!(await deps.axisInbox.claim(item.docId, deps.clock.now(), REQUEUE_AFTER_SECONDS))) continue;
    await deps.queue.send('axisInbox', { body: JSON.stringify({ docId: item.docId, messageType: item.messageType, from: item.from }) });
    queued += 1;
  }
  return { listed: items.length, queued };
}
