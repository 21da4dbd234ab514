import { UnprocessableError } from '#domain/errors';
import { deliveryForStatus } from '../deliveries/status-target.ts';
import type { Dependencies } from '../context.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { refuseCitySender } from './city.ts';
import type { Commit } from './document-sent.ts';
import type { DocumentStatusData } from './envelope.ts';

/**
 * Prepares a `document.status`: the reporting agency must be the signing agency, and a delivery of that
 * edXML DocumentId to it must exist — checked before anything is written. The commit records the status
 * under the ordering rule; recording the same code again changes nothing, so a redone commit is harmless.
 *
 * @throws {UnprocessableError} `city-sender`, `sender-mismatch`, `status-not-for-recipient` (13 is the sender's),
 * `reason-required` (02 without description), `unknown-delivery`.
 * @example
 * const commit = await prepareDocumentStatus(deps, '000.00.00.G12', envelope.data);
 */
export async function prepareDocumentStatus(deps: Dependencies, organId: string, data: DocumentStatusData): Promise<Commit> {
  refuseCitySender(deps.cityCode, data.from, 'body.data.from');
  if (data.from !== organId) {
    throw new UnprocessableError('sender-mismatch', `The status says it is from ${data.from}, but ${organId} signed the delivery.`, {
      errors: [{ path: 'body.data.from', message: `must be ${organId}` }],
    });
  }
  if (data.statusCode === '13') {
    throw new UnprocessableError('status-not-for-recipient', 'Status 13 (take back) is sent by the sender of a document, not by its recipient.', {
      errors: [{ path: 'body.data.statusCode', message: 'a recipient reports 01–06, 15 or 16' }],
    });
  }
  if (data.statusCode === '02' && data.description === undefined) {
    throw new UnprocessableError('reason-required', 'A returned document (status 02) needs the reason in description.', {
      errors: [{ path: 'body.data.description', message: 'is required for status 02' }],
    });
  }
  const delivery = await deliveryForStatus(deps, data.documentId, organId, `webhook-status:${organId}`);
  if (delivery === undefined) {
    throw new UnprocessableError('unknown-delivery', `No document ${data.documentId} was delivered to ${organId}.`, {
      errors: [{ path: 'body.data.documentId', message: 'no delivery of this document to your agency' }],
    });
  }

  return async () => {
    const { outcome, delivery: recorded } = await recordDeliveryStatus(deps, {
      documentId: delivery.documentId,
      recipientOrgId: organId,
      code: data.statusCode,
      at: data.timestamp,
      ...(data.description === undefined ? {} : { description: data.description }),
      source: { channel: 'webhook', organId },
    });
    return { status: 202, body: { received: true, type: 'document.status', documentId: data.documentId, statusCode: data.statusCode, deliveryStatus: recorded.status, outcome } };
  };
}
