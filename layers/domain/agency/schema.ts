/**
 * Zod schemas for agency codes at the edges (HTTP bodies, queue messages, config). Both trim the input and
 * refuse with the parser's reason as the issue message, so a client sees which block is wrong and why.
 */
import { z } from 'zod';
import { parseAgencyCode, parseCode102, type AgencyCode } from './code.ts';

/**
 * A QCVN 102 code (`NNN.NN.NN.XNN`), kept as the trimmed string.
 * @example agencyCode102Schema.parse(' 000.00.18.G12 ') // '000.00.18.G12'
 */
export const agencyCode102Schema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const result = parseCode102(value);
    if (!result.ok) context.addIssue({ code: 'custom', message: result.reason });
  });

/**
 * A code in either notation, parsed into an `AgencyCode`.
 * @example agencyCodeSchema.parse('G12.18').code102 // '000.00.18.G12'
 */
export const agencyCodeSchema = z.string().transform((value, context): AgencyCode => {
  const result = parseAgencyCode(value);
  if (result.ok) return result.code;
  context.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});
