import * as z from 'zod';
import { reportLevels } from '#domain/kpi/report';
import type { RouteContract } from '../contract.ts';
import { defineContract } from '../contract.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const format = z.enum(['json', 'csv']).default('json');

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
  response: z.object({ year: z.number(), targets: z.record(z.string(), z.number()), levels: z.array(z.record(z.string(), z.unknown())), agencies: z.array(z.record(z.string(), z.unknown())) }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});

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
  response: z.object({ year: z.number(), months: z.array(z.object({ month: z.string(), incoming: z.record(z.string(), z.number()), outgoing: z.record(z.string(), z.number()) })) }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});

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
    items: z.array(z.object({ documentId: z.string(), notation: z.string(), subject: z.string(), status: z.string(), holder: z.string(), holderKey: z.string().nullable(), since: z.string(), dueDate: z.string(), daysLate: z.number() })),
    nextToken: z.string().optional(),
  }),
  status: 200,
  responseTypes: ['text/csv'],
  errors: [400, 401, 403],
});

export const reportContracts: readonly RouteContract[] = [kpiReportContract, exchangeReportContract, overdueReportContract];
