import { createLogger } from '#observability/log';
import type { DocumentFile } from '#domain/files/file';
import { parseEdxml, type ParsedEdoc, type ParsedStatus } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { deliveryForStatus } from '../deliveries/status-target.ts';
import { ConflictError } from '#domain/errors';
import { receiveIncoming } from '../documents/arrivals.ts';
import { metadataOf } from './packages.ts';
import { applySenderRequest } from './requests.ts';
import { isCityAgency, systemPrincipal } from './recipients.ts';

/**
 * Receives one package listed by the axis: fetch → keep the raw package in the bucket → parse (attachments
 * streamed to the bucket, never DTDs or entities) → an `arrived` document in each addressed city agency (its
 * PDF attachments verified before the clerk sees them) or, for a status package, the sender's delivery
 * updated → acknowledge the fetch. Every step is idempotent: a crash anywhere, a duplicate listing or a
 * redelivered message creates nothing twice and loses nothing (the document's unique key is the edXML
 * DocumentId + BussinessDocType + addressee, so a package the axis delivers twice is one document).
 */
export async function receivePackage(deps: Dependencies, input: { docId: string }, correlationId: string): Promise<{ kind: 'edoc' | 'status'; documents: string[] }> {
  const logger = createLogger({ correlationId, axisDocId: input.docId });
  const bytes = await deps.axis().getEdoc(input.docId);
  const rawKey = `axis/inbox/${input.docId}.edxml`;
  await deps.files.content.storeObject(rawKey, bytes, 'application/xml');
  const attachments: { contentId: string; key: string; name: string; type: string; size: number; sha256: string }[] = [];
  const parsed = await parseEdxml(bytes, {
    onAttachment: (info) => {
      const chunks: Uint8Array[] = [];
      const key = `axis/inbox/${input.docId}/${attachments.length + 1}`;
      return {
        write: async (chunk: Uint8Array) => void chunks.push(chunk),
        end: async () => {
          const body = Buffer.concat(chunks);
          await deps.files.content.storeObject(key, body, info.contentType ?? 'application/octet-stream');
          attachments.push({ contentId: info.contentId ?? `#${info.index}`, key, name: info.attachmentName ?? `tep-dinh-kem-${info.index + 1}`, type: info.contentType ?? 'application/octet-stream', size: body.length, sha256: '' });
        },
      };
    },
  });
  let documents: string[] = [];
  if (parsed.kind === 'status') await applyStatus(deps, parsed, logger, correlationId);
  else documents = await register(deps, parsed, attachments, input.docId, correlationId);
  await deps.axis().updateStatus(input.docId, 'done');
  logger.info('axis package received', { kind: parsed.kind, documents: documents.length, warnings: parsed.warnings.length });
  return { kind: parsed.kind, documents };
}

async function register(
  deps: Dependencies,
  edoc: ParsedEdoc,
  stored: readonly { contentId: string; key: string; name: string; type: string; size: number }[],
  axisDocId: string,
  correlationId: string,
): Promise<string[]> {
  const addressed = edoc.to.map((t) => t.organId);
  const units = await deps.agencies.getMany(addressed);
  const ours = addressed.filter((organId) => isCityAgency(deps.cityCode, organId, units.get(organId)));
  const bussinessDocType = edoc.traceHeaderList.bussiness?.bussinessDocType ?? 0;
  if (bussinessDocType !== 0) return forwardRequest(deps, edoc, ours, bussinessDocType, correlationId);
  const ids: string[] = [];
  for (const organId of ours) {
    const document = await receiveIncoming(
      deps,
      {
        organId,
        metadata: { ...metadataOf(edoc), ...(edoc.dueDate === undefined ? {} : { dueDate: edoc.dueDate }) },
        source: { channel: 'axis', fromOrganId: edoc.from.organId, externalId: axisDocId, documentId: edoc.documentId },
        receivedBy: systemPrincipal(organId, 'axis-receiver'),
      },
      correlationId,
      { uniqueKey: `AXIS#${edoc.documentId}#${bussinessDocType}#${organId}` },
    );
    await attachFiles(deps, document.id, edoc.attachments, stored);
    ids.push(document.id);
  }
  return ids;
}

/** The package's attachments become the document's files, each PDF verified before the clerk registers it. */
async function attachFiles(
  deps: Dependencies,
  documentId: string,
  parsed: readonly { contentId: string; sha256: string; size: number }[],
  stored: readonly { contentId: string; key: string; name: string; type: string; size: number }[],
): Promise<void> {
  const existing = new Set((await deps.files.store.list(documentId, { limit: 100 })).items.map((f) => f.fileId));
  for (const [index, object] of stored.entries()) {
    const fileId = `AXIS${String(index + 1).padStart(22, '0')}`;
    if (existing.has(fileId)) continue;
    const digest = parsed.find((a) => a.contentId === object.contentId);
    const now = deps.clock.now();
    const base: DocumentFile = {
      documentId,
      fileId,
      objectKey: object.key,
      fileName: object.name,
      contentType: object.type,
      size: object.size,
      sha256: digest?.sha256 ?? '',
      status: 'stored',
      uploadedBy: { sub: 'system:axis-receiver', name: 'Trục liên thông' },
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const verification =
      object.type === 'application/pdf' && deps.files.pdfVerifier !== undefined
        ? await deps.files.pdfVerifier.verify({ documentId, fileId, size: object.size, sha256: base.sha256, open: async () => (await deps.files.content.open(object.key))?.body ?? emptyBody() })
        : undefined;
    await deps.files.store.create({ ...base, actualSha256: base.sha256, actualSize: object.size, checkedAt: now.toISOString(), ...(verification === undefined ? {} : { verification }) });
  }
}

/** A revocation, update or replacement of a document already received: the clerk decides on it. */
async function forwardRequest(deps: Dependencies, edoc: ParsedEdoc, ours: readonly string[], bussinessDocType: number, correlationId: string): Promise<string[]> {
  const type = bussinessDocType === 1 ? 'revocation' : bussinessDocType === 2 ? 'update' : 'replacement';
  const ids: string[] = [];
  for (const organId of ours) {
    const original = await deps.documents.findByUniqueKey(`AXIS#${edoc.documentId}#0#${organId}`);
    if (original === undefined) continue;
    await applySenderRequest(deps, original, { type, reason: edoc.traceHeaderList.bussiness?.bussinessDocReason ?? '', at: deps.clock.now().toISOString(), fromOrganId: edoc.from.organId, ...(type === 'update' ? { metadata: metadataOf(edoc) } : {}) }, correlationId);
    ids.push(original);
  }
  return ids;
}

async function applyStatus(deps: Dependencies, status: ParsedStatus, logger: ReturnType<typeof createLogger>, correlationId: string): Promise<void> {
  let delivery;
  try {
    delivery = await deliveryForStatus(deps, status.responseFor.documentId, status.from.organId, correlationId);
  } catch (error) {
    // Recorded on each delivery it could mean; the package itself is handled (acknowledged), never retried for ever.
    if (error instanceof ConflictError) return;
    throw error;
  }
  if (delivery === undefined) {
    logger.warn('a status package for a document this system did not send', { documentId: status.responseFor.documentId, from: status.from.organId });
    return;
  }
  await recordDeliveryStatus(deps, {
    documentId: delivery.documentId,
    recipientOrgId: status.from.organId,
    code: status.statusCode,
    at: status.timestamp ?? deps.clock.now().toISOString(),
    ...(status.description === undefined ? {} : { description: status.description }),
    source: { channel: 'axis', organId: status.from.organId },
  });
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
