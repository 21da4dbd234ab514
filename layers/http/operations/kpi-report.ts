import * as z from 'zod';
import { reportLevels } from '#domain/kpi/report';
import { defineContract } from '../contract.ts';
import { format, year } from '../contracts/reports.ts';

export const kpiReportContract = defineContract({
  operationId: 'kpiReport',
  method: 'GET',
  path: '/reports/kpi',
  tag: 'reports',
  summary: 'Online-processing rates per agency and rolled up per level (city, district, commune) beside the targets 90/80/60, from counters kept as work happens',
  auth: 'jwt',
  permission: 'report.read',
  ports: ['agencies', 'calendar', 'clock', 'documents', 'kpi', 'kpiTargets'],
  body: undefined,
  query: z.object({ year, level: z.enum(reportLevels).optional(), format }),
  params: undefined,
  response: z.object({
    year: z.number(),
    targets: z.record(z.string(), z.number()),
    levels: z.array(z.record(z.string(), z.unknown())),
    agencies: z.array(z.record(z.string(), z.unknown())),
  }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});
