import { UnprocessableError, ValidationError } from '#domain/errors';
import type { IncomingDocument } from '#domain/documents/incoming';
import type { Principal } from '#domain/identity/principal';
import type { StoredResponse } from '#domain/webhook-keys/receipt';
import { EdxmlError, parseEdxml, type Edoc } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { receiveIncoming } from '../documents/arrivals.ts';
import { refuseCitySender } from './city.ts';
import { arrivalMetadata, type ArrivalMetadata } from './edoc-metadata.ts';
import type { DocumentSentData } from './envelope.ts';

/** The effect of an accepted delivery, run after its receipt is claimed; safe to run again. */
export type Commit = () => Promise<StoredResponse>;

/**
 * Prepares a `document.sent`: reads the document (edXML package or JSON model), checks that its From is
 * no city agency and is the signing agency, and that every addressee is in the directory — all before
 * anything is written. The commit then creates one `arrived` incoming document (status 01) per addressee,
 * each under an id held by a marker keyed on the webhook id, so a commit run twice (a retry after a crash)
 * creates nothing twice.
 *
 * @throws {ValidationError} an edXML package that cannot be read. @throws {UnprocessableError} a status
 * package, a From of the city (`city-sender`) or of another agency, missing metadata, or an addressee not
 * in the directory.
 * @example
 * const commit = await prepareDocumentSent(deps, { organId, organName }, envelope.data, webhookId, { maxBytes, correlationId });
 * const response = await commit();
 */
export async function prepareDocumentSent(
  deps: Dependencies,
  sender: { organId: string; organName: string },
  data: DocumentSentData,
  webhookId: string,
  options: { maxBytes: number; correlationId: string },
): Promise<Commit> {
  const where = data.edxml === undefined ? 'body.data.document' : 'body.data.edxml';
  const edoc = data.document ?? (await readPackage(data.edxml ?? '', options.maxBytes));
  refuseCitySender(deps.cityCode, edoc.from.organId, `${where}.from.organId`);
  const metadata = arrivalMetadata(edoc, sender, where);
  const found = await deps.agencies.getMany(data.to);
  const refused = data.to.flatMap((code, index) => {
    if (code === sender.organId) return [{ path: `body.data.to.${index}`, message: 'an agency does not send documents to itself' }];
    return found.has(code) ? [] : [{ path: `body.data.to.${index}`, message: `no agency ${code} in the directory` }];
  });
  if (refused.length > 0)
    throw new UnprocessableError('unknown-addressee', `The document cannot be delivered to: ${refused.map((r) => r.message).join('; ')}.`, { errors: refused });

  return async () => {
    const documents: { id: string; organId: string }[] = [];
    for (const addressee of data.to) {
      const id = await deps.webhooks.store.claimArrival(sender.organId, webhookId, addressee, deps.ids.next());
      if ((await deps.documents.getDocument(id)) === undefined) {
        await arrive(deps, {
          id,
          addressee,
          sender,
          metadata,
          source: { channel: 'webhook', fromOrganId: sender.organId, externalId: webhookId, documentId: edoc.documentId },
          correlationId: options.correlationId,
        });
      }
      documents.push({ id, organId: addressee });
    }
    return { status: 202, body: { received: true, type: 'document.sent', documents } };
  };
}

type ArrivalSource = NonNullable<IncomingDocument['source']>;

async function arrive(
  deps: Dependencies,
  input: { id: string; addressee: string; sender: { organId: string; organName: string }; metadata: ArrivalMetadata; source: ArrivalSource; correlationId: string },
): Promise<void> {
  const receivedBy: Principal = { sub: 'system:webhook', organId: input.addressee, roles: ['clerk'], name: `Webhook: ${input.sender.organName}`.slice(0, 200) };
  // The marker chose the id: a redone commit creates the document under the same one.
  const withPlannedId: Dependencies = { ...deps, ids: { next: () => input.id } };
  // The source keeps the edXML DocumentId, which status packages answering the sender refer to.
  await receiveIncoming(withPlannedId, { organId: input.addressee, metadata: input.metadata, source: input.source, receivedBy }, input.correlationId);
}

/** An edXML package given as its XML text or as base64 of it. */
async function readPackage(text: string, maxBytes: number): Promise<Edoc> {
  const trimmed = text.trimStart();
  const bytes = trimmed.startsWith('<') || trimmed.startsWith('\uFEFF<') ? Buffer.from(text, 'utf8') : decodeBase64(text);
  try {
    const parsed = await parseEdxml(bytes, { limits: { maxBytes } });
    if (parsed.kind !== 'edoc') {
      throw new UnprocessableError('not-a-document', 'The edXML package is a status package; send it as a document.status webhook.', {
        errors: [{ path: 'body.data.edxml', message: 'is a status package' }],
      });
    }
    const { kind: _kind, attachments: _attachments, signature: _signature, warnings: _warnings, ...edoc } = parsed;
    return edoc;
  } catch (error) {
    if (!(error instanceof EdxmlError)) throw error;
    throw new ValidationError(`The edXML package cannot be read: ${error.message}`, { errors: [{ path: 'body.data.edxml', message: error.message }], cause: error });
  }
}

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new ValidationError('edxml must be the package XML or its base64.', { errors: [{ path: 'body.data.edxml', message: 'neither XML (starting with "<") nor base64' }] });
  }
  return Buffer.from(compact, 'base64');
}
