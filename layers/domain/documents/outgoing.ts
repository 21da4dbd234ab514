import * as z from 'zod';
import type { SeriesKind } from './numbering.ts';
import { axisAddresseeSchema } from '../agency/schema.ts';
import { abbreviationSchema, isoDateSchema, paragraphSchema, secrecyLevels, signerSchema, textSchema, urgencies, type Secrecy, type Urgency } from './metadata.ts';

/**
 * Outgoing documents (văn bản đi): drafted by a specialist, submitted, approved and signed by a leader,
 * then issued by the clerk, who gives the number and notation from a register (sổ) of the agency.
 */
export const outgoingStatuses = ['draft', 'submitted', 'approved', 'issued', 'revoked'] as const;
export type OutgoingStatus = (typeof outgoingStatuses)[number];

/** Type abbreviations of Phụ lục III (Nghị định 30/2020); Công văn and Thư công have none. */
export const typeAbbreviations = {
  'Nghị quyết': 'NQ',
  'Quyết định': 'QĐ',
  'Chỉ thị': 'CT',
  'Quy chế': 'QC',
  'Quy định': 'QyĐ',
  'Thông cáo': 'TC',
  'Thông báo': 'TB',
  'Hướng dẫn': 'HD',
  'Chương trình': 'CTr',
  'Kế hoạch': 'KH',
  'Phương án': 'PA',
  'Đề án': 'ĐA',
  'Dự án': 'DA',
  'Báo cáo': 'BC',
  'Biên bản': 'BB',
  'Tờ trình': 'TTr',
  'Hợp đồng': 'HĐ',
  'Công điện': 'CĐ',
  'Bản ghi nhớ': 'BGN',
  'Bản thỏa thuận': 'BTT',
  'Giấy ủy quyền': 'GUQ',
  'Giấy mời': 'GM',
  'Giấy giới thiệu': 'GGT',
  'Giấy nghỉ phép': 'GNP',
  'Phiếu gửi': 'PG',
  'Phiếu chuyển': 'PC',
  'Phiếu báo': 'PB',
  'Bản sao y': 'SY',
  'Bản trích sao': 'TrS',
  'Bản sao lục': 'SL',
  'Công văn': null,
  'Thư công': null,
} as const satisfies Record<string, string | null>;
export type TypeName = keyof typeof typeAbbreviations;
export const typeNames = Object.keys(typeAbbreviations) as [TypeName, ...TypeName[]];

/**
 * Nơi nhận delivered electronically: an agency by its code (either notation, kept in the QCVN 102 form) or a
 * party the axis knows by another identifier (an enterprise's 12 digits). Free-text places go to `places`.
 */
export const recipientSchema = z.object({
  organId: axisAddresseeSchema,
  organName: textSchema().min(1).max(200),
});

export const outgoingDraftSchema = z.object({
  typeName: z.enum(typeNames),
  subject: textSchema().min(1, 'the subject (trích yếu) is required').max(500),
  // No issuerAbbreviation: the agency's ký hiệu comes from its numbering configuration, never from a draft
  // (an old client that still sends one has it dropped like any unknown field).
  /** Ký hiệu of the drafting unit, e.g. VX: part of a Công văn's notation (05/UBND-VX), required for one. */
  draftingUnitAbbreviation: abbreviationSchema.optional(),
  /** Văn bản quy phạm pháp luật: numbered in its own series per type, with the year in the notation (15/2026/QĐ-UBND). */
  legalNormative: z.boolean().default(false),
  signer: signerSchema.optional(),
  urgency: z.enum(urgencies).default('normal'),
  secrecy: z.enum(secrecyLevels).default('none'),
  recipients: z.array(recipientSchema).max(500).default([]),
  /** Free-text places (nơi nhận) that are not agencies of the directory. */
  places: z.array(textSchema().min(1).max(200)).max(100).default([]),
  dueDate: isoDateSchema.optional(),
  pageAmount: z.number().int().min(1).max(100_000).optional(),
  /** Số lượng bản: how many copies are issued (edXML PromulgationAmount); set by the clerk, never inferred. */
  promulgationAmount: z.number().int().min(1).max(10_000).optional(),
  note: paragraphSchema().max(1000).optional(),
});

export type OutgoingDraft = z.infer<typeof outgoingDraftSchema>;

/**
 * Changes to a draft: every field optional and WITHOUT its default — an edit that leaves out `recipients`
 * must not reset them to none.
 */
export const outgoingDraftChangesSchema = z
  .object({
    typeName: z.enum(typeNames),
    subject: textSchema().min(1).max(500),
    draftingUnitAbbreviation: abbreviationSchema,
    legalNormative: z.boolean(),
    signer: signerSchema,
    urgency: z.enum(urgencies),
    secrecy: z.enum(secrecyLevels),
    recipients: z.array(recipientSchema).max(500),
    places: z.array(textSchema().min(1).max(200)).max(100),
    dueDate: isoDateSchema,
    pageAmount: z.number().int().min(1).max(100_000),
    promulgationAmount: z.number().int().min(1).max(10_000),
    note: paragraphSchema().max(1000),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'give at least one field to change');
export type OutgoingDraftChanges = z.infer<typeof outgoingDraftChangesSchema>;

export interface OutgoingDocument extends OutgoingDraft {
  readonly id: string;
  readonly direction: 'outgoing';
  readonly organId: string;
  readonly status: OutgoingStatus;
  readonly urgency: Urgency;
  readonly secrecy: Secrecy;
  readonly createdBy: { readonly sub: string; readonly name: string };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** A revocation, update or replacement the clerk sent to the recipients (the document is frozen once revoked). */
  readonly senderRequest?: { readonly type: 'revocation' | 'update' | 'replacement'; readonly reason: string; readonly at: string; readonly replacementDocumentId?: string };
  /** The last time a leader sent it back to draft, and why. */
  readonly sentBack?: { readonly reason: string; readonly at: string; readonly by: { readonly sub: string; readonly name: string } };
  /**
   * The PDF the leader signed through vanthu (completeSignature): the one file an issue stamps and seals.
   * Cleared when the document is sent back to draft (its content may change).
   */
  readonly signedFile?: {
    readonly fileId: string;
    readonly sha256: string;
    readonly signer: string;
    readonly signedAt: string;
    readonly signedBy: { readonly sub: string; readonly name: string };
  };
  /** Set when issued: số, ký hiệu, the series and year it was numbered in, the Vietnam issue date. */
  readonly issue?: {
    readonly number: number;
    readonly codeNumber: string;
    readonly codeNotation: string;
    readonly registerId: string;
    /** Which series the number belongs to (a secret number is never mistaken for an ordinary one). */
    readonly series: SeriesKind;
    readonly registerName: string;
    readonly year: number;
    readonly issueDate: string;
    readonly issuedAt: string;
    readonly issuedBy: { readonly sub: string; readonly name: string };
    /** The issued electronic original: the PDF with the number and date stamped (and the agency's seal). */
    readonly file?: { readonly fileId: string; readonly sha256: string; readonly sealed: boolean };
  };
}
