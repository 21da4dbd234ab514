import { createLogger } from '#observability/log';
import type { DocumentFile } from '#domain/files/file';
import { EdxmlError, parseEdxml, type AttachmentInfo, type ParsedEdoc, type ParsedStatus } from '#edxml/index';
import { ConflictError, UnprocessableError, ValidationError } from '#domain/errors';
import type { Dependencies } from '../context.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { deliveryForStatus } from '../deliveries/status-target.ts';
import { receiveIncoming } from '../documents/arrivals.ts';
import { metadataOf } from './packages.ts';
import { isCityAgency, systemPrincipal } from './recipients.ts';
import { applySenderRequest } from './requests.ts';
import { pipeToConsumer } from './stream-sink.ts';
import { canonicalOrganId, checkSender, MAX_ID_LENGTH, notationsOf, PackageRefusal, type RefusalReason } from './trust.ts';

/** A DocumentId longer than this is refused: it becomes part of a key (and no real one comes near it). */
const MAX_DOCUMENT_ID_LENGTH = 200;

export type ReceiveOutcome =
  | { readonly outcome: 'received'; readonly kind: 'edoc' | 'status'; readonly documents: readonly string[] }
  | { readonly outcome: 'refused'; readonly reason: RefusalReason }
  /** The axis no longer lists the package: someone already took it (acknowledged), nothing to do. */
  | { readonly outcome: 'gone' };

interface StoredAttachment {
  readonly index: number;
  readonly contentId: string;
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
}

/** Where a received package is kept as it came: the record, with its signature and every unknown element. */
export function packageKey(axisDocId: string): string {
  return `axis/inbox/${axisDocId}.edxml`;
}

/**
 * Receives one package listed by the axis, in bounded memory: the package streams from the axis into the
 * bucket as it came (the record), then is parsed from there with each attachment streamed to its own object
 * (never DTDs or entities), PDFs verified from the bucket. Only then is it trusted, or refused:
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

/**
 * Records a package that failed on every delivery of its message (the queue's last receive) under
 * `axis/refused/`, with why. It is NOT acknowledged: the failure may be ours (a service down for the whole
 * backoff), and a `fail` would lose a genuine document. The message goes to the dead-letter queue, whose
 * alarm calls an operator; the record says what happened.
 */
export async function recordGiveUp(deps: Dependencies, input: { docId: string; from?: string }, cause: unknown, correlationId: string): Promise<void> {
  const logger = createLogger({ correlationId, axisDocId: input.docId });
  const message = `Không tiếp nhận được gói tin sau nhiều lần thử: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 1000);
  await refusePackage(deps, { docId: input.docId, listingFrom: input.from ?? '?', refusal: new PackageRefusal('gave-up', message), acknowledge: false }, logger);
}

async function refusePackage(
  deps: Dependencies,
  input: { docId: string; listingFrom: string; refusal: PackageRefusal; package?: { key: string; sha256: string; size: number }; acknowledge?: boolean },
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  const { refusal } = input;
  const record = { axisDocId: input.docId, listingFrom: input.listingFrom, reason: refusal.reason, message: refusal.message, details: refusal.details, ...(input.package === undefined ? {} : { package: input.package }), at: deps.clock.now().toISOString() };
  await deps.files.content.storeObject(`axis/refused/${input.docId}.json`, new TextEncoder().encode(JSON.stringify(record, null, 2)), 'application/json');
  logger.error('axis package refused', { axisRefusal: refusal.reason, message: refusal.message, listingFrom: input.listingFrom, ...refusal.details });
  if (input.acknowledge ?? true) await deps.axis().updateStatus(input.docId, 'fail');
}

/**
 * What is final about a package: its own faults (EdxmlError) and what the domain refuses in it (a 02 without
 * its reason...). A sink that failed (S3 throttling) is not the package's fault: its cause goes up, retried.
 */
function refusalOf(error: unknown): PackageRefusal | undefined {
  if (error instanceof PackageRefusal) return error;
  if (error instanceof EdxmlError && error.reason === 'attachment-sink-failed') throw error.cause ?? error;
  if (error instanceof EdxmlError) return new PackageRefusal('invalid-package', `Gói tin không đọc được (${error.reason}): ${error.message}`, { edxmlReason: error.reason });
  if (error instanceof ValidationError || error instanceof UnprocessableError) return new PackageRefusal('invalid-package', `Gói tin không hợp lệ: ${error.message}`, { problem: error.type });
  return undefined;
}

/** Identifiers the sender controls become keys and lookups: bounded before anything is done with them. */
function checkBounds(parsed: ParsedEdoc | ParsedStatus): void {
  const documentId = parsed.kind === 'edoc' ? parsed.documentId : parsed.responseFor.documentId;
  if (documentId.length > MAX_DOCUMENT_ID_LENGTH) throw new PackageRefusal('invalid-package', `DocumentId dài ${documentId.length} ký tự, quá ${MAX_DOCUMENT_ID_LENGTH}.`, { documentIdLength: documentId.length });
  if (parsed.from.organId.length > MAX_ID_LENGTH) throw new PackageRefusal('invalid-package', `Mã đơn vị gửi dài ${parsed.from.organId.length} ký tự, quá ${MAX_ID_LENGTH}.`);
}

async function reopen(deps: Dependencies, key: string, versionId?: string): Promise<AsyncIterable<Uint8Array>> {
  const object = await deps.files.content.open(key, versionId);
  if (object === undefined) throw new Error(`the package just stored at ${key} cannot be read back`);
  return object.body;
}

/** Each attachment streams to its own object as the parser decodes it. */
function attachmentSink(deps: Dependencies, axisDocId: string, info: AttachmentInfo, stored: StoredAttachment[]) {
  const key = `axis/inbox/${axisDocId}/${info.index + 1}`;
  const type = mediaTypeOf(info.contentType);
  const { sink, result } = pipeToConsumer((body) => deps.files.content.storeStream(key, body, type));
  return {
    ...sink,
    end: async () => {
      await sink.end();
      const { size, sha256 } = await result;
      stored.push({ index: info.index, contentId: info.contentId ?? `#${info.index}`, key, name: info.attachmentName ?? `tep-dinh-kem-${info.index + 1}`, type, size, sha256 });
    },
  };
}

