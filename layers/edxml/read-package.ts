/**
 * From the collected tree to the JSON model: find the envelope parts, read the header (./read-header.ts),
 * pair manifest References with encoded Attachments, refuse what cannot be processed (no sender, no
 * document id, not edXML) and turn everything else odd into warnings.
 */
import { ElementReader } from './element-reader.ts';
import { EdxmlError } from './errors.ts';
import { lintEdoc, lintStatus } from './lint.ts';
import { parsedEdocSchema, parsedStatusSchema, type ParsedAttachment, type ParsedPackage } from './model.ts';
import type { PayloadResult } from './payload.ts';
import { readEdocHeader, readStatusBody, validated } from './read-header.ts';
import { readSignature } from './signature-info.ts';
import type { XmlNode } from './tree.ts';
import type { WarningList } from './warnings.ts';

export function readPackage(root: XmlNode, payloads: ReadonlyMap<number, PayloadResult>, warnings: WarningList): ParsedPackage {
  if (root.name !== 'edXML' && root.name !== 'edXMLEnvelope') throw new EdxmlError('not-edxml', `the root element is <${root.name}>, not <edXML>`);
  const top = new ElementReader(root, '', warnings);
  const envelope = root.name === 'edXMLEnvelope' ? top : top.child('edXMLEnvelope', true);
  if (envelope === undefined) throw new EdxmlError('not-edxml', 'no <edXMLEnvelope>');
  if (envelope === top) warnings.add('package-structure', '', 'the root is <edXMLEnvelope> without the <edXML> wrapper');
  const header = envelope.child('edXMLHeader', true);
  if (header === undefined) throw new EdxmlError('not-edxml', 'no <edXMLHeader>');
  const signatureNode = header.child('Signature')?.node;
  const signature = signatureNode === undefined ? undefined : readSignature(signatureNode, warnings);
  const statusNode = header.child('Status', true);
  const messageHeader = header.child('MessageHeader', true);
  // A status package: what the SDK, its samples and real traffic write (StatusCode in the MessageHeader, no
  // body), or the edXML:Status wrapper of some integrators' private schemas. Both read the same.
  const statusFields = messageHeader?.has('StatusCode') ? messageHeader : messageHeader === undefined ? statusNode : undefined;
  if (statusFields !== undefined) {
    const status = readStatusBody(statusFields);
    if (statusFields === messageHeader && statusNode !== undefined) warnings.add('package-structure', 'status', 'a Status beside a status MessageHeader is ignored');
    header.skip('Status', 'TraceHeaderList').finish();
    envelope.skip('edXMLBody', 'AttachmentEncoded').finish();
    if (envelope !== top) top.skip('AttachmentEncoded').finish();
    warnings.addAll(lintStatus(status));
    return validated(parsedStatusSchema, { kind: 'status', ...status, signature, warnings: warnings.toArray() });
  }
  if (messageHeader === undefined) throw new EdxmlError('not-edxml', 'the header has neither a MessageHeader nor a Status');
  if (statusNode !== undefined) warnings.add('package-structure', 'status', 'a Status beside the MessageHeader is ignored');

  const edoc = readEdocHeader(messageHeader, header.child('TraceHeaderList'));
  header.finish();
  const references = readManifest(envelope.child('edXMLBody', true));
  const lists = [...top.children('AttachmentEncoded'), ...(envelope === top ? [] : envelope.children('AttachmentEncoded'))];
  const encoded = lists
    .flatMap((list) => {
      const items = list.children('Attachment');
      list.finish();
      return items;
    })
    .map((a, i) => new ElementReader(a.node, `attachments[${i}]`, warnings));
  envelope.finish();
  if (envelope !== top) top.finish();
  const attachments = pairAttachments(references, encoded, payloads, warnings);
  warnings.addAll(lintEdoc(edoc, attachments));
  return validated(parsedEdocSchema, { kind: 'edoc', ...edoc, attachments, signature, warnings: warnings.toArray() });
}

