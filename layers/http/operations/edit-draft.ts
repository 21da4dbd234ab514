import { outgoingDraftChangesSchema } from '#domain/documents/outgoing';
import { defineContract } from '../contract.ts';
import { documentIdParams, outgoingDocumentSchema } from '../contracts/documents.ts';

export const editDraftContract = defineContract({
  operationId: 'editDraft',
  method: 'PUT',
  path: '/documents/{id}/draft',
  tag: 'workflow',
  summary: 'Edit a draft (or a document sent back to draft): the fields given replace the old ones',
  auth: 'jwt',
  permission: 'document.draft',
  ports: ['clock', 'documents', 'files'],
  body: outgoingDraftChangesSchema,
  query: undefined,
  params: documentIdParams,
  response: outgoingDocumentSchema,
  status: 200,
  errors: [400, 401, 403, 404, 409],
});
