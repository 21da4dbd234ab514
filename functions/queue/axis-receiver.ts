import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { dependencies } from '#adapters/dependencies';
import { sqsClient } from '#adapters/aws/clients';
import { required } from '#adapters/config';
import { exponentialBackoff, parseBody, processBatch } from '#adapters/sqs/batch';
import { env, queues } from '#infra/definitions';
import { receivePackage } from '#app/axis/receive';
import { recordGiveUp } from '#app/axis/refusals';

const messageSchema = z.object({ docId: z.string().min(1).max(200), messageType: z.enum(['edoc', 'status']).optional(), from: z.string().min(1).max(200).optional() });

/**
 * Consumer of the axisInbox queue: receives each listed package (fetch, keep, parse, check its sender,
 * register, acknowledge). A package that is not valid edXML, or not from whom it claims, is recorded and
 * acknowledged as `fail`, never retried (layers/app/axis/receive.ts).
 */
const MAX_RECEIVES = queues.find((q) => q.name === 'axisInbox')?.maxReceiveCount ?? 8;
const backoff = { sqs: sqsClient, queueUrl: () => required(env.queueUrl('axisInbox')), delaySeconds: exponentialBackoff(2, 900) };

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = dependencies();
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
      if (Number(record.attributes?.ApproximateReceiveCount ?? 1) >= MAX_RECEIVES) await recordGiveUp(deps, input, error, record.messageId).catch((e: unknown) => log.error('the give-up record could not be written', { error: e }));
      throw error;
    }
    return 'done';
  });
}
