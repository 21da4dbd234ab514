/**
 * What QCVN 102 and Nghị định 30 (Phụ lục VI) expect of a package beyond what we can process: code
 * notation, field lengths, coherent dates and identifiers. A receiver turns these into warnings and still
 * registers the document; a strict build refuses to send a package that has any.
 */
import { isHub, looksLikeAgencyCode, parseAgencyCode } from '#domain/agency/code';
import type { EdxmlWarning } from './errors.ts';
import type { AttachmentMeta, Edoc, Organization, Status } from './model.ts';
import { parseDocumentId } from './values.ts';

/** Field lengths of Phụ lục VI (characters). */
export const FIELD_LENGTHS = {
  organId: 13,
  organName: 200,
  codeNumber: 11,
  codeNotation: 30,
  subject: 500,
  typeName: 100,
  position: 100,
  fullName: 50,
  statusDescription: 1000,
} as const;

const CODE_102 = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/**
 * `receive` (default): every expectation a package breaks, as the receiver's warnings. `build`: what we
 * must not send; the identifiers of the agencies we answer (To, ResponseFor) are written as the axis
 * delivered them (a QĐ 20 code, an enterprise id), so they are not held against a reply.
 */
export type LintMode = 'receive' | 'build';

/**
 * The standard's expectations a document package breaks, as warnings.
 *
 * @example
 * lintEdoc(pkg).map((w) => `${w.path}: ${w.message}`)  // ['to[0].organId: "28.22.H17" is not in the QCVN 102 notation NNN.NN.NN.XNN']
 */
export function lintEdoc(edoc: Edoc, attachments: readonly AttachmentMeta[] = [], mode: LintMode = 'receive'): EdxmlWarning[] {
  const out: EdxmlWarning[] = [];
  lintOrganization(out, 'from', edoc.from, 'receive');
  if (edoc.to.length === 0) out.push(warn('missing-field', 'to', 'no recipient (To)'));
  edoc.to.forEach((o, i) => {
    lintOrganization(out, `to[${i}]`, o, mode);
  });
  lintCode(out, edoc);
  lintDocumentId(out, edoc);
  const promulgated = edoc.promulgationInfo?.promulgationDate;
  if (promulgated === undefined) out.push(warn('missing-field', 'promulgationInfo.promulgationDate', 'no promulgation date'));
  if (promulgated !== undefined && edoc.dueDate !== undefined && edoc.dueDate < promulgated) {
    out.push(warn('due-date-before-promulgation', 'dueDate', `DueDate ${edoc.dueDate} is before PromulgationDate ${promulgated}`));
  }
  if (edoc.subject === undefined) out.push(warn('missing-field', 'subject', 'no subject (trích yếu)'));
  length(out, 'subject', edoc.subject, FIELD_LENGTHS.subject);
  length(out, 'documentType.typeName', edoc.documentType?.typeName, FIELD_LENGTHS.typeName);
  length(out, 'signerInfo.position', edoc.signerInfo?.position, FIELD_LENGTHS.position);
  length(out, 'signerInfo.fullName', edoc.signerInfo?.fullName, FIELD_LENGTHS.fullName);
  const priority = edoc.otherInfo?.priority;
  if (priority !== undefined && priority > 4) out.push(warn('value-out-of-range', 'otherInfo.priority', `Priority ${priority} is not 0–4`));
  referencedId(out, 'traceHeaderList.bussiness.documentId', edoc.traceHeaderList.bussiness?.documentId);
  edoc.responseFor.forEach((r, i) => {
    lintResponseFor(out, `responseFor[${i}]`, r, mode);
  });
  lintAttachments(out, attachments);
  return out;
}

/** The standard's expectations a status package breaks, as warnings. */
export function lintStatus(status: Status, mode: LintMode = 'receive'): EdxmlWarning[] {
  const out: EdxmlWarning[] = [];
  lintOrganization(out, 'from', status.from, 'receive');
  lintResponseFor(out, 'responseFor', status.responseFor, mode);
  if (status.statusCode === '02' && status.description === undefined) {
    out.push(warn('status-reason-missing', 'description', 'status 02 (rejected) requires a reason'));
  }
  length(out, 'description', status.description, FIELD_LENGTHS.statusDescription);
  if (status.timestamp === undefined) out.push(warn('missing-field', 'timestamp', 'no timestamp'));
  return out;
}

function lintOrganization(out: EdxmlWarning[], path: string, organization: Organization, mode: LintMode): void {
  lintOrganId(out, `${path}.organId`, organization.organId, mode);
  length(out, `${path}.organName`, organization.organName, FIELD_LENGTHS.organName);
}

