import { returnInputSchema } from '#domain/documents/routing';
import { internal, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const rejectContract = step(
  'rejectOutgoing',
  '/documents/{id}/reject',
  'Send a submitted or approved document back to draft, with a reason',
  internal('document.approve'),
  returnInputSchema,
  outgoingDocumentSchema,
);
