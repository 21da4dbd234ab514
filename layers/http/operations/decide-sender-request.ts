import * as z from 'zod';
import { paragraphSchema } from '#domain/documents/metadata';
import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const decideRequestContract = step(
  'decideSenderRequest',
  '/documents/{id}/request-decision',
  "Accept (15) or refuse (16) the sender's revocation, update or replacement; an accepted revocation withdraws the document and keeps it",
  answering('document.register-incoming'),
  z.object({ decision: z.enum(['accept', 'refuse']), note: paragraphSchema().max(1000).optional() }),
  incomingDocumentSchema,
);
