import { z } from 'zod';
import { agencyCodeSchema } from '#domain/agency/schema';
import { edxmlDocumentIdSchema, edxmlStatusCodes } from '#domain/deliveries/delivery';
import { ValidationError } from '#domain/errors';
import { edocSchema } from '#edxml/model';

/** Addressees of one delivery; a document addressed to more agencies is sent in several deliveries. */
export const MAX_ADDRESSEES = 50;

const addressees = z
  .array(agencyCodeSchema.transform((code) => code.code102))
  .min(1, 'name at least one addressed agency')
  .max(MAX_ADDRESSEES)
  .transform((codes) => [...new Set(codes)]);

/**
 * `document.sent`: a document for one or more agencies of the city, as an edXML package (`edxml`: the XML
 * text, or its base64) or as the JSON form of the same model (`document`, the shape `vanthu edxml parse`
 * prints). Exactly one of the two.
 */
export const documentSentSchema = z
  .object({
    to: addressees,
    edxml: z.string().min(1).optional(),
    document: edocSchema.optional(),
  })
  .superRefine((data, context) => {
    if ((data.edxml === undefined) === (data.document === undefined)) {
      context.addIssue({ code: 'custom', path: ['edxml'], message: 'send exactly one of edxml (the package) and document (its JSON model)' });
    }
  });
export type DocumentSentData = z.infer<typeof documentSentSchema>;

/** `document.status`: a status package's content, reported by the agency a document was delivered to. */
export const documentStatusSchema = z.object({
  /** The edXML DocumentId of the document the status is about. */
  documentId: edxmlDocumentIdSchema,
  /** The reporting agency: must be the agency whose key signed the delivery. */
  from: agencyCodeSchema.transform((code) => code.code102),
  statusCode: z.enum(edxmlStatusCodes),
  /** The reason of a 02; ≤ 1,000 characters. */
  description: z.string().trim().min(1).max(1000).optional(),
  timestamp: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with offset, e.g. 2026-11-26T10:15:00+07:00' }),
});
export type DocumentStatusData = z.infer<typeof documentStatusSchema>;

/** The payload of every inbound webhook (the Standard Webhooks `{type, timestamp, data}` structure). */
export const envelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('document.sent'), timestamp: z.string().max(64).optional(), data: documentSentSchema }),
  z.object({ type: z.literal('document.status'), timestamp: z.string().max(64).optional(), data: documentStatusSchema }),
]);
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * The envelope of a parsed body, or a ValidationError naming every bad field (`body.data.to.0`, ...).
 *
 * @example
 * const envelope = readEnvelope(parseBoundedJson(rawBody, limits));
 */
export function readEnvelope(payload: unknown): Envelope {
  const result = envelopeSchema.safeParse(payload);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 50).map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  const first = errors[0];
  throw new ValidationError(`The webhook payload is not valid${first === undefined ? '' : `: ${first.path} ${first.message}`}.`, { errors });
}
