import * as z from 'zod';
import { incomingStatuses } from '#domain/documents/incoming';
import { isoDateSchema } from '#domain/documents/metadata';
import { outgoingStatuses } from '#domain/documents/outgoing';
import { maintenanceSchema, newRecordSchema, recordStatuses } from '#domain/records/record';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';

const who = z.object({ sub: z.string(), name: z.string() });
const ulid = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `expected a ${what} id (26 characters)`);

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

const entrySchema = z.object({
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

const recordViewSchema = workRecordSchema.extend({
  pageTotal: z.number().int().optional().describe('tổng số trang: sum of the known page counts'),
  documents: z.array(entrySchema.extend({ document: documentSummarySchema.optional() })),
});

const recordParams = z.object({ id: ulid('record') });
const problems = [400, 401, 403, 404] as const;

export const createRecordContract = defineContract({
  operationId: 'createRecord',
  method: 'POST',
  path: '/records',
  tag: 'records',
  summary: 'Open a work record (lập hồ sơ công việc) with its FileCode (mã hồ sơ)',
  description: 'FileCode = your agency code + year + fileNotation; 409 duplicate-file-code when your agency already has it.',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'ids', 'records'],
  body: newRecordSchema,
  query: undefined,
  params: undefined,
  response: workRecordSchema,
  status: 201,
  errors: [400, 401, 403, 409],
});

export const listRecordsContract = defineContract({
  operationId: 'listRecords',
  method: 'GET',
  path: '/records',
  tag: 'records',
  summary: "Your agency's work records by year and FileCode",
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'records'],
  body: undefined,
  query: z.object({
    year: z.coerce.number().int().min(1945).max(2100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(workRecordSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});

export const getRecordContract = defineContract({
  operationId: 'getRecord',
  method: 'GET',
  path: '/records/{id}',
  tag: 'records',
  summary: 'A work record of your agency with its documents in ordinal order',
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: undefined,
  params: recordParams,
  response: recordViewSchema,
  status: 200,
  errors: [...problems],
});

export const addRecordDocumentContract = defineContract({
  operationId: 'addRecordDocument',
  method: 'POST',
  path: '/records/{id}/documents',
  tag: 'records',
  summary: 'Add a document of your agency to an open record as its next ordinal (the document is not copied)',
  description: '409 document-already-in-record when it is in this record already; 409 record-closed when the record is closed.',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'documents', 'records'],
  body: z.object({ documentId: ulid('document') }),
  query: undefined,
  params: recordParams,
  response: entrySchema,
  status: 201,
  errors: [...problems, 409],
});

export const closeRecordContract = defineContract({
  operationId: 'closeRecord',
  method: 'POST',
  path: '/records/{id}/close',
  tag: 'records',
  summary: 'Close a work record (kết thúc hồ sơ); no documents can be added afterwards',
  auth: 'jwt',
  permission: 'record.write',
  ports: ['clock', 'records'],
  body: undefined,
  query: undefined,
  params: recordParams,
  response: workRecordSchema,
  status: 200,
  errors: [...problems, 409],
});

export const exportRecordContract = defineContract({
  operationId: 'exportRecord',
  method: 'GET',
  path: '/records/{id}/export',
  tag: 'records',
  summary: "A record's metadata and its documents' metadata as a file (Phụ lục VI); answered as application/xml",
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: z.object({ format: z.enum(['xml'], { error: 'only format=xml is available' }).default('xml') }),
  params: recordParams,
  response: z.string().describe('the XML document (content-type application/xml; charset=utf-8)'),
  status: 200,
  responseTypes: ['application/xml'],
  errors: [...problems],
});

export const documentRecordsContract = defineContract({
  operationId: 'documentRecords',
  method: 'GET',
  path: '/documents/{id}/records',
  tag: 'records',
  summary: 'The work records of your agency that hold a document, with its ordinal in each',
  auth: 'jwt',
  permission: 'record.read',
  ports: ['clock', 'documents', 'records'],
  body: undefined,
  query: undefined,
  params: z.object({ id: ulid('document') }),
  response: z.object({ items: z.array(workRecordSchema.extend({ documentOrdinal: z.number().int().positive() })) }),
  status: 200,
  errors: [...problems],
});

/** Route contracts of the records area (appended to allContracts in ./index.ts). */
export const recordContracts: readonly RouteContract[] = [
  createRecordContract,
  listRecordsContract,
  getRecordContract,
  addRecordDocumentContract,
  closeRecordContract,
  exportRecordContract,
  documentRecordsContract,
];
