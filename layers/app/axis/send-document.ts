import { createHash } from 'node:crypto';
import { createLogger } from '#observability/log';
import { AxisRejectedError } from '#domain/axis/errors';
import { newDelivery, type Delivery } from '#domain/deliveries/delivery';
import { isSecret } from '#domain/documents/document';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { sentChange } from '#domain/kpi/counters';
import { buildEdocToBuffer, EdxmlError } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { recordDeliveryProblem } from '../deliveries/problem.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { receiveIncoming } from '../documents/arrivals.ts';
import { attachmentsOf, shareFiles } from './files.ts';
import { edocOf, edxmlDocumentId } from './packages.ts';
import { applySenderRequest } from './requests.ts';
import { isCityAgency, systemPrincipal } from './recipients.ts';

/**
 * Sends an issued document to every recipient: agencies of the city directly (an `arrived` document in
 * their inbox, with the same statuses and history), everyone else through the national axis. Each
 * recipient has a delivery record; a recipient already sent to is skipped, so a redelivered message sends
 * nothing twice. Secret documents never leave: nothing is sent and the refusal is logged.
 *
 * @throws the axis's retryable errors (AxisUnavailableError): the queue delivers the message again.
 */
export async function sendDocument(deps: Dependencies, input: { documentId: string; bussinessDocType: 0 | 1 | 2 | 3; reason?: string }, correlationId: string): Promise<void> {
  const logger = createLogger({ correlationId, documentId: input.documentId });
  const document = await deps.documents.getDocument(input.documentId);
  if (document === undefined || document.direction !== 'outgoing' || document.issue === undefined) {
    logger.warn('nothing to send: not an issued outgoing document');
    return;
  }
  if (isSecret(document)) {
    logger.warn('refused: secret documents never travel electronically', { secrecy: document.secrecy });
    return;
  }
  const edxmlId = edxmlDocumentId(document);
  const units = await deps.agencies.getMany(document.recipients.map((r) => r.organId));
  const sender = (await deps.agencies.getMany([document.organId])).get(document.organId);
  for (const recipient of document.recipients) {
    const channel = isCityAgency(deps.cityCode, recipient.organId, units.get(recipient.organId)) ? 'internal' : 'axis';
    await deps.deliveries.create(newDelivery({ documentId: document.id, senderOrgId: document.organId, recipient, channel, edxmlDocumentId: edxmlId }, deps.clock.now()));
    const delivery = await deps.deliveries.get(document.id, recipient.organId);
    if (delivery === undefined) throw new Error(`delivery of ${document.id} to ${recipient.organId} vanished`);
    if (input.bussinessDocType === 0) {
      if (delivery.history.some((entry) => entry.code === 'sent')) continue;
      if (delivery.status !== 'pending') {
        // The recipient already answered (the axis took the package, then failed to say so): it was sent.
        await markSent(deps, delivery, delivery.channel === 'internal' ? 'internal' : 'axis', 'confirmed by the recipient');
        continue;
      }
      if (delivery.channel === 'internal') await deliverInternally(deps, document, delivery, input, edxmlId, correlationId);
      else await sendThroughAxis(deps, document, delivery, sender, input, logger, correlationId);
      continue;
    }
    // A revocation, update or replacement goes to recipients that have the document, once.
    if (delivery.status === 'pending' || delivery.history.some((entry) => entry.code === '13')) continue;
    if (delivery.channel === 'internal') {
      if (!(await forwardRequestInternally(deps, document, delivery, input, correlationId))) continue;
    } else if (!(await sendThroughAxis(deps, document, delivery, sender, input, logger, correlationId))) continue;
    await recordDeliveryStatus(deps, {
      documentId: document.id,
      recipientOrgId: delivery.recipient.organId,
      code: '13',
      at: deps.clock.now().toISOString(),
      ...(input.reason === undefined ? {} : { description: input.reason }),
      source: { channel: delivery.channel, organId: document.organId },
    });
  }
}

async function deliverInternally(
  deps: Dependencies,
  document: OutgoingDocument,
  delivery: Delivery,
  input: { bussinessDocType: number; reason?: string },
  edxmlId: string,
  correlationId: string,
): Promise<void> {
  const issue = document.issue;
  if (issue === undefined) return;
  // The hand-over time is taken before the recipient's 01 can be reported (it is relayed at once).
  const sentAt = deps.clock.now();
  const sender = (await deps.agencies.getMany([document.organId])).get(document.organId);
  const received = await receiveIncoming(
    deps,
    {
      organId: delivery.recipient.organId,
      metadata: {
        issuer: { organId: document.organId, organName: sender?.name ?? document.organId },
        codeNumber: issue.codeNumber,
        codeNotation: issue.codeNotation,
        promulgationDate: issue.issueDate,
        typeName: document.typeName,
        subject: document.subject,
        ...(document.signer === undefined ? {} : { signer: document.signer }),
        urgency: document.urgency,
        secrecy: 'none',
        ...(document.pageAmount === undefined ? {} : { pageAmount: document.pageAmount }),
        ...(document.dueDate === undefined ? {} : { dueDate: document.dueDate }),
      },
      source: { channel: 'internal', fromOrganId: document.organId, externalId: document.id, documentId: edxmlId, senderDocumentId: document.id },
      receivedBy: systemPrincipal(delivery.recipient.organId, 'internal-delivery'),
    },
    correlationId,
    { uniqueKey: internalDeliveryKey(document.id, input.bussinessDocType, delivery.recipient.organId) },
  );
  if (received.source?.senderDocumentId !== document.id) {
    // Never "delivered as" another document: the recipient's copy under this key is not this document's.
    await recordDeliveryProblem(
      deps,
      delivery,
      'identity-collision',
      `Văn bản nhận ${received.id} của ${delivery.recipient.organId} là bản của văn bản ${received.source?.senderDocumentId ?? '?'}, không phải ${document.id}; chưa giao văn bản này.`,
      correlationId,
    );
    return;
  }
  await shareFiles(deps, document.id, received.id);
  await markSent(deps, delivery, 'internal', `delivered as ${received.id}`, sentAt);
}

