import { createLogger } from '#observability/log';
import { parseEdxml, type ParsedEdoc, type ParsedStatus } from '#edxml/index';
import type { Delivery } from '#domain/deliveries/delivery';
import { ConflictError } from '#domain/errors';
import type { Dependencies } from '../context.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { deliveryForStatus } from '../deliveries/status-target.ts';
import { receiveIncoming } from '../documents/arrivals.ts';
import { metadataOf } from './packages.ts';
import { isCityAgency, systemPrincipal } from './recipients.ts';
import { applySenderRequest } from './requests.ts';
import { attachFiles, attachmentSink, reopen, type StoredAttachment } from './received-files.ts';
import { checkBounds, refusalOf, refusePackage } from './refusals.ts';
import { canonicalOrganId, checkSender, notationsOf, PackageRefusal, type RefusalReason } from './trust.ts';

export type ReceiveOutcome =
  | { readonly outcome: 'received'; readonly kind: 'edoc' | 'status'; readonly documents: readonly string[] }
  | { readonly outcome: 'refused'; readonly reason: RefusalReason }
  /** The axis no longer lists the package: someone already took it (acknowledged), nothing to do. */
  | { readonly outcome: 'gone' };

/** Where a received package is kept as it came: the record, with its signature and every unknown element. */
export function packageKey(axisDocId: string): string {
  return `axis/inbox/${axisDocId}.edxml`;
}

/**
 * Receives one package listed by the axis, in bounded memory: the package streams from the axis into the
 * bucket as it came (the record), then is parsed from there with each attachment streamed to its own object
 * (never DTDs or entities); each PDF is then verified by the file checker (received-files.ts). Only after the
 * parse is it trusted, or refused:
 * - its From must be the agency the axis listed as sender (either notation), never a city agency;
 * - a document must be addressed to an agency of the city, and a DocumentId already received from that
 *   sender with other content is not a new document;
 * - a status must come from the delivery's own recipient, about a delivery made through the axis, and never
 *   be a code only the sender sends (13);
 * - a revocation, update or replacement must come from the sender of the document it names.
 * A refused package is recorded (`axis/refused/{docId}.json` and an error log) and acknowledged `fail`;
 * nothing of it is registered. Every step is idempotent: a crash anywhere, a duplicate listing or a
 * redelivered message creates nothing twice and loses nothing (a document's unique key is its sender, its
 * edXML DocumentId, its BussinessDocType and the addressee).
 *
 * @param input.from the listing's `from`: the agency the axis says sent the package. Absent (a message queued
 *   before the poller passed it), it is read from the axis's listing again.
 */
export async function receivePackage(deps: Dependencies, input: { docId: string; from?: string }, correlationId: string): Promise<ReceiveOutcome> {
  const logger = createLogger({ correlationId, axisDocId: input.docId });
  const listingFrom = input.from ?? (await deps.axis().listReceived()).find((item) => item.docId === input.docId)?.from;
  if (listingFrom === undefined) {
    logger.warn('the package is no longer listed by the axis; nothing to receive');
    return { outcome: 'gone' };
  }
  const raw = await deps.files.content.storeStream(packageKey(input.docId), await deps.axis().openEdoc(input.docId), 'application/xml');
  const kept = { axisDocId: input.docId, key: packageKey(input.docId), sha256: raw.sha256, size: raw.size, ...(raw.versionId === undefined ? {} : { versionId: raw.versionId }) };
  const stored: StoredAttachment[] = [];
  let outcome: ReceiveOutcome;
  try {
    const parsed = await parseEdxml(await reopen(deps, packageKey(input.docId), raw.versionId), { onAttachment: (info) => attachmentSink(deps, input.docId, info, stored) });
    checkBounds(parsed);
    await checkSender(deps, listingFrom, parsed.from.organId);
    const documents = parsed.kind === 'status' ? await applyStatus(deps, parsed, logger, correlationId) : await register(deps, parsed, stored, kept, correlationId);
    outcome = { outcome: 'received', kind: parsed.kind, documents };
    logger.info('axis package received', { kind: parsed.kind, documents: documents.length, warnings: parsed.warnings.length, bytes: raw.size });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    await refusePackage(deps, { docId: input.docId, listingFrom, refusal, package: kept }, logger);
    return { outcome: 'refused', reason: refusal.reason };
  }
  await deps.axis().updateStatus(input.docId, 'done');
  return outcome;
}