/**
 * The sender's ContentType when it is a media type (`type/subtype[; parameters]`, ASCII): it becomes an S3
 * header and the file's type. Anything else (`văn bản/thuần`) is kept bytes of unknown type, never a
 * storage error retried for ever.
 */
function mediaTypeOf(declared: string | undefined): string {
  return declared !== undefined && declared.length <= 200 && MEDIA_TYPE.test(declared) ? declared : 'application/octet-stream';
}

const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/;

async function register(deps: Dependencies, edoc: ParsedEdoc, stored: readonly StoredAttachment[], raw: { axisDocId: string; key: string; sha256: string; size: number; versionId?: string }, correlationId: string): Promise<string[]> {
  const ours = await cityAddressees(deps, edoc);
  if (ours.length === 0) {
    throw new PackageRefusal('not-for-the-city', `Gói tin gửi tới ${edoc.to.map((t) => t.organId).join(', ') || '(không có nơi nhận)'}: không có đơn vị nào của thành phố.`, { to: edoc.to.map((t) => t.organId).slice(0, 20) });
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
        source: { channel: 'axis', fromOrganId: edoc.from.organId, externalId: raw.axisDocId, documentId: edoc.documentId, package: { key: raw.key, sha256: raw.sha256, size: raw.size, ...(raw.versionId === undefined ? {} : { versionId: raw.versionId }) } },
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
    throw new PackageRefusal('duplicate-document-id', `${edoc.from.organId} đã gửi văn bản ${edoc.documentId} trong gói tin ${source.externalId} với nội dung khác; gói tin này không được tiếp nhận.`, { documentId: edoc.documentId, received: existing?.id });
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

/** The package's attachments become the document's files, each PDF verified before the clerk registers it. */
async function attachFiles(deps: Dependencies, documentId: string, stored: readonly StoredAttachment[]): Promise<void> {
  for (const object of [...stored].sort((a, b) => a.index - b.index)) {
    const fileId = `AXIS${String(object.index + 1).padStart(22, '0')}`;
    // A redelivery completes what a crash left undone: files already there stay as they are.
    if ((await deps.files.store.get(documentId, fileId)) !== undefined) continue;
    const now = deps.clock.now();
    const base: DocumentFile = {
      documentId,
      fileId,
      objectKey: object.key,
      fileName: object.name,
      contentType: object.type,
      size: object.size,
      sha256: object.sha256,
      status: 'stored',
      uploadedBy: { sub: 'system:axis-receiver', name: 'Trục liên thông' },
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const verification =
      object.type === 'application/pdf' && deps.files.pdfVerifier !== undefined
        ? await deps.files.pdfVerifier.verify({ documentId, fileId, size: object.size, sha256: object.sha256, open: () => reopen(deps, object.key) })
        : undefined;
    await deps.files.store.create({ ...base, actualSha256: object.sha256, actualSize: object.size, checkedAt: now.toISOString(), ...(verification === undefined ? {} : { verification }) });
  }
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
    await applySenderRequest(deps, original, { type, reason: edoc.traceHeaderList.bussiness?.bussinessDocReason ?? '', at: deps.clock.now().toISOString(), fromOrganId: edoc.from.organId, ...(type === 'update' ? { metadata: metadataOf(edoc) } : {}) }, correlationId);
    ids.push(original);
  }
  if (ids.length === 0) {
    throw new PackageRefusal('request-not-from-sender', `Yêu cầu ${type} văn bản ${edoc.documentId} từ ${edoc.from.organId}: không đơn vị nào của thành phố nhận văn bản này từ ${edoc.from.organId}.`, { documentId: edoc.documentId, packageFrom: edoc.from.organId, bussinessDocType });
  }
  return ids;
}

/** A status applies to the delivery it answers: the one made to its sender, through the axis. */
async function applyStatus(deps: Dependencies, status: ParsedStatus, logger: ReturnType<typeof createLogger>, correlationId: string): Promise<string[]> {
  const documentId = status.responseFor.documentId;
  let delivery;
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
    throw new PackageRefusal('status-for-unknown-delivery', `Gói tin trạng thái ${status.statusCode} từ ${status.from.organId} về văn bản ${documentId}: hệ thống không gửi văn bản này tới ${status.from.organId}.`, { documentId, packageFrom: status.from.organId });
  }
  if (status.statusCode === '13') {
    throw new PackageRefusal('status-not-for-recipient', `Mã trạng thái 13 (thu hồi) chỉ người gửi văn bản được dùng; ${status.from.organId} là nơi nhận văn bản ${documentId}.`, { documentId, packageFrom: status.from.organId });
  }
  if (delivery.channel !== 'axis') {
    throw new PackageRefusal('status-wrong-channel', `Gói tin trạng thái ${status.statusCode} qua trục về văn bản ${documentId}, nhưng văn bản được chuyển tới ${delivery.recipient.organId} trong nội bộ thành phố.`, { documentId, packageFrom: status.from.organId });
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
