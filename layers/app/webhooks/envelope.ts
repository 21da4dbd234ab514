import * as z from 'zod';
import { agencyCodeSchema } from '#domain/agency/schema';
import { edxmlDocumentIdSchema, edxmlStatusCodes } from '#domain/deliveries/delivery';
import { ValidationError } from '#domain/errors';
import { edocSchema, STATUS_CODES } from '#edxml/model';

/** Addressees of one delivery; a document addressed to more agencies is sent in several deliveries. */
export const MAX_ADDRESSEES = 50;

/** The sample agencies of the examples below: not real agencies (the project's sample-data convention). */
const SAMPLE_SENDER = '000.00.00.G12';
const SAMPLE_ADDRESSEE = '000.00.91.H26';

const addressees = z
  .array(agencyCodeSchema.transform((code) => code.code102))
  .min(1, 'name at least one addressed agency')
  .max(MAX_ADDRESSEES)
  .transform((codes) => [...new Set(codes)])
  .meta({
    description: `The addressed agencies of the city (agency codes, either notation), 1–${MAX_ADDRESSEES}; repeats count once. Each gets its own arrived document.`,
    examples: [[SAMPLE_ADDRESSEE]],
  });

/**
 * `document.sent`: a document for one or more agencies of the city, as an edXML package (`edxml`: the XML
 * text, or its base64) or as the JSON form of the same model (`document`, the shape `vanthu edxml parse`
 * prints). Exactly one of the two.
 */
export const documentSentSchema = z
  .object({
    to: addressees,
    edxml: z.string().min(1).optional().describe('The edXML document package (QCVN 102:2016): its XML text, or the base64 of it. Not with document.'),
    document: edocSchema.optional().describe('The same document as the JSON edXML model (what `vanthu edxml parse` prints). Not with edxml.'),
  })
  .superRefine((data, context) => {
    if ((data.edxml === undefined) === (data.document === undefined)) {
      context.addIssue({ code: 'custom', path: ['edxml'], message: 'send exactly one of edxml (the package) and document (its JSON model)' });
    }
  })
  // The refinement above, said in JSON Schema for the OpenAPI document (test/unit/http/openapi-webhooks.test.ts keeps them equal).
  .meta({ description: 'The document and its addressees: exactly one of edxml and document.', oneOf: [{ required: ['edxml'] }, { required: ['document'] }] });
export type DocumentSentData = z.infer<typeof documentSentSchema>;

/** `document.status`: a status package's content, reported by the agency a document was delivered to. */
export const documentStatusSchema = z
  .object({
    /** The edXML DocumentId of the document the status is about. */
    documentId: edxmlDocumentIdSchema.describe('The edXML DocumentId of the document the status is about, as it was delivered: "OrganId,YYYY/MM/DD,Number/Notation".'),
    /** The reporting agency: must be the agency whose key signed the delivery. */
    from: agencyCodeSchema
      .transform((code) => code.code102)
      .describe('The reporting agency (agency code, either notation): the agency of the path, whose key signed the delivery.'),
    statusCode: z.enum(edxmlStatusCodes).describe(
      `The edXML status code: ${Object.entries(STATUS_CODES)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, meaning]) => `${code} ${meaning}`)
        .join('; ')}. A recipient reports 01–06, 15 or 16.`,
    ),
    /** The reason of a 02; ≤ 1,000 characters. */
    description: z.string().trim().min(1).max(1000).optional().describe('The reason, required with 02; ≤ 1,000 characters.'),
    timestamp: z.iso
      .datetime({ offset: true, error: 'expected an ISO 8601 date-time with offset, e.g. 2026-11-26T10:15:00+07:00' })
      .describe('When the status happened at the reporting agency: ISO 8601 with offset, e.g. 2026-11-26T10:15:00+07:00.'),
  })
  .describe('A status of a document this city delivered to the reporting agency.');
export type DocumentStatusData = z.infer<typeof documentStatusSchema>;

const envelopeTimestamp = z.string().max(64).optional().describe('Informative (Standard Webhooks payload field); not checked. The signed time is the webhook-timestamp header.');

/**
 * The payload of every inbound webhook (the Standard Webhooks `{type, timestamp, data}` structure). It is
 * also the requestBody of `POST /webhooks/agencies/{organId}` in the OpenAPI document: the ids name its
 * component schemas and the examples are its samples ([MẪU]: sample agencies, not real ones).
 */
export const envelopeSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('document.sent'), timestamp: envelopeTimestamp, data: documentSentSchema }).meta({
      id: 'WebhookDocumentSent',
      title: 'document.sent',
      description:
        'A document from the signing agency to agencies of the city, as an edXML package (edxml) or its JSON model (document). Each addressee gets an arrived document (status 01).',
      examples: [
        {
          type: 'document.sent',
          timestamp: '2026-11-20T09:00:00+07:00',
          data: {
            to: [SAMPLE_ADDRESSEE],
            document: {
              from: { organId: SAMPLE_SENDER, organName: '[MẪU] Cơ quan gửi' },
              to: [{ organId: SAMPLE_ADDRESSEE, organName: '[MẪU] Sở Nội vụ' }],
              documentId: `${SAMPLE_SENDER},2026/11/20,15/MAU-VP`,
              code: { codeNumber: '15', codeNotation: 'MAU-VP' },
              promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
              documentType: { type: 1, typeName: 'Công văn' },
              subject: '[MẪU] Về việc hướng dẫn dự toán ngân sách năm 2027',
              signerInfo: { position: 'Chánh Văn phòng', fullName: '[MẪU] Nguyễn Văn A' },
              otherInfo: { priority: 0, pageAmount: 2 },
            },
          },
        },
        {
          type: 'document.sent',
          data: { to: [SAMPLE_ADDRESSEE], edxml: '<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">…[MẪU: the whole package]…</edXML:edXMLEnvelope>' },
        },
      ],
    }),
    z.object({ type: z.literal('document.status'), timestamp: envelopeTimestamp, data: documentStatusSchema }).meta({
      id: 'WebhookDocumentStatus',
      title: 'document.status',
      description: 'A status (01–06, 15, 16) of a document this city delivered to the signing agency, recorded on that delivery under the ordering rule.',
      examples: [
        {
          type: 'document.status',
          timestamp: '2026-11-26T10:15:00+07:00',
          data: { documentId: '000.00.91.H26,2026/11/20,15/SNV-VP', from: SAMPLE_SENDER, statusCode: '03', timestamp: '2026-11-26T10:15:00+07:00' },
        },
        {
          type: 'document.status',
          data: {
            documentId: '000.00.91.H26,2026/11/20,16/SNV-VP',
            from: SAMPLE_SENDER,
            statusCode: '02',
            description: '[MẪU] Gửi nhầm nơi nhận',
            timestamp: '2026-11-26T10:20:00+07:00',
          },
        },
      ],
    }),
  ])
  .describe('An inbound webhook payload: document.sent or document.status, told apart by type.');
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
