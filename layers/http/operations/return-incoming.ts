import { returnInputSchema } from '#domain/documents/routing';
import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const returnContract = step(
  'returnIncoming',
  '/documents/{id}/return',
  'Return an incoming document with a reason (status 02)',
  answering('document.return'),
  returnInputSchema,
  incomingDocumentSchema,
);