interface Reference {
  readonly contentId?: string;
  readonly contentType?: string;
  readonly description?: string;
  readonly attachmentName?: string;
}

function readManifest(body: ElementReader | undefined): Reference[] {
  const manifest = body?.child('edXMLManifest');
  body?.finish();
  if (manifest === undefined) return [];
  const references = manifest.children('Reference', 'references').map(readReference);
  manifest.finish();
  return references;
}

function readReference(r: ElementReader): Reference {
  const reference = { contentId: r.text('ContentId'), contentType: r.text('ContentType'), description: r.text('Description'), attachmentName: r.text('AttachmentName') };
  r.skip('ContentTransferEncoded').finish();
  return reference;
}

/** Matches each encoded attachment with its manifest Reference by ContentId, filling gaps from either side. */
function pairAttachments(
  references: readonly Reference[],
  encoded: readonly ElementReader[],
  payloads: ReadonlyMap<number, PayloadResult>,
  warnings: WarningList,
): ParsedAttachment[] {
  const unmatched = new Map(references.filter((r) => r.contentId !== undefined).map((r) => [r.contentId, r]));
  const out: ParsedAttachment[] = [];
  encoded.forEach((a, i) => {
    const own = readReference(a);
    const payloadIndex = a.node.children.find((c) => c.payloadIndex !== undefined)?.payloadIndex;
    const payload = payloadIndex === undefined ? undefined : payloads.get(payloadIndex);
    if (payload === undefined) {
      warnings.add('attachment-without-content', a.path, 'an Attachment has no ContentTransferEncoded; skipped');
      return;
    }
    const ref = (own.contentId === undefined ? references[i] : unmatched.get(own.contentId)) ?? {};
    if (own.contentId !== undefined && !unmatched.has(own.contentId)) warnings.add('attachment-not-in-manifest', a.path, `${own.contentId} is not referenced in the edXMLManifest`);
    unmatched.delete(ref.contentId ?? own.contentId);
    for (const key of ['attachmentName', 'contentType'] as const) {
      // The SDK's builder writes every manifest ContentType as application/zip: not a disagreement worth a warning.
      if (key === 'contentType' && ref.contentType?.toLowerCase() === 'application/zip') continue;
      if (own[key] !== undefined && ref[key] !== undefined && own[key] !== ref[key]) {
        warnings.add('attachment-metadata-mismatch', `${a.path}.${key}`, `the manifest says "${ref[key]}", the attachment "${own[key]}"; the attachment's is used`);
      }
    }
    const contentId = own.contentId ?? ref.contentId ?? `cid:attachment-${i + 1}`;
    const attachmentName = own.attachmentName ?? ref.attachmentName ?? own.description ?? ref.description ?? `attachment-${i + 1}`;
    const contentType = own.contentType ?? ref.contentType ?? 'application/octet-stream';
    if (own.contentId === undefined && ref.contentId === undefined) warnings.add('attachment-metadata-missing', `${a.path}.contentId`, `no ContentId; named ${contentId}`);
    if (own.attachmentName === undefined && ref.attachmentName === undefined)
      warnings.add('attachment-metadata-missing', `${a.path}.attachmentName`, `no AttachmentName; named ${attachmentName}`);
    if (own.contentType === undefined && ref.contentType === undefined)
      warnings.add('attachment-metadata-missing', `${a.path}.contentType`, 'no ContentType; application/octet-stream assumed');
    const zipped = contentType.toLowerCase().includes('zip') || payload.startsLikeZip;
    out.push({ contentId, attachmentName, contentType, description: own.description ?? ref.description, size: payload.size, sha256: payload.sha256, zipped });
  });
  for (const contentId of unmatched.keys()) warnings.add('reference-without-attachment', 'attachments', `the manifest references ${contentId} but no Attachment carries it`);
  return out;
}
