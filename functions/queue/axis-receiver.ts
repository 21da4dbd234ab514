import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { dependencies } from '#adapters/dependencies';
import { sqsClient } from '#adapters/aws/clients';
import { required } from '#adapters/config';
import { exponentialBackoff, parseBody, processBatch } from '#adapters/sqs/batch';
import { env } from '#infra/definitions';
import { receivePackage } from '#app/axis/receive';
import { EdxmlError } from '#edxml/index';

const messageSchema = z.object({ docId: z.string().min(1).max(200), messageType: z.enum(['edoc', 'status']).optional() });

/**
 * Consumer of the axisInbox queue: receives each listed package (fetch, keep, parse, register, answer 01,
 * acknowledge). A package that is not valid edXML is acknowledged as `fail` and not retried.
 */
const backoff = { sqs: sqsClient, queueUrl: () => required(env.queueUrl('axisInbox')), delaySeconds: exponentialBackoff(2, 900) };

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = dependencies();
  return processBatch(event, { operation: 'axisReceiver', backoff }, async (record, log) => {
    const message = messageSchema.safeParse(parseBody(record.body));
    if (!message.success) {
      log.error('malformed inbox message dropped');
      return 'done';
    }
    try {
      await receivePackage(deps, { docId: message.data.docId }, record.messageId);
    } catch (error) {
      if (!(error instanceof EdxmlError)) throw error;
      log.error('refused an invalid edXML package', { docId: message.data.docId, reason: error.reason, error });
      await deps.axis().updateStatus(message.data.docId, 'fail');
    }
    return 'done';
  });
}
