import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { format } from '../contracts/reports.ts';

export const overdueReportContract = defineContract({
  operationId: 'overdueReport',
  method: 'GET',
  path: '/reports/overdue',
  tag: 'reports',
  summary: "Who holds what, since when, how late: your agency's open documents past their deadline (working days late)",
  auth: 'jwt',
  permission: 'report.read',
  ports: ['agencies', 'calendar', 'clock', 'documents', 'kpi', 'kpiTargets'],
  body: undefined,
  query: z.object({ format, limit: z.coerce.number().int().min(1).max(100).default(100), nextToken: z.string().max(4096).optional() }),
  params: undefined,
  response: z.object({
    asOf: z.string(),
    items: z.array(
      z.object({
        documentId: z.string(),
        notation: z.string(),
        subject: z.string(),
        status: z.string(),
        holder: z.string(),
        holderKey: z.string().nullable(),
        since: z.string(),
        dueDate: z.string(),
        daysLate: z.number(),
      }),
    ),
    nextToken: z.string().optional(),
  }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});
