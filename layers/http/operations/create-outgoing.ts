import { outgoingDraftSchema } from '#domain/documents/outgoing';
import { defineContract } from '../contract.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const createOutgoingContract = defineContract({
  operationId: 'createOutgoing',
  method: 'POST',
  path: '/documents/outgoing',
  tag: 'workflow',
  summary: 'Create an outgoing draft (văn bản đi); recipients are agencies by code plus free-text places (nơi nhận)',
  auth: 'jwt',
  permission: 'document.draft',
  ports: ['clock', 'documents', 'ids'],
  body: outgoingDraftSchema,
  query: undefined,
  params: undefined,
  response: outgoingDocumentSchema,
  status: 201,
  errors: [400, 401, 403, 409, 422],
});
