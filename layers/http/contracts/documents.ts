import { z } from 'zod';
import { incomingRegistrationSchema, incomingStatuses } from '#domain/documents/incoming';
import { channels, documentMetadataSchema, isoDateSchema } from '#domain/documents/metadata';
import { roles } from '#domain/identity/principal';
import { defineContract } from '../contract.ts';

/** A document as the API returns it. */
export const documentSchema = documentMetadataSchema.extend({
  id: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  organId: z.string(),
  status: z.enum(incomingStatuses),
  arrivalNumber: z.number().int().positive().describe('số đến: consecutive per agency and Vietnam calendar year'),
  arrivalYear: z.number().int(),
  arrivalDate: isoDateSchema,
  channel: z.enum(channels),
  dueDate: isoDateSchema.optional(),
  note: z.string().optional(),
  registeredBy: z.object({ sub: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const historyEventSchema = z.object({
  documentId: z.string(),
  sequence: z.number().int(),
  action: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string(), organId: z.string(), roles: z.array(z.enum(roles)) }),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
  correlationId: z.string().optional(),
});

const idParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'expected a document id (26 characters)') });

export const registerIncomingContract = defineContract({
  operationId: 'registerIncoming',
  method: 'POST',
  path: '/documents/incoming',
  tag: 'documents',
  summary: 'Register a received document (vào sổ văn bản đến); gives the next arrival number (số đến)',
  description: 'Warns with 409 duplicate-document when the same issuer, number, notation and year is already registered; send allowDuplicate: true to go on.',
  auth: 'jwt',
  roles: ['clerk'],
  body: incomingRegistrationSchema,
  query: undefined,
  params: undefined,
  response: documentSchema,
  status: 201,
  errors: [400, 401, 403, 409, 413, 422],
  idempotent: true,
});

export const getDocumentContract = defineContract({
  operationId: 'getDocument',
  method: 'GET',
  path: '/documents/{id}',
  tag: 'documents',
  summary: 'A document of your agency',
  auth: 'jwt',
  body: undefined,
  query: undefined,
  params: idParams,
  response: documentSchema,
  status: 200,
  errors: [400, 401, 403, 404],
});

export const documentHistoryContract = defineContract({
  operationId: 'documentHistory',
  method: 'GET',
  path: '/documents/{id}/history',
  tag: 'documents',
  summary: 'The full audit trail of a document: who, in which role, when, what, before and after',
  auth: 'jwt',
  body: undefined,
  query: undefined,
  params: idParams,
  response: z.object({ items: z.array(historyEventSchema) }),
  status: 200,
  errors: [400, 401, 403, 404],
});

export const listDocumentsContract = defineContract({
  operationId: 'listDocuments',
  method: 'GET',
  path: '/documents',
  tag: 'documents',
  summary: 'Documents of your agency, newest first; q matches with or without Vietnamese diacritics',
  auth: 'jwt',
  body: undefined,
  query: z.object({
    direction: z.enum(['incoming', 'outgoing']),
    status: z.enum(incomingStatuses).optional(),
    q: z.string().trim().max(200).optional(),
    from: isoDateSchema.optional().describe('created on or after this Vietnam date'),
    to: isoDateSchema.optional().describe('created on or before this Vietnam date'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().max(4096).optional(),
  }),
  params: undefined,
  response: z.object({ items: z.array(documentSchema), nextToken: z.string().optional() }),
  status: 200,
  errors: [400, 401, 403],
});
