import { assignmentInputSchema } from '#domain/documents/routing';
import { answering, step } from '../contracts/workflow.ts';
import { incomingDocumentSchema } from '../contracts/documents.ts';

export const assignContract = step(
  'assignIncoming',
  '/documents/{id}/assignments',
  'Assign (or reassign/forward): one lead unit or person, coordinators, for-information, deadline, note (status 04)',
  { ...answering('document.assign'), ports: [...answering('document.assign').ports, 'directory', 'calendar'] },
  assignmentInputSchema,
  incomingDocumentSchema,
);
