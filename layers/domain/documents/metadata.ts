import { z } from 'zod';

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

export const isoDateSchema = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });

export const issuerSchema = z.object({
  /** Mã định danh of the issuing agency, when known. */
  organId: z.string().trim().min(1).max(13).optional(),
  organName: z.string().trim().min(1, 'the issuing agency (tác giả) is required').max(200),
});

export const signerSchema = z.object({
  position: z.string().trim().max(100).optional(),
  fullName: z.string().trim().min(1).max(50),
});

export const documentMetadataSchema = z.object({
  issuer: issuerSchema,
  /** Số: the number part of "15/QĐ-UBND". Real packages carry non-numeric ones, so it is text. */
  codeNumber: z.string().trim().min(1, 'the document number (số) is required').max(11),
  /** Ký hiệu: "QĐ-UBND". */
  codeNotation: z.string().trim().min(1, 'the notation (ký hiệu) is required').max(30),
  promulgationDate: isoDateSchema,
  /** Tên loại: "Quyết định", "Công văn", ... */
  typeName: z.string().trim().min(1).max(100),
  /** Trích yếu. */
  subject: z.string().trim().min(1, 'the subject (trích yếu) is required').max(500),
  signer: signerSchema.optional(),
  urgency: z.enum(urgencies).default('normal'),
  secrecy: z.enum(secrecyLevels).default('none'),
  pageAmount: z.number().int().min(1).max(100_000).optional(),
});

export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;
