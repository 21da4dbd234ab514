import * as z from 'zod';
import { defaultTargets, type Targets } from '#domain/kpi/report';
import { optional } from './config.ts';

const targetsSchema = z.object({ city: z.number().min(0).max(100), district: z.number().min(0).max(100), commune: z.number().min(0).max(100) });

/** `VANTHU_KPI_TARGETS` as JSON `{"city":90,"district":80,"commune":60}` (percent of work records handled online). */
export function kpiTargetsFromEnvironment(): Targets {
  const text = optional('VANTHU_KPI_TARGETS');
  return text === undefined ? defaultTargets : targetsSchema.parse(JSON.parse(text));
}
