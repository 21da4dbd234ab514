import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { composePorts } from '#adapters/ports/compose';
import { agencies } from '#adapters/ports/agencies';
import { axis } from '#adapters/ports/axis';
import { calendar } from '#adapters/ports/calendar';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { deliveries } from '#adapters/ports/deliveries';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';
import { kpi } from '#adapters/ports/kpi';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { webhooks } from '#adapters/ports/webhooks';
import { sqsClient } from '#adapters/aws/sqs-client';
import { required } from '#adapters/config';
import { exponentialBackoff, parseBody, processBatch } from '#adapters/sqs/batch';
import { env } from '#adapters/environment';
import { sendDocument } from '#app/axis/send-document';
import { sendStatus } from '#app/axis/send-status';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('axis-sender', { agencies, axis, calendar, cityCode, clock, deliveries, documents, files, ids, kpi, outbox, queue, webhooks });

const messageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('send-document'),
    documentId: z.string(),
    bussinessDocType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    reason: z.string().optional(),
  }),
  z.object({ kind: z.literal('send-status'), documentId: z.string(), statusCode: z.enum(['01', '02', '03', '04', '05', '06', '15', '16']), description: z.string() }),
]);

/**
 * Consumer of the axisOutbox FIFO queue (one message group per document): sends documents to their
 * recipients and status packages to senders. A retryable axis failure sends the message back (the group
 * waits, so statuses keep their order); after maxReceiveCount it lands in the DLQ, whose alarm wakes an operator.
 */
/** A failed send comes back after 2, 4, 8 … seconds (with jitter), at most 15 minutes apart. */
const backoff = { sqs: sqsClient, queueUrl: () => required(env.queueUrl('axisOutbox')), delaySeconds: exponentialBackoff(2, 900) };

export const handler = instrumented('axisSender', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return processBatch(event, { operation: 'axisSender', fifo: true, backoff }, async (record, log) => {
    const message = messageSchema.safeParse(parseBody(record.body));
    if (!message.success) {
      log.error('malformed axis message dropped', { issues: message.error.issues.map((i) => i.message) });
      return 'done';
    }
    const { data } = message;
    if (data.kind === 'send-document')
      await sendDocument(
        deps,
        data.reason === undefined
          ? { documentId: data.documentId, bussinessDocType: data.bussinessDocType }
          : { documentId: data.documentId, bussinessDocType: data.bussinessDocType, reason: data.reason },
        record.messageId,
      );
    else await sendStatus(deps, data, record.messageId);
    return 'done';
  });
});
