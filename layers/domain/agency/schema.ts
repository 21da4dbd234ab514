/**
 * Zod schemas for agency codes at the edges (HTTP bodies, queue messages, config). Both trim the input and
 * refuse with the parser's reason as the issue message, so a client sees which block is wrong and why.
 */
import * as z from 'zod';
import { looksLikeAgencyCode, parseAgencyCode, parseCode102, type AgencyCode } from './code.ts';

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

/**
 * Whom a document can be sent to electronically: an agency by its code in either notation (stored in the
 * QCVN 102 form, so that a city agency is recognised and delivered inside the city), or a party the axis
 * knows by an identifier outside the state system's codes (an enterprise's 12 digits), kept as it is. A
 * string shaped like a code that is not a valid one is refused with the parser's reason.
 * @example axisAddresseeSchema.parse('G12.18') // '000.00.18.G12'
 * @example axisAddresseeSchema.parse('010203040506') // '010203040506'
 */
export const axisAddresseeSchema = z
  .string()
  .trim()
  .transform((value, context): string => {
    const result = parseAgencyCode(value);
    if (result.ok) return result.code.code102;
    if (!looksLikeAgencyCode(value) && /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/.test(value)) return value;
    context.addIssue({
      code: 'custom',
      message: looksLikeAgencyCode(value)
        ? result.reason
        : 'expected an agency code (NNN.NN.NN.XNN or a QĐ 20 code such as G12.18) or an identifier of the axis: letters, digits, "-" or "_", at most 64',
    });
    return z.NEVER;
  });
