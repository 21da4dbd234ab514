import * as z from 'zod';
import { storedParagraph, storedText } from '../text.ts';

/**
 * Document metadata shared by incoming and outgoing documents (Nghị định 30/2020, Phụ lục VI), with the
 * field lengths of the regulation.
 */

/** Độ khẩn. edXML Priority: 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ. */
export const urgencies = ['normal', 'urgent', 'very-urgent', 'flash', 'flash-timed'] as const;
export type Urgency = (typeof urgencies)[number];

/** Độ mật: none, Mật (confidential), Tối mật (secret), Tuyệt mật (top-secret). */
export const secrecyLevels = ['none', 'confidential', 'secret', 'top-secret'] as const;
export type Secrecy = (typeof secrecyLevels)[number];

/** How the document reached the agency. */
export const channels = ['paper', 'axis', 'internal', 'webhook', 'email'] as const;
export type Channel = (typeof channels)[number];

/**
 * Control characters have no place in a document's text and hide what a reader sees: NUL, C0 (but tab and
 * line breaks, which become spaces or stay in paragraphs), DEL, C1, and the bidi overrides and isolates that
 * reorder what is displayed (U+202A–U+202E, U+2066–U+2069). Refused with 400 on the field.
 */
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;
const CONTROL_MESSAGE = 'contains a control or bidi-override character (e.g. NUL, U+202E); remove it';

/** Text as it is stored: NFC, invisible characters removed, white space collapsed (see storedText). */
export const textSchema = () => z.string().regex(NO_CONTROL, CONTROL_MESSAGE).overwrite(storedText);
/** Multi-line text (notes, reasons) as it is stored: NFC, invisible characters removed, trimmed. */
export const paragraphSchema = () => z.string().regex(NO_CONTROL, CONTROL_MESSAGE).overwrite(storedParagraph);

/** A ký hiệu part: upper-case letters and digits (UBND, SNV, VX; Vietnamese letters such as Đ allowed). */
export const abbreviationSchema = z
  .string()
  .regex(NO_CONTROL, CONTROL_MESSAGE)
  .overwrite(storedText)
  .regex(/^[A-ZĐ][A-Za-zĐđ0-9]{0,11}$/, 'upper-case letters and digits, e.g. UBND or VX');

/** A calendar date `YYYY-MM-DD` between 1900 and 2100: anything else is a typing mistake, refused with 400. */
export const isoDateSchema = z.iso
  .date({ error: 'expected a date as YYYY-MM-DD' })
  .refine((date) => date >= '1900-01-01' && date <= '2100-12-31', 'expected a date between 1900-01-01 and 2100-12-31');

export const issuerSchema = z.object({
  /** Mã định danh of the issuing agency, when known. */
  organId: textSchema().min(1).max(13).optional(),
  organName: textSchema().min(1, 'the issuing agency (tác giả) is required').max(200),
});

export const signerSchema = z.object({
  position: textSchema().max(100).optional(),
  fullName: textSchema().min(1).max(50),
});

export const documentMetadataSchema = z.object({
  issuer: issuerSchema,
  /** Số: the number part of "15/QĐ-UBND". Real packages carry non-numeric ones, so it is text. */
  codeNumber: textSchema().min(1, 'the document number (số) is required').max(11),
  /** Ký hiệu: "QĐ-UBND". */
  codeNotation: textSchema().min(1, 'the notation (ký hiệu) is required').max(30),
  promulgationDate: isoDateSchema,
  /** Tên loại: "Quyết định", "Công văn", ... */
  typeName: textSchema().min(1).max(100),
  /** Trích yếu. */
  subject: textSchema().min(1, 'the subject (trích yếu) is required').max(500),
  signer: signerSchema.optional(),
  urgency: z.enum(urgencies).default('normal'),
  secrecy: z.enum(secrecyLevels).default('none'),
  pageAmount: z.number().int().min(1).max(100_000).optional(),
});

export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;
