import * as z from 'zod';
import { answering, requestReason, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const replaceContract = step(
  'replaceOutgoing',
  '/documents/{id}/replace',
  'Replace (thay thế, BussinessDocType 3) an issued document by another issued one',
  answering('document.issue'),
  requestReason.extend({ replacementDocumentId: z.string().regex(/^[0-9A-Z]{26}$/, 'expected a document id') }),
  outgoingDocumentSchema,
);
