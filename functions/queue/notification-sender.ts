import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { composePorts } from '#adapters/ports/compose';
import { directory } from '#adapters/ports/directory';
import { notices } from '#adapters/ports/notices';
import { notifier } from '#adapters/ports/notifier';
import { parseBody, processBatch } from '#adapters/sqs/batch';
import { emitMetric } from '#observability/log';
import type { Dependencies } from '#app/context';
import { deliverNotice } from '#app/notifications/deliver';
import { noticeKinds } from '#domain/notifications/notice';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('notification-sender', { directory, notices, notifier });

const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), sub: z.string().min(1) }),
  z.object({ kind: z.literal('unit'), organId: z.string().min(1), unitId: z.string().min(1) }),
  z.object({ kind: z.literal('role'), organId: z.string().min(1), role: z.enum(['clerk', 'leader']) }),
]);
/** The `notifications` message (an outbox entry's body, layers/domain/outbox.ts). */
const messageSchema = z.object({
  kind: z.literal('notice'),
  notice: z.object({
    id: z.string().min(1).max(64),
    at: z.string(),
    kind: z.enum(noticeKinds),
    documentId: z.string().min(1),
    organId: z.string().min(1),
    audience: z.array(audienceSchema).min(1).max(600),
    actor: z.object({ sub: z.string(), name: z.string() }),
    subject: z.string(),
    text: z.string(),
    secret: z.boolean(),
  }),
});

/**
 * Consumer of the notifications queue (FIFO, one group per document): records each notice in its
 * audiences' inboxes and e-mails the people it concerns. A message that fails comes back (dead-letter queue
 * after maxReceiveCount); a malformed one is logged and dropped, since no retry would make it valid.
 */
export const handler = instrumented('notificationSender', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return sendNotices(deps, event);
});

/** The batch loop, with its dependencies passed in (tests and benches give their own). */
export async function sendNotices(deps: Dependencies, event: SQSEvent): Promise<SQSBatchResponse> {
  return processBatch(event, { operation: 'notificationSender', fifo: true }, async (record, log) => {
    const message = messageSchema.safeParse(parseBody(record.body));
    if (!message.success) {
      log.error('malformed notice dropped', { issues: message.error.issues.map((issue) => issue.message) });
      return 'done';
    }
    const { notice } = message.data;
    const tally = await deliverNotice(deps, notice);
    log.info('notice delivered', { noticeId: notice.id, kind: notice.kind, documentId: notice.documentId, organId: notice.organId, ...tally });
    emitMetric('NoticesMailed', tally.mailed, 'Count', { kind: notice.kind });
    return 'done';
  });
}
