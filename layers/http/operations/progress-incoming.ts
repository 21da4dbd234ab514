import { progressInputSchema } from '#domain/documents/routing';
import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const progressContract = step(
  'progressIncoming',
  '/documents/{id}/progress',
  'A progress note by an assignee (status 05)',
  answering('document.progress'),
  progressInputSchema,
  incomingDocumentSchema,
);
