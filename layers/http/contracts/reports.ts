import * as z from 'zod';

/** The query parameters the report operations share. */
export const year = z.coerce.number().int().min(2000).max(2100);
export const format = z.enum(['json', 'csv']).default('json');
