import * as z from 'zod';

export const seriesKinds = ['administrative', 'legal-normative', 'copy', 'secret'] as const;
export const year = z.coerce.number().int().min(2000).max(2100);
export const organParams = z.object({ organId: z.string().min(1).max(40) });

/** A register or series of the year as the register list and the numbering view show it. */
const seriesSchema = z.object({
  id: z.string().describe('register id: a configured register, or secret, copies, legal-qd, legal-nq kept by the system'),
  name: z.string(),
  kind: z
    .enum(seriesKinds)
    .describe(
      'administrative (configured registers), legal-normative (văn bản quy phạm pháp luật, per type, year in the notation), copy (bản sao), secret (văn bản mật, Art. 15.2)',
    ),
  typeNames: z.array(z.string()),
  nextNumber: z.number().int().describe('the number the next document of this series gets in the current Vietnam year'),
  nextCodeNumber: z.string().describe('how it prints: 05'),
  startedAfter: z.number().int().optional().describe('the register continued a numbering this year: its first number was startedAfter + 1'),
});

export const numberingViewSchema = z.object({
  organId: z.string(),
  year: z.number().int(),
  issuerAbbreviation: z.string().optional().describe('ký hiệu of the agency in every notation; issuing is refused (422) until it is set'),
  version: z.number().int(),
  configured: z.boolean(),
  registers: z.array(seriesSchema),
  systemSeries: z.array(seriesSchema),
});
