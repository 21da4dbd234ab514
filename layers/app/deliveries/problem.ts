import type { Delivery } from '#domain/deliveries/delivery';
import { createLogger } from '#observability/log';
import type { Dependencies } from '../context.ts';

const MAX_ATTEMPTS = 5;

/**
 * Says on a delivery why it cannot go on (`problem`), and in the error log: a delivery is never left to look
 * fine when it is not. Statuses keep arriving on the delivery meanwhile, so a version conflict re-reads it.
 */
export async function recordDeliveryProblem(
  deps: Dependencies,
  delivery: Pick<Delivery, 'documentId' | 'recipient'>,
  code: string,
  message: string,
  correlationId: string,
): Promise<void> {
  createLogger({ correlationId, documentId: delivery.documentId }).error('delivery problem', { recipient: delivery.recipient.organId, code, message });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await deps.deliveries.get(delivery.documentId, delivery.recipient.organId);
    if (current === undefined) return;
    const at = deps.clock.now().toISOString();
    if ((await deps.deliveries.save({ ...current, problem: { code, message, at }, updatedAt: at, version: current.version + 1 }, current.version)) === 'saved') return;
  }
  throw new Error(`the problem ${code} of delivery ${delivery.documentId} → ${delivery.recipient.organId} could not be recorded: it kept changing`);
}
