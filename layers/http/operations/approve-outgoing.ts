import { internal, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const approveContract = step(
  'approveOutgoing',
  '/documents/{id}/approve',
  'Approve a submitted document (the leader signs)',
  internal('document.approve'),
  undefined,
  outgoingDocumentSchema,
);
