import { z } from 'zod';
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

/** Text as it is stored: NFC, invisible characters removed, white space collapsed (see storedText). */
export const textSchema = () => z.string().overwrite(storedText);
/** Multi-line text (notes, reasons) as it is stored: NFC, invisible characters removed, trimmed. */
export const paragraphSchema = () => z.string().overwrite(storedParagraph);

/** A ký hiệu part: upper-case letters and digits (UBND, SNV, VX; Vietnamese letters such as Đ allowed). */
export const abbreviationSchema = z.string().overwrite(storedText).regex(/^[A-ZĐ][A-Za-zĐđ0-9]{0,11}$/, 'upper-case letters and digits, e.g. UBND or VX');

export const isoDateSchema = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });

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
