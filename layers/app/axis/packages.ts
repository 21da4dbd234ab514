import type { OrganisationUnit } from '#domain/agency/unit';
import type { IncomingDocument } from '#domain/documents/incoming';
import { urgencies, type DocumentMetadata, type Urgency } from '#domain/documents/metadata';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { storedText } from '#domain/text';
import { vietnamTimestamp } from '#domain/time';
import { formatDocumentId, type Edoc, type EdocInput, type StatusInput } from '#edxml/index';

/**
 * Mapping between vanthu documents and edXML packages (QCVN 102:2016): the edoc a sender builds from an
 * issued document, the metadata a receiver registers from an edoc, and the status packages that answer.
 */

/** DocumentId `OrganId,YYYY/MM/DD,Number/Notation` of an issued document. */
export function edxmlDocumentId(document: OutgoingDocument): string {
  const issue = document.issue;
  if (issue === undefined) throw new Error(`Document ${document.id} is not issued`);
  return formatDocumentId({ organId: document.organId, promulgationDate: issue.issueDate, number: issue.codeNumber, notation: issue.codeNotation });
}

/** The edoc of an issued document, addressed to `recipients`; `bussiness` for revocation, update, replacement. */
export function edocOf(
  document: OutgoingDocument,
  sender: Pick<OrganisationUnit, 'code102' | 'name' | 'contact'> | undefined,
  recipients: readonly { organId: string; organName: string }[],
  bussiness: { type: 0 | 1 | 2 | 3; reason?: string; replacedBy?: string } = { type: 0 },
  now: Date = new Date(),
): EdocInput {
  const issue = document.issue;
  if (issue === undefined) throw new Error(`Document ${document.id} is not issued`);
  const documentId = edxmlDocumentId(document);
  return {
    from: { organId: document.organId, organName: sender?.name ?? document.organId, ...(sender?.contact.email === undefined ? {} : { email: sender.contact.email }) },
    to: recipients.map((r) => ({ organId: r.organId, organName: r.organName })),
    documentId,
    code: { codeNumber: issue.codeNumber, codeNotation: issue.codeNotation },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: issue.issueDate },
    documentType: { typeName: document.typeName },
    subject: document.subject,
    ...(document.signer === undefined
      ? {}
      : { signerInfo: { fullName: document.signer.fullName, ...(document.signer.position === undefined ? {} : { position: document.signer.position }) } }),
    ...(document.dueDate === undefined ? {} : { dueDate: document.dueDate }),
    otherInfo: {
      priority: urgencies.indexOf(document.urgency),
      ...(document.promulgationAmount === undefined ? {} : { promulgationAmount: document.promulgationAmount }),
      ...(document.pageAmount === undefined ? {} : { pageAmount: document.pageAmount }),
      appendixes: [],
    },
    toPlaces: document.places,
    responseFor: [],
    traceHeaderList: {
      traceHeader: [{ organId: document.organId, timestamp: vietnamTimestamp(now) }],
      bussiness: {
        documentId,
        bussinessDocType: bussiness.type,
        ...(bussiness.reason === undefined ? {} : { bussinessDocReason: bussiness.reason }),
        // A replacement names the document that replaces this one, for the recipients it goes to.
        replacementInfoList: bussiness.replacedBy === undefined ? [] : [{ documentId: bussiness.replacedBy, organIdList: recipients.map((r) => r.organId) }],
      },
    },
  };
}

/** What a receiving clerk sees of an edoc, as document metadata; absent fields get honest placeholders. */
export function metadataOf(edoc: Edoc): DocumentMetadata {
  const priority = edoc.otherInfo?.priority ?? 0;
  // Text is stored NFC with invisible characters removed, whatever the sender's system wrote.
  const text = (value: string, max: number) => storedText(value).slice(0, max);
  return {
    issuer: { organId: edoc.from.organId, organName: text(edoc.from.organName ?? edoc.from.organId, 200) },
    codeNumber: text(edoc.code?.codeNumber ?? '?', 11),
    codeNotation: text(edoc.code?.codeNotation ?? '?', 30),
    promulgationDate: edoc.promulgationInfo?.promulgationDate ?? edoc.documentId.split(',')[1]?.replace(/\//g, '-') ?? '1970-01-01',
    typeName: text(edoc.documentType?.typeName ?? 'Văn bản', 100),
    subject: text(edoc.subject ?? '(không có trích yếu)', 500),
    ...(edoc.signerInfo?.fullName === undefined
      ? {}
      : { signer: { fullName: text(edoc.signerInfo.fullName, 50), ...(edoc.signerInfo.position === undefined ? {} : { position: text(edoc.signerInfo.position, 100) }) } }),
    urgency: (urgencies[priority] ?? 'normal') as Urgency,
    secrecy: 'none',
    ...(edoc.otherInfo?.pageAmount === undefined ? {} : { pageAmount: edoc.otherInfo.pageAmount }),
  };
}

/**
 * The status package that answers an incoming document's sender, addressed with the identifiers the sender
 * used (its From, its DocumentId), whatever their notation.
 */
export function statusPackageOf(
  document: IncomingDocument,
  receiver: Pick<OrganisationUnit, 'code102' | 'name'> | undefined,
  statusCode: '01' | '02' | '03' | '04' | '05' | '06' | '15' | '16',
  description: string,
  now: Date,
): StatusInput {
  return {
    responseFor: {
      organId: document.issuer.organId ?? document.source?.fromOrganId ?? '',
      code: `${document.codeNumber}/${document.codeNotation}`,
      promulgationDate: document.promulgationDate,
      documentId: document.source?.documentId ?? '',
    },
    from: { organId: document.organId, organName: receiver?.name ?? document.organId },
    statusCode,
    description: description.slice(0, 1000),
    timestamp: vietnamTimestamp(now),
  };
}
