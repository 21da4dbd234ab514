import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const registerArrivedContract = step(
  'registerArrived',
  '/documents/{id}/register',
  'Register an arrived document (01 → 03): gives the next số đến',
  answering('document.register-incoming'),
  undefined,
  incomingDocumentSchema,
);
