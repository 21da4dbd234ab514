/**
 * The edXML model (QCVN 102:2016, gói tin edXML) as zod schemas. JSON keys are the element names in
 * lowerCamelCase; repeatable elements are arrays named after the element (`to`, `responseFor`,
 * `traceHeaderList.traceHeader`), list wrappers collapse (`toPlaces: string[]` for ToPlaces/Place*,
 * `otherInfo.appendixes` for Appendixes/Appendix*). Dates are ISO `YYYY-MM-DD`, timestamps ISO `+07:00`.
 *
 * The schemas say what we can *process*: text is trimmed, empty optional text is absent. What the standard
 * *expects* (code notation, field lengths, DueDate after PromulgationDate...) is checked by ./lint.ts, which
 * turns into warnings on receipt and into refusals on a strict build.
 */
import * as z from 'zod';
import { toVietnamIso } from './values.ts';

/** The XML namespace of QCVN 102:2016. */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Status codes of a status package, as the two-digit strings that travel. */
export const STATUS_CODES = {
  '01': 'arrived (đã đến)',
  '02': 'rejected / returned (từ chối), reason required',
  '03': 'accepted / registered (đã tiếp nhận)',
  '04': 'assigned (phân công)',
  '05': 'processing (đang xử lý)',
  '06': 'finished (hoàn thành)',
  '13': 'sender asks to take back / revoke',
  '15': 'receiver agrees to the revocation / update',
  '16': 'receiver refuses the revocation / update',
} as const;

// XML 1.0 cannot carry C0 controls other than tab/newline/CR, U+FFFE/U+FFFF or unpaired surrogates.
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = z
  .string()
  .trim()
  .refine((s) => !XML_UNSAFE.test(s), 'contains characters XML 1.0 cannot carry');
const requiredText = text.min(1, 'must not be empty');
/** Optional text: trimmed, and absent when empty so that `<Email/>` and no Email read the same. */
const optionalText = text
  .optional()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const count = z.number().int().min(0);
const isoDate = z.iso.date();
const isoTimestamp = z.iso.datetime({ offset: true }).transform(toVietnamIso);

/** An agency as sender or recipient (From / To). */
export const organizationSchema = z.object({
  /** Mã định danh, `NNN.NN.NN.XNN` in QCVN 102 notation (lint warns on others). */
  organId: requiredText,
  organizationInCharge: optionalText,
  organName: optionalText,
  organAdd: optionalText,
  email: optionalText,
  telephone: optionalText,
  fax: optionalText,
  website: optionalText,
});

/** Số và ký hiệu. */
export const codeSchema = z.object({ codeNumber: optionalText, codeNotation: optionalText });

export const promulgationInfoSchema = z.object({ place: optionalText, promulgationDate: isoDate.optional() });

export const documentTypeSchema = z.object({
  /** [unverified] numbering: kept as it travels. */
  type: count.optional(),
  typeDetail: count.optional(),
  typeName: optionalText,
});

export const signerInfoSchema = z.object({ competence: optionalText, position: optionalText, fullName: optionalText });

export const otherInfoSchema = z.object({
  /** Độ khẩn: 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
  priority: count.optional(),
  sphereOfPromulgation: optionalText,
  typerNotation: optionalText,
  promulgationAmount: count.optional(),
  pageAmount: count.optional(),
  /** Replies to (as one text: the SDK models it as a string). */
  replyFors: optionalText,
  direction: z.boolean().optional(),
  /** Reference codes (one text, as the SDK models it). */
  referenceCodes: optionalText,
  appendixes: z.array(requiredText).default([]),
});

/** The document a reply or a status answers. */
export const responseForSchema = z.object({
  organId: optionalText,
  /** Number/Notation in one text, e.g. `7816/VPCP-TTĐT`. */
  code: optionalText,
  promulgationDate: isoDate.optional(),
  documentId: optionalText,
});

/** One hop. Real axis hops often carry only a Timestamp; a hop whose OrganId is the text `null` is kept (warned). */
export const traceHeaderSchema = z.object({ organId: optionalText, timestamp: isoTimestamp.optional() });

/** Who handled it: department and person, by name and (in real packages) by the sender system's ids. */
export const staffInfoSchema = z.object({
  department: optionalText,
  departmentId: optionalText,
  staff: optionalText,
  staffId: optionalText,
  email: optionalText,
  mobile: optionalText,
});

/** In an update (BussinessDocType 2): ReceiverType 0 removed, 1 added. */
export const receiverSchema = z.object({ receiverType: count.optional(), organId: requiredText });

export const bussinessDocumentInfoSchema = z.object({
  documentInfo: count.optional(),
  documentReceiver: count.optional(),
  receiverList: z.array(receiverSchema).default([]),
});

export const replacementInfoSchema = z.object({ documentId: requiredText, organIdList: z.array(requiredText).default([]) });

