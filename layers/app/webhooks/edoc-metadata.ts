import { parseAgencyCode } from '#domain/agency/code';
import { documentMetadataSchema, urgencies, type DocumentMetadata } from '#domain/documents/metadata';
import { UnprocessableError, type FieldIssue } from '#domain/errors';
import type { Edoc } from '#edxml/model';

/** Where each metadata field comes from in the edXML model, for messages the sender can act on. */
const SOURCE_PATH: Record<string, string> = {
  issuer: 'from',
  codeNumber: 'code.codeNumber',
  codeNotation: 'code.codeNotation',
  promulgationDate: 'promulgationInfo.promulgationDate',
  typeName: 'documentType.typeName',
  subject: 'subject',
  signer: 'signerInfo',
  pageAmount: 'otherInfo.pageAmount',
};

export type ArrivalMetadata = DocumentMetadata & { dueDate?: string };

/**
 * The metadata of an incoming document from an edXML document model (MessageHeader): issuer, số and ký hiệu,
 * promulgation date, type, trích yếu, signer, độ khẩn (Priority 0–4), page count and due date. The package's
 * From must be the sending agency (the one whose key signed the delivery), and the issuer is named as our
 * directory names that agency, not by the package's free text. What our register cannot do without is
 * refused with the element to fix.
 *
 * @throws {UnprocessableError} `sender-mismatch` or `incomplete-document`, with paths under `where`.
 * @example
 * const metadata = arrivalMetadata(edoc, { organId: '000.00.00.G12', organName: 'Bộ Tài chính' }, 'body.data.document');
 */
export function arrivalMetadata(edoc: Edoc, sender: { organId: string; organName: string }, where: string): ArrivalMetadata {
  const from = parseAgencyCode(edoc.from.organId);
  if (!from.ok || from.code.code102 !== sender.organId) {
    throw new UnprocessableError('sender-mismatch', `The package's From (${edoc.from.organId}) is not the agency that signed the delivery (${sender.organId}).`, {
      errors: [{ path: `${where}.from.organId`, message: `must be ${sender.organId}` }],
    });
  }
  const signerName = edoc.signerInfo?.fullName;
  const pageAmount = edoc.otherInfo?.pageAmount;
  const candidate = {
    issuer: { organId: sender.organId, organName: sender.organName },
    codeNumber: edoc.code?.codeNumber,
    codeNotation: edoc.code?.codeNotation,
    promulgationDate: edoc.promulgationInfo?.promulgationDate,
    typeName: edoc.documentType?.typeName,
    subject: edoc.subject,
    ...(signerName === undefined ? {} : { signer: { fullName: signerName, ...(edoc.signerInfo?.position === undefined ? {} : { position: edoc.signerInfo.position }) } }),
    urgency: urgencies[edoc.otherInfo?.priority ?? 0] ?? 'normal',
    // Secret documents (Mật and above) never travel electronically.
    secrecy: 'none',
    ...(pageAmount !== undefined && pageAmount >= 1 ? { pageAmount } : {}),
  };
  const result = documentMetadataSchema.safeParse(candidate);
  if (!result.success) {
    const errors: FieldIssue[] = result.error.issues.map((issue) => {
      const [field = '', ...rest] = issue.path.map(String);
      const path = [where, SOURCE_PATH[field] ?? field, ...rest].join('.');
      return { path, message: issue.message };
    });
    throw new UnprocessableError('incomplete-document', `The document cannot be registered as it is: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors });
  }
  const { dueDate } = edoc;
  // Real packages carry due dates before the promulgation date; such a date is no deadline.
  const keepsDueDate = dueDate !== undefined && dueDate >= result.data.promulgationDate;
  return { ...result.data, ...(keepsDueDate ? { dueDate } : {}) };
}
