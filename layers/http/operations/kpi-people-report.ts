import * as z from 'zod';
import { defineContract } from '../contract.ts';
import { format, year } from '../contracts/reports.ts';

export const kpiPeopleReportContract = defineContract({
  operationId: 'kpiPeopleReport',
  method: 'GET',
  path: '/reports/kpi/people',
  tag: 'reports',
  summary:
    "KPIs per person and per unit of your agency, from counters kept as work happens: documents received as lead (chủ trì), finished on time and late, the on-time rate, overdue now, drafted and issued, and each person's history actions",
  auth: 'jwt',
  permission: 'report.read',
  ports: ['kpi'],
  body: undefined,
  query: z.object({ year, format }),
  params: undefined,
  response: z.object({
    year: z.number(),
    organId: z.string(),
    rows: z.array(
      z.object({
        kind: z.enum(['person', 'unit']),
        key: z.string().describe('`person:<sub>` or `unit:<…>`, as the assignment names it'),
        name: z.string().nullable().describe('the name the counters hold (from the latest assignment); null when they hold none'),
        assigned: z.number().describe('documents received as lead (a reassignment counts for the new lead)'),
        finished: z.number(),
        finishedOnTime: z.number(),
        finishedLate: z.number(),
        onTimeRate: z.number().nullable().describe('finished on time among finished, in percent; null before the first'),
        overdueNow: z.number().describe('documents past their deadline that it leads now'),
        averageProcessingHours: z.number().nullable().describe('arrival to finish of the documents it finished as lead'),
        drafted: z.number(),
        issued: z.number().describe('of the outgoing documents it drafted'),
        actions: z.record(z.string(), z.number()).describe('history actions the person performed, by action (units: empty)'),
      }),
    ),
  }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});
