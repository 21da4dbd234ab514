import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createLogger, emitMetric, type Logger } from '#observability/log';

/** What handling one record came to: done, or to be delivered again (a batch item failure). */
export type RecordOutcome = 'done' | 'retry';

/**
 * The batch loop of every SQS consumer: each record handled on its own, with a logger carrying the
 * message id as correlation id; records that throw or ask for a retry are reported as batch item
 * failures, so only they come back (and end in the dead-letter queue after maxReceiveCount). On a FIFO
 * queue a failed record also holds back the later records of its message group, which keeps their order.
 *
 * @example
 * export const handler = (event: SQSEvent) => processBatch(event, { operation: 'axisSender', fifo: true }, (record) => send(record.body));
 */
export interface RetryBackoff {
  readonly sqs: () => SQSClient;
  readonly queueUrl: () => string;
  /** Seconds until a failed record comes back, by its receive count (exponential with jitter, ≤ 12 h). */
  readonly delaySeconds: (receiveCount: number) => number;
}

/** Exponential backoff with full jitter: up to base × 2^(n−1) seconds, capped. */
export function exponentialBackoff(baseSeconds: number, capSeconds: number): (receiveCount: number) => number {
  return (receiveCount) => Math.max(1, Math.round(Math.random() * Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, receiveCount - 1))));
}

export async function processBatch(
  event: SQSEvent,
  options: { operation: string; fifo?: boolean; backoff?: RetryBackoff },
  handle: (record: SQSRecord, log: Logger) => Promise<RecordOutcome | undefined>,
): Promise<SQSBatchResponse> {
  const logger = createLogger({ operation: options.operation });
  const batchItemFailures: SQSBatchItemFailure[] = [];
  const blockedGroups = new Set<string>();
  for (const record of event.Records) {
    const group = record.attributes?.MessageGroupId;
    const log = logger.child({ messageId: record.messageId, correlationId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount });
    if (options.fifo === true && group !== undefined && blockedGroups.has(group)) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    // How long the message waited in the queue before this delivery (the oldest-message alarm's view, per record).
    const sentAt = Number(record.attributes?.SentTimestamp);
    if (Number.isFinite(sentAt) && sentAt > 0) emitMetric('QueueLag', Math.max(0, Date.now() - sentAt), 'Milliseconds', { operation: options.operation });
    let outcome: RecordOutcome;
    try {
      outcome = (await handle(record, log)) ?? 'done';
    } catch (error) {
      log.error('record failed; it will be delivered again', { error });
      outcome = 'retry';
    }
    emitMetric('QueueRecords', 1, 'Count', { operation: options.operation, outcome });
    if (outcome === 'retry') {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (group !== undefined) blockedGroups.add(group);
    }
  }
  if (options.backoff !== undefined && batchItemFailures.length > 0) await delayRetries(event, batchItemFailures, options.backoff, logger);
  return { batchItemFailures };
}

/** Failed records come back after their backoff instead of the queue's fixed visibility timeout. */
async function delayRetries(event: SQSEvent, failures: readonly SQSBatchItemFailure[], backoff: RetryBackoff, logger: Logger): Promise<void> {
  const failed = new Set(failures.map((f) => f.itemIdentifier));
  const records = event.Records.filter((r) => failed.has(r.messageId));
  try {
    await backoff.sqs().send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: backoff.queueUrl(),
        Entries: records.slice(0, 10).map((r, i) => ({
          Id: String(i),
          ReceiptHandle: r.receiptHandle,
          VisibilityTimeout: Math.min(43_200, backoff.delaySeconds(Number(r.attributes?.ApproximateReceiveCount ?? 1))),
        })),
      }),
    );
  } catch (error) {
    logger.warn('backoff not applied; the queue visibility timeout applies', { error });
  }
}

/** JSON of a record body, or undefined when it is not JSON (the caller logs and drops it). */
export function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
