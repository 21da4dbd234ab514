import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { composePorts } from '#adapters/ports/compose';
import { agencies } from '#adapters/ports/agencies';
import { axis } from '#adapters/ports/axis';
import { axisInbox } from '#adapters/ports/axis-inbox';
import { calendar } from '#adapters/ports/calendar';
import { cityCode } from '#adapters/ports/city-code';
import { clock } from '#adapters/ports/clock';
import { deliveries } from '#adapters/ports/deliveries';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';
import { kpi } from '#adapters/ports/kpi';
import { numbering } from '#adapters/ports/numbering';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { webhooks } from '#adapters/ports/webhooks';
import { sqsClient } from '#adapters/aws/sqs-client';
import { required } from '#adapters/config';
import { exponentialBackoff, parseBody, processBatch } from '#adapters/sqs/batch';
import { env } from '#adapters/environment';
import { queues } from '#infra/queues';
import { receivePackage } from '#app/axis/receive';
import { recordGiveUp } from '#app/axis/refusals';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('axis-receiver', { agencies, axis, axisInbox, calendar, cityCode, clock, deliveries, documents, files, ids, kpi, numbering, outbox, queue, webhooks });

const messageSchema = z.object({ docId: z.string().min(1).max(200), messageType: z.enum(['edoc', 'status']).optional(), from: z.string().min(1).max(200).optional() });

/**
 * Consumer of the axisInbox queue: receives each listed package (fetch, keep, parse, check its sender,
 * register, acknowledge). A package that is not valid edXML, or not from whom it claims, is recorded and
 * acknowledged as `fail`, never retried (layers/app/axis/receive.ts).
 */
const MAX_RECEIVES = queues.find((q) => q.name === 'axisInbox')?.maxReceiveCount ?? 8;
const backoff = { sqs: sqsClient, queueUrl: () => required(env.queueUrl('axisInbox')), delaySeconds: exponentialBackoff(2, 900) };

export const handler = instrumented('axisReceiver', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return processBatch(event, { operation: 'axisReceiver', backoff }, async (record, log) => {
    const message = messageSchema.safeParse(parseBody(record.body));
    if (!message.success) {
      log.error('malformed inbox message dropped');
      return 'done';
    }
    const { docId, from } = message.data;
    const input = { docId, ...(from === undefined ? {} : { from }) };
    try {
      await receivePackage(deps, input, record.messageId);
    } catch (error) {
      // The last delivery before the dead-letter queue: the package is recorded under axis/refused/ with why.
      if (Number(record.attributes?.ApproximateReceiveCount ?? 1) >= MAX_RECEIVES)
        await recordGiveUp(deps, input, error, record.messageId).catch((e: unknown) => log.error('the give-up record could not be written', { error: e }));
      throw error;
    }
    return 'done';
  });
});
