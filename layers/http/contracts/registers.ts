import * as z from 'zod';
import { numberingChangeSchema } from '#domain/documents/numbering';
import { defineContract } from '../contract.ts';

const seriesKinds = ['administrative', 'legal-normative', 'copy', 'secret'] as const;
const year = z.coerce.number().int().min(2000).max(2100);
const organParams = z.object({ organId: z.string().min(1).max(40) });

/** A register or series of the year as the register list and the numbering view show it. */
const seriesSchema = z.object({
  id: z.string().describe('register id: a configured register, or secret, copies, legal-qd, legal-nq kept by the system'),
  name: z.string(),
  kind: z.enum(seriesKinds).describe('administrative (configured registers), legal-normative (văn bản quy phạm pháp luật, per type, year in the notation), copy (bản sao), secret (văn bản mật, Art. 15.2)'),
  typeNames: z.array(z.string()),
  nextNumber: z.number().int().describe('the number the next document of this series gets in the current Vietnam year'),
  nextCodeNumber: z.string().describe('how it prints: 05'),
  startedAfter: z.number().int().optional().describe('the register continued a numbering this year: its first number was startedAfter + 1'),
});

export const numberingViewSchema = z.object({
  organId: z.string(),
  year: z.number().int(),
  issuerAbbreviation: z.string().optional().describe('ký hiệu of the agency in every notation; issuing is refused (422) until it is set'),
  version: z.number().int(),
  configured: z.boolean(),
  registers: z.array(seriesSchema),
  systemSeries: z.array(seriesSchema),
});

export const readNumberingContract = defineContract({
  operationId: 'readNumbering',
  method: 'GET',
  path: '/agencies/{organId}/numbering',
  tag: 'registers',
  summary: "The agency's ký hiệu, its registers (sổ) and the system's series, each with its next number for the current year",
  auth: 'jwt',
  permission: 'numbering.read',
  ports: ['clock', 'numbering'],
  body: undefined,
  query: undefined,
  params: organParams,
  response: numberingViewSchema,
  status: 200,
  errors: [400, 401, 403],
});

export const configureNumberingContract = defineContract({
  operationId: 'configureNumbering',
  method: 'PUT',
  path: '/agencies/{organId}/numbering',
  tag: 'registers',
  summary: "Set the agency's ký hiệu (kept when left out) and which register (sổ) numbers which document types",
  description:
    'A printed number and notation is never issued twice in a year. A register that has given no number yet this year continues after the highest number already printed with the notations it takes over (startedAfter); a change that would make a register that already numbered documents repeat a number is refused with 409 numbering-would-repeat, naming the register and type. Secret documents, copies and legal normative documents are numbered in series the system keeps.',
  auth: 'jwt',
  permission: 'numbering.write',
  ports: ['clock', 'numbering'],
  body: numberingChangeSchema,
  query: undefined,
  params: organParams,
  response: numberingViewSchema,
  status: 200,
  errors: [400, 401, 403, 409, 413],
});

export const registerListContract = defineContract({
  operationId: 'listRegisters',
  method: 'GET',
  path: '/registers',
  tag: 'registers',
  summary: 'Every register and series of a year (incoming, incoming secret, each outgoing register and series) with its numbers and export links',
  auth: 'jwt',
  permission: 'register.read',
  ports: ['agencies', 'clock', 'numbering'],
  body: undefined,
  query: z.object({ year }),
  params: undefined,
  response: z.object({
    year: z.number().int(),
    items: z.array(
      z.object({
        direction: z.enum(['incoming', 'outgoing']),
        series: z.string(),
        name: z.string(),
        kind: z.enum([...seriesKinds, 'incoming']),
        secret: z.boolean().describe('the secret series: its numbers are never mistaken for ordinary ones'),
        entries: z.number().int().describe('numbers given in the year'),
        fromNumber: z.number().int().optional(),
        toNumber: z.number().int().optional(),
        exports: z.object({ json: z.string(), csv: z.string(), pdf: z.string() }),
      }),
    ),
  }),
  status: 200,
  errors: [400, 401, 403],
});

export const registerContract = defineContract({
  operationId: 'readRegister',
  method: 'GET',
  path: '/registers/{direction}',
  tag: 'registers',
  summary: 'The incoming or outgoing register (sổ) of a year with the columns of Nghị định 30: JSON pages, CSV (UTF-8 with BOM) or a printable PDF with its cover',
  description: 'Dates are Vietnam dates (UTC+7). Rows of the secret series carry the Độ mật column.',
  auth: 'jwt',
  permission: 'register.read',
  ports: ['agencies', 'clock', 'documents', 'files', 'numbering'],
  grants: { bucket: 'readwrite' },
  runtime: { timeoutSeconds: 29, memoryMb: 1024, printsPdf: true },
  body: undefined,
  query: z.object({
    year,
    format: z.enum(['json', 'csv', 'pdf']).default('json'),
    series: z.string().regex(/^[a-z0-9-]{1,32}$/).optional().describe('incoming: main or secret; outgoing: a register id (general by default) or a system series (secret, copies, legal-qd, legal-nq); GET /registers lists them'),
    limit: z.coerce.number().int().min(1).max(100).default(100),
    nextToken: z.string().max(4096).optional(),
  }),
  params: z.object({ direction: z.enum(['incoming', 'outgoing']) }),
  response: z.object({
    register: z.object({ series: z.string(), name: z.string(), secret: z.boolean() }),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.string())),
    nextToken: z.string().optional(),
  }),
  status: 200,
  responseTypes: ['text/csv', 'application/pdf'],
  errors: [400, 401, 403, 422],
});

export const registerContracts = [readNumberingContract, configureNumberingContract, registerListContract, registerContract] as const;
