import * as z from 'zod';
import { outgoingDocumentSchema } from '../contracts/documents.ts';
import { step } from '../contracts/workflow.ts';

export const issueContract = step(
  'issueOutgoing',
  '/documents/{id}/issue',
  "Issue: gives the number and notation from the document's series with the agency's ký hiệu (15/QĐ-UBND, 05/UBND-VX, 15/2026/QĐ-UBND); the body may set Số lượng bản",
  { permission: 'document.issue', ports: ['clock', 'documents', 'files', 'ids', 'numbering', 'outbox', 'queue', 'signaturePolicy'], sends: ['axisOutbox'] },
  z.object({ promulgationAmount: z.number().int().min(1).max(10_000).optional().describe('Số lượng bản (edXML PromulgationAmount)') }).optional(),
  outgoingDocumentSchema,
);