async function sendThroughAxis(
  deps: Dependencies,
  document: OutgoingDocument,
  delivery: Delivery,
  sender: Parameters<typeof edocOf>[1],
  input: { bussinessDocType: 0 | 1 | 2 | 3; reason?: string },
  logger: ReturnType<typeof createLogger>,
  correlationId: string,
): Promise<boolean> {
  const replacedBy = await replacementOf(deps, document);
  const edoc = edocOf(
    document,
    sender,
    [delivery.recipient],
    {
      type: input.bussinessDocType,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      ...(input.bussinessDocType === 3 && replacedBy !== undefined ? { replacedBy } : {}),
    },
    deps.clock.now(),
  );
  let body: Buffer;
  try {
    body = await buildEdocToBuffer({ ...edoc, attachments: await attachmentsOf(deps, document.id) });
  } catch (error) {
    if (!(error instanceof EdxmlError)) throw error;
    // Building again gives the same refusal: the delivery says why now, instead of eight retries into the DLQ.
    await recordDeliveryProblem(deps, delivery, 'package-not-built', `Không tạo được gói tin edXML cho ${delivery.recipient.organId}: ${error.message}`, correlationId);
    return false;
  }
  const sentAt = deps.clock.now();
  try {
    const { docId } = await deps
      .axis()
      .sendEdoc({ body, sha256Hex: createHash('sha256').update(body).digest('hex'), messageType: 'edoc', to: [delivery.recipient.organId], from: document.organId });
    if (input.bussinessDocType === 0) await markSent(deps, delivery, 'axis', `axis docId ${docId}`, sentAt);
    return true;
  } catch (error) {
    if (error instanceof AxisRejectedError) {
      // The axis refused the package itself: sending it again changes nothing. Keep the refusal on the delivery's log.
      logger.error('the axis refused the package', { recipient: delivery.recipient.organId, code: error.errorCode, reason: error.errorDesc });
      return false;
    }
    await deps.deliveries.save({ ...delivery, attempts: delivery.attempts + 1, updatedAt: deps.clock.now().toISOString(), version: delivery.version + 1 }, delivery.version);
    throw error;
  }
}

/** The edXML DocumentId of the document that replaces this one, when it is being replaced. */
async function replacementOf(deps: Dependencies, document: OutgoingDocument): Promise<string | undefined> {
  const id = document.senderRequest?.type === 'replacement' ? document.senderRequest.replacementDocumentId : undefined;
  if (id === undefined) return undefined;
  const replacement = await deps.documents.getDocument(id);
  return replacement?.direction === 'outgoing' && replacement.issue !== undefined ? edxmlDocumentId(replacement) : undefined;
}

/** Internal recipients get the request on the document they received; false (said loudly) when it cannot be found. */
async function forwardRequestInternally(
  deps: Dependencies,
  document: OutgoingDocument,
  delivery: Delivery,
  input: { bussinessDocType: 0 | 1 | 2 | 3; reason?: string },
  correlationId: string,
): Promise<boolean> {
  const received = await deps.documents.findByUniqueKey(internalDeliveryKey(document.id, 0, delivery.recipient.organId));
  if (received === undefined) {
    await recordDeliveryProblem(
      deps,
      delivery,
      'request-not-delivered',
      `Không tìm thấy văn bản ${document.id} trong hộp thư của ${delivery.recipient.organId}; yêu cầu thu hồi/cập nhật/thay thế chưa được chuyển.`,
      correlationId,
    );
    return false;
  }
  const type = input.bussinessDocType === 1 ? 'revocation' : input.bussinessDocType === 2 ? 'update' : 'replacement';
  await applySenderRequest(
    deps,
    received,
    {
      type,
      reason: input.reason ?? '',
      at: deps.clock.now().toISOString(),
      fromOrganId: document.organId,
      ...(type === 'update' ? { metadata: { subject: document.subject, ...(document.signer === undefined ? {} : { signer: document.signer }) } } : {}),
    },
    correlationId,
  );
  return true;
}

/**
 * The unique key of an internal delivery: the sender's own document id (never its printed number and
 * notation), the business type and the addressee; one received document per key, whatever redelivers it.
 */
function internalDeliveryKey(senderDocumentId: string, bussinessDocType: number, recipientOrgId: string): string {
  return `INTERNAL#${senderDocumentId}#${bussinessDocType}#${recipientOrgId}`;
}

async function markSent(deps: Dependencies, delivery: Delivery, channel: 'internal' | 'axis', description: string, at: Date = deps.clock.now()): Promise<void> {
  const { outcome } = await recordDeliveryStatus(deps, {
    documentId: delivery.documentId,
    recipientOrgId: delivery.recipient.organId,
    code: 'sent',
    at: at.toISOString(),
    description,
    source: { channel, organId: delivery.senderOrgId },
  });
  // Counted once per delivery: when 'sent' is first recorded (moved, or recorded after a faster 01).
  if (outcome !== 'duplicate') await deps.kpi.add(sentChange(delivery.senderOrgId, channel, at));
}