async function register(
  deps: Dependencies,
  edoc: ParsedEdoc,
  stored: readonly StoredAttachment[],
  raw: { axisDocId: string; key: string; sha256: string; size: number; versionId?: string },
  correlationId: string,
): Promise<string[]> {
  const ours = await cityAddressees(deps, edoc);
  if (ours.length === 0) {
    throw new PackageRefusal('not-for-the-city', `Gói tin gửi tới ${edoc.to.map((t) => t.organId).join(', ') || '(không có nơi nhận)'}: không có đơn vị nào của thành phố.`, {
      to: edoc.to.map((t) => t.organId).slice(0, 20),
    });
  }
  const sender = canonicalOrganId(edoc.from.organId);
  const bussinessDocType = edoc.traceHeaderList.bussiness?.bussinessDocType ?? 0;
  if (bussinessDocType !== 0) return forwardRequest(deps, edoc, ours, bussinessDocType, correlationId);
  await refuseOtherContent(deps, edoc, ours, sender, raw);
  const ids: string[] = [];
  for (const organId of ours) {
    const document = await receiveIncoming(
      deps,
      {
        organId,
        metadata: { ...metadataOf(edoc), ...(edoc.dueDate === undefined ? {} : { dueDate: edoc.dueDate }) },
        source: {
          channel: 'axis',
          fromOrganId: edoc.from.organId,
          externalId: raw.axisDocId,
          documentId: edoc.documentId,
          package: { key: raw.key, sha256: raw.sha256, size: raw.size, ...(raw.versionId === undefined ? {} : { versionId: raw.versionId }) },
        },
        receivedBy: systemPrincipal(organId, 'axis-receiver'),
      },
      correlationId,
      { uniqueKey: axisKey(sender, edoc.documentId, bussinessDocType, organId) },
    );
    // The same bytes received under another axis docId (a duplicate listing): that document is complete.
    if (document.source?.externalId !== raw.axisDocId) continue;
    await attachFiles(deps, document.id, stored);
    ids.push(document.id);
  }
  return ids;
}

/**
 * A DocumentId this sender already used, for any of the addressees, in a package with other bytes is not a
 * new document: refused before anything is created, and nothing is added to the document received.
 */
async function refuseOtherContent(deps: Dependencies, edoc: ParsedEdoc, ours: readonly string[], sender: string, raw: { axisDocId: string; sha256: string }): Promise<void> {
  for (const organId of ours) {
    const id = await deps.documents.findByUniqueKey(axisKey(sender, edoc.documentId, 0, organId));
    const existing = id === undefined ? undefined : await deps.documents.getDocument(id);
    const source = existing?.direction === 'incoming' ? existing.source : undefined;
    if (source === undefined || source.externalId === raw.axisDocId || source.package?.sha256 === raw.sha256) continue;
    throw new PackageRefusal(
      'duplicate-document-id',
      `${edoc.from.organId} đã gửi văn bản ${edoc.documentId} trong gói tin ${source.externalId} với nội dung khác; gói tin này không được tiếp nhận.`,
      { documentId: edoc.documentId, received: existing?.id },
    );
  }
}

/**
 * The unique key of a document received through the axis. The sender is part of it, so a package that
 * borrows another agency's DocumentId can neither take that document's place nor speak for it.
 */
function axisKey(sender: string, documentId: string, bussinessDocType: number, organId: string): string {
  return `AXIS#${sender}#${documentId}#${bussinessDocType}#${organId}`;
}

/** The city agencies a package is addressed to, by their QCVN 102 code whichever notation To used. */
async function cityAddressees(deps: Dependencies, edoc: ParsedEdoc): Promise<string[]> {
  const addressed = [...new Set(edoc.to.map((t) => canonicalOrganId(t.organId)))];
  const units = await deps.agencies.getMany(addressed);
  return addressed.filter((organId) => isCityAgency(deps.cityCode, organId, units.get(organId)));
}

