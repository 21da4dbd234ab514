import { answering, requestReason, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const revokeContract = step(
  'revokeOutgoing',
  '/documents/{id}/revoke',
  'Revoke (thu hồi) an issued document: frozen, and BussinessDocType 1 goes to every recipient (status 13)',
  answering('document.issue'),
  requestReason,
  outgoingDocumentSchema,
);
