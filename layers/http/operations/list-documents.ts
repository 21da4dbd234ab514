import * as z from 'zod';
import { incomingStatuses } from '#domain/documents/incoming';
import { isoDateSchema } from '#domain/documents/metadata';
import { outgoingStatuses } from '#domain/documents/outgoing';
import { searchQuery } from '../contracts/search.ts';
import { defineContract } from '../contract.ts';
import { listedDocumentSchema } from '../contracts/documents.ts';

export const listDocumentsContract = defineContract({
  operationId: 'listDocuments',
  method: 'GET',
  path: '/documents',
  tag: 'documents',
  summary: 'Documents of your agency, newest first; q finds every word of it, with or without diacritics, in any order, the last word as typed so far',
  auth: 'jwt',
  permission: 'document.read',
  ports: ['calendar', 'clock', 'documents'],
  body: undefined,
  query: z.object({
    direction: z.enum(['incoming', 'outgoing']).optional().describe('incoming or outgoing; absent: both together'),
    status: z.enum([...incomingStatuses, ...outgoingStatuses]).optional(),
    q: searchQuery('the subject, type, number and notation (15/QĐ-UBND or qd-ubnd 15) or issuer (name or code)', 'quyet dinh phe d'),
    issuer: z.string().trim().max(200).optional().describe('part of the issuing agency name (with or without diacritics) or its code in either notation (000.00.00.G12 or G12)'),
    typeName: z.string().trim().max(100).optional().describe('the whole type name, with or without diacritics: Quyết định or quyet dinh'),
    assignee: z
      .string()
      .regex(
        /^(person:.{1,128}|member:.{1,128}|unit:\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}(\/[A-Z0-9](?:[A-Z0-9-]{0,14}[A-Z0-9])?)?)$/,
        'person:<sub>, member:<sub> (a member of an assigned unit), unit:<organId>/<unitId> or unit:<organId>',
      )
      .optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('only open documents past their deadline'),
    from: isoDateSchema
      .optional()
      .describe(
        'documents created in vanthu on or after this Vietnam date (UTC+7): the day an incoming document arrived or was registered, the day an outgoing one was drafted; not the promulgation date',
      ),
    to: isoDateSchema.optional().describe('documents created in vanthu on or before this Vietnam date (same day as from); a to before from is refused with 400'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(listedDocumentSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});
