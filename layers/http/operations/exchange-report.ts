import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { format, year } from '../contracts/reports.ts';

export const exchangeReportContract = defineContract({
  operationId: 'exchangeReport',
  method: 'GET',
  path: '/reports/exchange',
  tag: 'reports',
  summary: 'Volumes by channel (paper, axis, internal, webhook) and month, incoming and outgoing',
  auth: 'jwt',
  permission: 'report.read',
  ports: ['agencies', 'calendar', 'clock', 'documents', 'kpi', 'kpiTargets'],
  body: undefined,
  query: z.object({ year, format }),
  params: undefined,
  response: z.object({
    year: z.number(),
    months: z.array(z.object({ month: z.string(), incoming: z.record(z.string(), z.number()), outgoing: z.record(z.string(), z.number()) })),
  }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});