/**
 * A revocation, update or replacement reaches the documents its sender sent to city agencies: found by the
 * sender-qualified key, so a request about someone else's document finds nothing and is refused.
 */
async function forwardRequest(deps: Dependencies, edoc: ParsedEdoc, ours: readonly string[], bussinessDocType: number, correlationId: string): Promise<string[]> {
  const type = bussinessDocType === 1 ? 'revocation' : bussinessDocType === 2 ? 'update' : 'replacement';
  const sender = canonicalOrganId(edoc.from.organId);
  const ids: string[] = [];
  for (const organId of ours) {
    const original = await deps.documents.findByUniqueKey(axisKey(sender, edoc.documentId, 0, organId));
    if (original === undefined) continue;
    await applySenderRequest(
      deps,
      original,
      {
        type,
        reason: edoc.traceHeaderList.bussiness?.bussinessDocReason ?? '',
        at: deps.clock.now().toISOString(),
        fromOrganId: edoc.from.organId,
        ...(type === 'update' ? { metadata: metadataOf(edoc) } : {}),
      },
      correlationId,
    );
    ids.push(original);
  }
  if (ids.length === 0) {
    throw new PackageRefusal(
      'request-not-from-sender',
      `Yêu cầu ${{ revocation: 'thu hồi', update: 'cập nhật', replacement: 'thay thế' }[type]} văn bản ${edoc.documentId} từ ${edoc.from.organId}: không đơn vị nào của thành phố nhận văn bản này từ ${edoc.from.organId}.`,
      { documentId: edoc.documentId, packageFrom: edoc.from.organId, bussinessDocType },
    );
  }
  return ids;
}

/** A status applies to the delivery it answers: the one made to its sender, through the axis. */
async function applyStatus(deps: Dependencies, status: ParsedStatus, logger: ReturnType<typeof createLogger>, correlationId: string): Promise<string[]> {
  const documentId = status.responseFor.documentId;
  let delivery: Delivery | undefined;
  try {
    for (const organId of notationsOf(status.from.organId)) {
      delivery = await deliveryForStatus(deps, documentId, organId, correlationId);
      if (delivery !== undefined) break;
    }
  } catch (error) {
    // Recorded on each delivery it could mean; the package itself is handled (acknowledged), never retried for ever.
    if (error instanceof ConflictError) {
      logger.warn('a status naming several deliveries was not applied', { documentId });
      return [];
    }
    throw error;
  }
  if (delivery === undefined) {
    throw new PackageRefusal(
      'status-for-unknown-delivery',
      `Gói tin trạng thái ${status.statusCode} từ ${status.from.organId} về văn bản ${documentId}: hệ thống không gửi văn bản này tới ${status.from.organId}.`,
      { documentId, packageFrom: status.from.organId },
    );
  }
  if (status.statusCode === '13') {
    throw new PackageRefusal('status-not-for-recipient', `Mã trạng thái 13 (thu hồi) chỉ người gửi văn bản được dùng; ${status.from.organId} là nơi nhận văn bản ${documentId}.`, {
      documentId,
      packageFrom: status.from.organId,
    });
  }
  if (delivery.channel !== 'axis') {
    throw new PackageRefusal(
      'status-wrong-channel',
      `Gói tin trạng thái ${status.statusCode} qua trục về văn bản ${documentId}, nhưng văn bản được chuyển tới ${delivery.recipient.organId} trong nội bộ thành phố.`,
      { documentId, packageFrom: status.from.organId },
    );
  }
  await recordDeliveryStatus(deps, {
    documentId: delivery.documentId,
    recipientOrgId: delivery.recipient.organId,
    code: status.statusCode,
    at: status.timestamp ?? deps.clock.now().toISOString(),
    ...(status.description === undefined ? {} : { description: status.description }),
    source: { channel: 'axis', organId: status.from.organId },
  });
  return [];
}
