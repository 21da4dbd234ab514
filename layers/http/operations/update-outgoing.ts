import { answering, requestReason, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const updateContract = step(
  'updateOutgoing',
  '/documents/{id}/update',
  'Send an update (cập nhật, BussinessDocType 2) of an issued document to its recipients',
  answering('document.issue'),
  requestReason,
  outgoingDocumentSchema,
);