/** Nghiệp vụ: the element is spelled "Bussiness" in the standard, and so here. */
export const bussinessSchema = z.object({
  documentId: optionalText,
  /** 0 new, 1 revocation (thu hồi), 2 update (cập nhật), 3 replacement (thay thế). */
  bussinessDocType: z.number().int().min(0).max(3).optional(),
  bussinessDocReason: optionalText,
  paper: count.optional(),
  /** BussinessDocumentInfo repeats in real packages; receivers of every ReceiverList inside one are one list. */
  bussinessDocumentInfo: z.array(bussinessDocumentInfoSchema).default([]),
  /** Every ReplacementInfo, of however many ReplacementInfoList elements. */
  replacementInfoList: z.array(replacementInfoSchema).default([]),
  staffInfo: z.array(staffInfoSchema).default([]),
});

export const traceHeaderListSchema = z.object({
  /** The `id` and `version` attributes and the Paper child the SDK writes on TraceHeaderList. */
  id: optionalText,
  version: optionalText,
  paper: optionalText,
  traceHeader: z.array(traceHeaderSchema).default([]),
  bussiness: bussinessSchema.optional(),
});

/** The MessageHeader and TraceHeaderList of a document package, flattened as the CLI prints them. */
export const edocSchema = z.object({
  from: organizationSchema,
  to: z.array(organizationSchema).default([]),
  documentId: requiredText,
  code: codeSchema.optional(),
  promulgationInfo: promulgationInfoSchema.optional(),
  documentType: documentTypeSchema.optional(),
  /** Trích yếu. */
  subject: optionalText,
  content: optionalText,
  signerInfo: signerInfoSchema.optional(),
  dueDate: isoDate.optional(),
  otherInfo: otherInfoSchema.optional(),
  /** The documents this one answers (an empty `<ResponseFor/>` is none). */
  responseFor: z.array(responseForSchema).default([]),
  /** [unverified] values (0/1 vs 1–3): kept as they travel. */
  steeringType: count.optional(),
  /** ResponseForTask/TaskCode*: the tasks (nhiệm vụ) this document reports on. */
  responseForTask: z.array(requiredText).default([]),
  /** ApplicationType: what the sender's system calls the kind of exchange, kept as it travels. */
  applicationType: optionalText,
  toPlaces: z.array(requiredText).default([]),
  traceHeaderList: traceHeaderListSchema.default({ traceHeader: [], bussiness: undefined }),
});

/** What describes an attachment in the manifest and in AttachmentEncoded. */
export const attachmentMetaSchema = z.object({
  /** `cid:…`, the key between the manifest Reference and the encoded Attachment. */
  contentId: requiredText,
  attachmentName: requiredText,
  contentType: requiredText,
  description: optionalText,
});

/** An attachment as parsed: metadata and what the bytes were, never the bytes. */
export const parsedAttachmentSchema = attachmentMetaSchema.extend({
  size: count,
  /** SHA-256 of the decoded bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The payload is a ZIP (content type or `PK\x03\x04` magic): often how senders ship several files. */
  zipped: z.boolean(),
});

export const warningSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

/** What the package's XML-DSig signature says about itself; verifying it is the signature layer's job. */
export const signatureInfoSchema = z.object({
  namespace: z.string(),
  signatureMethod: z.string().optional(),
  digestMethod: z.string().optional(),
  x509SubjectName: z.string().optional(),
  /** DER length of the X509Certificate vs what arrived; false means truncated or not a certificate. */
  certificateComplete: z.boolean().optional(),
  certificateBytes: count.optional(),
});

/** `vanthu edxml parse` output for a document package. */
export const parsedEdocSchema = z.object({
  kind: z.literal('edoc'),
  ...edocSchema.shape,
  attachments: z.array(parsedAttachmentSchema),
  signature: signatureInfoSchema.optional(),
  warnings: z.array(warningSchema),
});

/**
 * A status package (gói tin trạng thái): the fields of its MessageHeader, as the SDK writes them (no body).
 * Packages with an `edXML:Status` element instead are read the same way.
 */
export const statusSchema = z.object({
  responseFor: responseForSchema.extend({ documentId: requiredText }),
  from: organizationSchema,
  statusCode: z.enum(Object.keys(STATUS_CODES) as [keyof typeof STATUS_CODES, ...(keyof typeof STATUS_CODES)[]]),
  /** The reason, required for 02 (≤ 1,000 characters). */
  description: optionalText,
  timestamp: isoTimestamp.optional(),
  staffInfo: staffInfoSchema.optional(),
});

export const parsedStatusSchema = z.object({
  kind: z.literal('status'),
  ...statusSchema.shape,
  signature: signatureInfoSchema.optional(),
  warnings: z.array(warningSchema),
});

export const parsedPackageSchema = z.discriminatedUnion('kind', [parsedEdocSchema, parsedStatusSchema]);

export type Organization = z.output<typeof organizationSchema>;
export type Edoc = z.output<typeof edocSchema>;
export type EdocInput = z.input<typeof edocSchema>;
export type AttachmentMeta = z.output<typeof attachmentMetaSchema>;
export type ParsedAttachment = z.output<typeof parsedAttachmentSchema>;
export type SignatureInfo = z.output<typeof signatureInfoSchema>;
export type ParsedEdoc = z.output<typeof parsedEdocSchema>;
export type Status = z.output<typeof statusSchema>;
export type StatusInput = z.input<typeof statusSchema>;
export type StatusCode = Status['statusCode'];
export type ParsedStatus = z.output<typeof parsedStatusSchema>;
export type ParsedPackage = z.output<typeof parsedPackageSchema>;
