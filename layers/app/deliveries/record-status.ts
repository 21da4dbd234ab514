import { createHash } from 'node:crypto';
import type { DeliveryStatusCode, Delivery, StatusSource } from '#domain/deliveries/delivery';
import { edxmlStatusCodes } from '#domain/deliveries/delivery';
import { applyStatusReport, type StatusReportOutcome } from '#domain/deliveries/ordering';
import { ConflictError, NotFoundError, UnprocessableError } from '#domain/errors';
import { returnedNotice } from '#domain/notifications/notice';
import type { Dependencies } from '../context.ts';
import { noticeEntry } from '../notifications/publish.ts';
import { notifyAgency, statusEventId } from '../webhooks/notify.ts';

/** A status a recipient (or a channel) reports for one delivery. */
export interface DeliveryStatusReport {
  readonly documentId: string;
  readonly recipientOrgId: string;
  readonly code: DeliveryStatusCode;
  /** When it happened, as the reporter says (ISO). */
  readonly at: string;
  readonly description?: string;
  readonly source: StatusSource;
}

const MAX_ATTEMPTS = 5;

/**
 * Records a reported status on a delivery under the ordering rule (layers/domain/deliveries/ordering.ts):
 * idempotent per (document, recipient, code); an out-of-order report goes to the history without moving
 * the status back. When the status moves, the agencies concerned that registered an endpoint are told
 * (`document.status` webhooks; the reporting agency itself is not).
 *
 * @throws {NotFoundError} no delivery of that document to that recipient.
 * @throws {UnprocessableError} `reason-required`: a 02 without its reason.
 * @example
 * await recordDeliveryStatus(deps, { documentId, recipientOrgId: '000.00.00.G12', code: '03', at, source: { channel: 'webhook', organId: '000.00.00.G12' } });
 */
export async function recordDeliveryStatus(deps: Dependencies, report: DeliveryStatusReport): Promise<{ outcome: StatusReportOutcome; delivery: Delivery }> {
  if (report.code === '02' && (report.description ?? '').trim() === '') {
    throw new UnprocessableError('reason-required', 'A returned document (status 02) needs the reason in description.', {
      errors: [{ path: 'body.data.description', message: 'is required for status 02' }],
    });
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await deps.deliveries.get(report.documentId, report.recipientOrgId);
    if (current === undefined) {
      throw new NotFoundError(`No delivery of document ${report.documentId} to ${report.recipientOrgId}.`, {
        details: { documentId: report.documentId, recipient: report.recipientOrgId },
      });
    }
    const { outcome, delivery } = applyStatusReport(current, report, deps.clock.now());
    if (outcome === 'duplicate') {
      // A retry after a crash between saving and notifying finds the report recorded: notify again (idempotent).
      if (current.history.some((entry) => entry.code === report.code && entry.applied)) {
        await notifyParties(deps, current, report);
        await noticeOfReturn(deps, current, report);
      }
      return { outcome, delivery };
    }
    if ((await deps.deliveries.save(delivery, current.version)) === 'conflict') continue;
    if (outcome === 'moved') {
      await notifyParties(deps, delivery, report);
      await noticeOfReturn(deps, delivery, report);
    }
    return { outcome, delivery };
  }
  throw new ConflictError('delivery-busy', `The delivery of ${report.documentId} to ${report.recipientOrgId} kept changing; try again.`);
}

/** The sender and the recipient, except the agency that reported the status, hear of the change. */
async function notifyParties(deps: Dependencies, delivery: Delivery, report: DeliveryStatusReport): Promise<void> {
  if (!isEdxmlCode(report.code)) return;
  const parties = [...new Set([delivery.senderOrgId, delivery.recipient.organId])].filter((organId) => organId !== report.source.organId);
  for (const organId of parties) {
    await notifyAgency(deps, organId, {
      id: statusEventId(delivery.documentId, delivery.recipient.organId, report.code, organId),
      type: 'document.status',
      occurredAt: deps.clock.now().toISOString(),
      data: {
        documentId: delivery.edxmlDocumentId,
        from: delivery.recipient.organId,
        to: delivery.senderOrgId,
        statusCode: report.code,
        ...(report.description === undefined ? {} : { description: report.description }),
        timestamp: report.at,
        deliveryStatus: delivery.status,
      },
    });
  }
}

/**
 * A recipient returned the document (02): its drafter and the sending agency's clerks are told, by a notice
 * whose id is the report's (a retry after a crash queues the same notice, which is recorded once).
 */
async function noticeOfReturn(deps: Dependencies, delivery: Delivery, report: DeliveryStatusReport): Promise<void> {
  if (report.code !== '02') return;
  const document = await deps.documents.getDocument(delivery.documentId);
  if (document?.direction !== 'outgoing') return;
  const actor = { sub: `agency:${delivery.recipient.organId}`, name: delivery.recipient.organName };
  const draft = returnedNotice(document, delivery.recipient.organName, report.description ?? '', actor);
  const id = createHash('sha256').update(`returned|${delivery.documentId}|${delivery.recipient.organId}`).digest('hex').slice(0, 32).toUpperCase();
  const entry = noticeEntry(deps, draft, id);
  await deps.queue.send(entry.queue, { body: JSON.stringify(entry.body), groupId: entry.groupId, deduplicationId: entry.id });
}

function isEdxmlCode(code: DeliveryStatusCode): boolean {
  return (edxmlStatusCodes as readonly string[]).includes(code);
}
