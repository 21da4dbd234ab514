import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { createLogger, emitMetric } from '#adapters/observability';
import type { Dependencies } from '#app/context';
import { sendOutbound } from '#app/webhooks/send';
import { outboxMessageSchema } from '#domain/webhook-keys/outbound';

const logger = createLogger({ operation: 'webhookSender' });

/**
 * Consumer of the webhookOutbox queue: one attempt per message (POST signed, record, queue the retry).
 * Messages that cannot be handled now come back as batch item failures (and end in the dead-letter queue
 * after maxReceiveCount); a malformed message is logged and dropped, since no retry would make it valid.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return sendWebhooks(dependencies(), event);
}

/** The batch loop, with its dependencies passed in (tests give fakes). */
export async function sendWebhooks(deps: Dependencies, event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    const log = logger.child({ messageId: record.messageId, correlationId: record.messageId });
    const message = outboxMessageSchema.safeParse(parseJson(record.body));
    if (!message.success) {
      log.error('malformed outbox message dropped', { issues: message.error.issues.map((issue) => issue.message) });
      continue;
    }
    try {
      const outcome = await sendOutbound(deps, message.data);
      log.info('webhook attempt', { organId: message.data.organId, deliveryId: message.data.deliveryId, attempt: message.data.attempt, outcome });
      emitMetric('WebhookAttempts', 1, 'Count', { outcome });
      if (outcome === 'not-yet') batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      log.error('webhook attempt failed', { error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
