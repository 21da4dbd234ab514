import { completeInputSchema } from '#domain/documents/routing';
import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const completeContract = step(
  'completeIncoming',
  '/documents/{id}/complete',
  'Finish processing, optionally naming the reply document (status 06)',
  answering('document.complete'),
  completeInputSchema,
  incomingDocumentSchema,
);
