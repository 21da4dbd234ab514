import * as z from 'zod';
import { incomingStatuses } from '#domain/documents/incoming';
import { isoDateSchema } from '#domain/documents/metadata';
import { outgoingStatuses } from '#domain/documents/outgoing';
import { maintenanceSchema, recordStatuses } from '#domain/records/record';

const who = z.object({ sub: z.string(), name: z.string() });
export const ulid = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `expected a ${what} id (26 characters)`);

/** A work record (hồ sơ công việc) as the API returns it; field meanings in layers/domain/records/record.ts. */
export const workRecordSchema = z.object({
  id: z.string(),
  organId: z.string(),
  fileCode: z.string().describe('Mã hồ sơ: OrganId.Year.FileNotation, unique in the agency'),
  fileNotation: z.string().describe('số và ký hiệu hồ sơ in the file plan'),
  year: z.number().int(),
  title: z.string(),
  maintenance: maintenanceSchema.describe("thời hạn bảo quản: 'permanent' or years"),
  rights: z.string().optional().describe('chế độ sử dụng'),
  language: z.string(),
  infoSign: z.string().optional().describe('ký hiệu thông tin'),
  description: z.string().optional().describe('ghi chú'),
  keeper: who,
  status: z.enum(recordStatuses),
  openedAt: z.string(),
  startDate: isoDateSchema,
  closedAt: z.string().optional(),
  closedBy: who.optional(),
  endDate: isoDateSchema.optional(),
  documentCount: z.number().int().describe('tổng số văn bản'),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const entrySchema = z.object({
  recordId: z.string(),
  ordinal: z.number().int().positive().describe('số thứ tự văn bản trong hồ sơ'),
  documentId: z.string(),
  addedAt: z.string(),
  addedBy: who,
});

const documentSummarySchema = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  status: z.enum([...incomingStatuses, ...outgoingStatuses]),
  typeName: z.string(),
  subject: z.string(),
  codeNumber: z.string().optional(),
  codeNotation: z.string().optional(),
  date: isoDateSchema.optional(),
  issuer: z.object({ organId: z.string().optional(), organName: z.string().optional() }),
  pageAmount: z.number().int().optional(),
});

export const recordViewSchema = workRecordSchema.extend({
  pageTotal: z.number().int().optional().describe('tổng số trang: sum of the known page counts'),
  documents: z.array(entrySchema.extend({ document: documentSummarySchema.optional() })),
});

export const recordParams = z.object({ id: ulid('record') });
export const problems = [400, 401, 403, 404] as const;
