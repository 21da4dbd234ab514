import * as z from 'zod';
import { incomingStatuses } from '#domain/documents/incoming';
import { channels, documentMetadataSchema, isoDateSchema } from '#domain/documents/metadata';
import { outgoingDraftSchema, outgoingStatuses } from '#domain/documents/outgoing';
import { assigneeSchema } from '#domain/documents/routing';
import { roles } from '#domain/identity/principal';

const who = z.object({ sub: z.string(), name: z.string() });

/** An incoming document (văn bản đến) as the API returns it. */
export const incomingDocumentSchema = documentMetadataSchema.extend({
  id: z.string(),
  direction: z.literal('incoming'),
  organId: z.string(),
  status: z.enum(incomingStatuses),
  arrivalNumber: z.number().int().positive().optional().describe('số đến: consecutive per agency and Vietnam calendar year; given at registration'),
  arrivalYear: z.number().int().optional(),
  arrivalSeries: z.enum(['main', 'secret']).optional().describe('the series of the số đến: secret documents are numbered in a series of their own'),
  source: z
    .object({
      channel: z.enum(channels),
      fromOrganId: z.string().optional(),
      externalId: z.string(),
      package: z.object({ sha256: z.string(), size: z.number().int() }).optional().describe('an axis package, kept as it came: GET /documents/{id}/package'),
    })
    .optional(),
  arrivalDate: isoDateSchema,
  channel: z.enum(channels),
  dueDate: isoDateSchema.optional(),
  note: z.string().optional(),
  registeredBy: who,
  assignment: z
    .object({
      lead: assigneeSchema,
      coordinators: z.array(assigneeSchema),
      forInformation: z.array(assigneeSchema),
      dueDate: isoDateSchema.optional(),
      note: z.string().optional(),
      assignedBy: who,
      assignedAt: z.string(),
    })
    .optional(),
  assigneeKeys: z.array(z.string()).optional(),
  progress: z.object({ count: z.number().int(), lastNote: z.string(), lastAt: z.string() }).optional(),
  completion: z.object({ note: z.string().optional(), replyDocumentId: z.string().optional(), at: z.string(), by: who }).optional(),
  returned: z.object({ reason: z.string(), at: z.string(), by: who }).optional(),
  pendingRequest: z.object({ type: z.enum(['revocation', 'update', 'replacement']), reason: z.string(), at: z.string(), fromOrganId: z.string().optional() }).optional(),
  withdrawn: z.object({ type: z.enum(['revocation', 'update', 'replacement']), reason: z.string(), at: z.string(), acceptedAt: z.string(), acceptedBy: who }).optional(),
  overdueSince: isoDateSchema.optional().describe('the first Vietnam date it was overdue; set once by the deadline watcher'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

/** An outgoing document (văn bản đi) as the API returns it. */
export const outgoingDocumentSchema = outgoingDraftSchema.extend({
  id: z.string(),
  direction: z.literal('outgoing'),
  organId: z.string(),
  status: z.enum(outgoingStatuses),
  createdBy: who,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  sentBack: z.object({ reason: z.string(), at: z.string(), by: who }).optional(),
  signedFile: z
    .object({ fileId: z.string(), sha256: z.string(), signer: z.string().describe("the signer certificate's common name"), signedAt: z.string(), signedBy: who })
    .optional()
    .describe('the PDF the leader signed through vanthu: the file the issue stamps and seals'),
  senderRequest: z.object({ type: z.enum(['revocation', 'update', 'replacement']), reason: z.string(), at: z.string(), replacementDocumentId: z.string().optional() }).optional(),
  issue: z
    .object({
      number: z.number().int(),
      codeNumber: z.string().describe('số, with a leading zero below 10'),
      codeNotation: z.string().describe('ký hiệu, e.g. QĐ-UBND or UBND-VX'),
      registerId: z.string(),
      series: z.enum(['administrative', 'legal-normative', 'copy', 'secret']).describe('the series the number belongs to: secret numbers are a series of their own'),
      registerName: z.string(),
      year: z.number().int(),
      issueDate: isoDateSchema,
      issuedAt: z.string(),
      issuedBy: who,
      file: z
        .object({ fileId: z.string(), sha256: z.string(), sealed: z.boolean().describe("true when the agency's signature was applied after the stamp") })
        .optional()
        .describe('the issued electronic original: the signed PDF with the number and date written on it'),
    })
    .optional(),
});

export const documentSchema = z.discriminatedUnion('direction', [incomingDocumentSchema, outgoingDocumentSchema]);

const overdueFields = { overdue: z.boolean(), daysLate: z.number().int().optional().describe('working days past the deadline') };

/** A document in a list, with its overdue flag (open and past its deadline, Vietnam date). */
export const listedDocumentSchema = z.discriminatedUnion('direction', [incomingDocumentSchema.extend(overdueFields), outgoingDocumentSchema.extend(overdueFields)]);

export const historyEventSchema = z.object({
  documentId: z.string(),
  sequence: z.number().int(),
  action: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string(), organId: z.string(), roles: z.array(z.enum(roles)) }),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
  correlationId: z.string().optional(),
});

export const documentIdParams = z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/, 'expected a document id (26 characters)') });
