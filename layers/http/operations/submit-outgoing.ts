import { internal, step } from '../contracts/workflow.ts';
import { outgoingDocumentSchema } from '../contracts/documents.ts';

export const submitContract = step('submitOutgoing', '/documents/{id}/submit', 'Submit a draft for approval', internal('document.submit'), undefined, outgoingDocumentSchema);
