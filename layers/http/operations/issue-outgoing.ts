import * as z from 'zod';
import { outgoingDocumentSchema } from '../contracts/documents.ts';
import { step } from '../contracts/workflow.ts';

export const issueContract = step(
  'issueOutgoing',
  '/documents/{id}/issue',
  "Issue: gives the number and notation from the document's series with the agency's ký hiệu (15/QĐ-UBND, 05/UBND-VX, 15/2026/QĐ-UBND), writes them and the date on the leader-signed PDF and applies the agency's signature (policy leader-and-agency), in that order (Nghị định 30 Art. 15); the body may set Số lượng bản",
  {
    permission: 'document.issue',
    ports: ['clock', 'documents', 'files', 'ids', 'numbering', 'outbox', 'queue', 'signing'],
    sends: ['axisOutbox', 'fileUploaded'],
    grants: { bucket: 'readwrite', signing: 'seal' },
    runtime: { signsPdf: true, memoryMb: 1536, timeoutSeconds: 28 },
  },
  z.object({ promulgationAmount: z.number().int().min(1).max(10_000).optional().describe('Số lượng bản (edXML PromulgationAmount)') }).optional(),
  outgoingDocumentSchema,
);