/** The document answered: its issuer's id and DocumentId are echoed as the sender wrote them. */
function lintResponseFor(out: EdxmlWarning[], path: string, responseFor: Edoc['responseFor'][number], mode: LintMode): void {
  if (responseFor.organId !== undefined) lintOrganId(out, `${path}.organId`, responseFor.organId, mode);
  if (mode === 'receive') referencedId(out, `${path}.documentId`, responseFor.documentId);
}

/**
 * What an identifier is, precisely: a QCVN 102 code (nothing to say), the same agency in the QĐ 20
 * notation, a hub code, an id from outside the state system, or something shaped like a code that is not
 * one. In build mode the agencies we answer keep the identifier the axis delivered (QĐ 20, enterprise ids);
 * only our own From must be a QCVN 102 code, and a malformed code is refused everywhere.
 */
function lintOrganId(out: EdxmlWarning[], path: string, organId: string, mode: LintMode): void {
  if (CODE_102.test(organId) && !isHub(organId)) return;
  const answered = mode === 'build' && !path.startsWith('from');
  const parsed = parseAgencyCode(organId);
  if (isHub(organId)) out.push(warn('organ-id-hub', path, `"${organId}" is a hub (W00) code, not an agency`));
  else if (parsed.ok) {
    if (!answered) out.push(warn('organ-id-qd20', path, `"${organId}" is in the QĐ 20 notation; QCVN 102 writes it ${parsed.code.code102}`));
  } else if (looksLikeAgencyCode(organId)) out.push(warn('organ-id-notation', path, `"${organId}" is not in the QCVN 102 notation NNN.NN.NN.XNN (${parsed.reason})`));
  else if (!answered) out.push(warn('organ-id-not-agency-code', path, `"${organId}" is not an agency code in either notation: an identifier from outside the state system`));
}

function lintCode(out: EdxmlWarning[], edoc: Edoc): void {
  const number = edoc.code?.codeNumber;
  const notation = edoc.code?.codeNotation;
  if (number === undefined) out.push(warn('missing-field', 'code.codeNumber', 'no document number (số)'));
  if (notation === undefined) out.push(warn('missing-field', 'code.codeNotation', 'no document notation (ký hiệu)'));
  if (number !== undefined && !/^\d+$/.test(number)) out.push(warn('code-number-not-numeric', 'code.codeNumber', `CodeNumber "${number}" is not a number`));
  length(out, 'code.codeNumber', number, FIELD_LENGTHS.codeNumber);
  length(out, 'code.codeNotation', notation, FIELD_LENGTHS.codeNotation);
}

/** The DocumentId must be well formed and tell the same story as From, Code and PromulgationDate. */
function lintDocumentId(out: EdxmlWarning[], edoc: Edoc): void {
  const parsed = parseDocumentId(edoc.documentId);
  if (!parsed.success) {
    out.push(warn('document-id-format', 'documentId', parsed.error));
    return;
  }
  const { organId, promulgationDate, number, notation } = parsed.data;
  const differs: string[] = [];
  if (organId !== edoc.from.organId) differs.push(`OrganId ${organId} vs From ${edoc.from.organId}`);
  const date = edoc.promulgationInfo?.promulgationDate;
  if (date !== undefined && date !== promulgationDate) differs.push(`date ${promulgationDate} vs PromulgationDate ${date}`);
  const code = edoc.code;
  if (code?.codeNumber !== undefined && code.codeNumber !== number) differs.push(`number ${number} vs CodeNumber ${code.codeNumber}`);
  if (code?.codeNotation !== undefined && code.codeNotation !== notation) differs.push(`notation ${notation} vs CodeNotation ${code.codeNotation}`);
  if (differs.length > 0) out.push(warn('document-id-mismatch', 'documentId', `DocumentId disagrees with the header: ${differs.join('; ')}`));
}

/** A DocumentId that refers to another document (revoked, replaced, answered) must still be well formed. */
function referencedId(out: EdxmlWarning[], path: string, documentId: string | undefined): void {
  if (documentId === undefined) return;
  const parsed = parseDocumentId(documentId);
  if (!parsed.success) out.push(warn('document-id-format', path, parsed.error));
}

function lintAttachments(out: EdxmlWarning[], attachments: readonly AttachmentMeta[]): void {
  const seen = new Set<string>();
  attachments.forEach((a, i) => {
    if (!a.contentId.startsWith('cid:')) out.push(warn('content-id-format', `attachments[${i}].contentId`, `"${a.contentId}" does not start with "cid:"`));
    if (seen.has(a.contentId)) out.push(warn('duplicate-content-id', `attachments[${i}].contentId`, `"${a.contentId}" is used twice`));
    seen.add(a.contentId);
  });
}

function length(out: EdxmlWarning[], path: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) out.push(warn('field-too-long', path, `${value.length} characters, the standard allows ${max}`));
}

function warn(code: string, path: string, message: string): EdxmlWarning {
  return { code, path, message };
}
