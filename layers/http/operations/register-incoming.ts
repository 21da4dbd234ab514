import { incomingRegistrationSchema } from '#domain/documents/incoming';
import { defineContract } from '../contract.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const registerIncomingContract = defineContract({
  operationId: 'registerIncoming',
  method: 'POST',
  path: '/documents/incoming',
  tag: 'documents',
  summary: 'Register a received document (vào sổ văn bản đến); gives the next arrival number (số đến)',
  description: 'Warns with 409 duplicate-document when the same issuer, number, notation and year is already registered; send allowDuplicate: true to go on.',
  auth: 'jwt',
  permission: 'document.register-incoming',
  ports: ['clock', 'documents', 'ids', 'outbox', 'queue'],
  sends: ['notifications'],
  body: incomingRegistrationSchema,
  query: undefined,
  params: undefined,
  response: incomingDocumentSchema,
  status: 201,
  errors: [400, 401, 403, 409, 413, 422],
});
