import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { composePorts } from '#adapters/ports/compose';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { webhooks } from '#adapters/ports/webhooks';
import { emitMetric } from '#observability/log';
import { parseBody, processBatch } from '#adapters/sqs/batch';
import type { Dependencies } from '#app/context';
import { sendOutbound } from '#app/webhooks/send';
import { outboxMessageSchema } from '#domain/webhook-keys/outbound';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('webhook-sender', { agencies, clock, webhooks });

/**
 * Consumer of the webhookOutbox queue: one attempt per message (POST signed, record, queue the retry).
 * Messages that cannot be handled now come back as batch item failures (and end in the dead-letter queue
 * after maxReceiveCount); a malformed message is logged and dropped, since no retry would make it valid.
 */
export const handler = instrumented('webhookSender', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return sendWebhooks(deps, event);
});

/** The batch loop, with its dependencies passed in (tests give fakes). */
export async function sendWebhooks(deps: Dependencies, event: SQSEvent): Promise<SQSBatchResponse> {
  return processBatch(event, { operation: 'webhookSender' }, async (record, log) => {
    const message = outboxMessageSchema.safeParse(parseBody(record.body));
    if (!message.success) {
      log.error('malformed outbox message dropped', { issues: message.error.issues.map((issue) => issue.message) });
      return 'done';
    }
    const outcome = await sendOutbound(deps, message.data);
    log.info('webhook attempt', { organId: message.data.organId, deliveryId: message.data.deliveryId, attempt: message.data.attempt, outcome });
    emitMetric('WebhookAttempts', 1, 'Count', { outcome });
    return outcome === 'not-yet' ? 'retry' : 'done';
  });
}
