import * as z from 'zod';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { parseAgencyCode } from '../agency/code.ts';
import { foldVietnamese, printedIdentity } from '../text.ts';
import { vietnamDate, vietnamYear } from '../time.ts';
import { channels, documentMetadataSchema, isoDateSchema, paragraphSchema, type Channel, type DocumentMetadata } from './metadata.ts';
import type { Assignment } from './routing.ts';
import { incomingSeries } from './register-series.ts';

/** What a clerk sends to register a received document (văn bản đến). */
export const incomingRegistrationSchema = documentMetadataSchema.extend({
  channel: z.enum(channels).default('paper'),
  /** Hạn xử lý, when the document sets one. */
  dueDate: isoDateSchema.optional(),
  note: paragraphSchema().max(1000).optional(),
  /** Go on although a document with the same issuer, number, notation and year is registered. */
  allowDuplicate: z.boolean().default(false),
});

export type IncomingRegistration = z.infer<typeof incomingRegistrationSchema>;

export interface SenderRequest {
  readonly type: 'revocation' | 'update' | 'replacement';
  readonly reason: string;
  readonly at: string;
  readonly fromOrganId?: string;
  /** For an update: the metadata as the sender now has it. */
  readonly metadata?: Partial<DocumentMetadata>;
}

/** Incoming statuses with their edXML status codes: 01 arrived, 02 returned, 03 registered, 04, 05, 06. */
export const incomingStatuses = ['arrived', 'returned', 'registered', 'assigned', 'processing', 'finished', 'withdrawn'] as const;
export type IncomingStatus = (typeof incomingStatuses)[number];

export interface IncomingDocument extends DocumentMetadata {
  readonly id: string;
  readonly direction: 'incoming';
  /** The receiving agency: the owner of this record. */
  readonly organId: string;
  readonly status: IncomingStatus;
  /** Số đến: consecutive per agency and Vietnam calendar year, from 1; given when registered (not while `arrived`). */
  readonly arrivalNumber?: number;
  readonly arrivalYear?: number;
  /** Which series the số đến belongs to: secret documents are numbered in a series of their own. */
  readonly arrivalSeries?: 'main' | 'secret';
  /** Where an electronically received document came from (axis package, webhook, internal delivery). */
  readonly source?: {
    readonly channel: Channel;
    readonly fromOrganId?: string;
    /** The transport's id: axis docId, webhook-id, or the sender's document id for internal delivery. */
    readonly externalId: string;
    /** edXML DocumentId `OrganId,YYYY/MM/DD,Number/Notation` of the sender's document: status packages answer it. */
    readonly documentId?: string;
    /** For an internal delivery: the sender's document in this system. */
    readonly senderDocumentId?: string;
    /** For an axis package: the package as it came (signature and unknown elements included), the record. */
    readonly package?: { readonly key: string; readonly versionId?: string; readonly sha256: string; readonly size: number };
  };
  /** Ngày đến (Vietnam date). */
  readonly arrivalDate: string;
  readonly channel: Channel;
  readonly dueDate?: string;
  readonly note?: string;
  readonly registeredBy: { readonly sub: string; readonly name: string };
  /** The current routing (phân công); a reassignment replaces it and the history keeps the old one. */
  readonly assignment?: Assignment;
  /** `person:<sub>` / `unit:<organId>` of everyone routed to, for list filters. */
  readonly assigneeKeys?: string[];
  readonly progress?: { readonly count: number; readonly lastNote: string; readonly lastAt: string };
  readonly completion?: { readonly note?: string; readonly replyDocumentId?: string; readonly at: string; readonly by: { readonly sub: string; readonly name: string } };
  /** A sender's request on this document (BussinessDocType 1 revocation, 2 update, 3 replacement) awaiting the clerk. */
  readonly pendingRequest?: SenderRequest;
  /** An accepted revocation or replacement: the document is kept, with the request's metadata. */
  readonly withdrawn?: SenderRequest & { readonly acceptedAt: string; readonly acceptedBy: { readonly sub: string; readonly name: string } };
  /** The first Vietnam date it was overdue (set once by the deadline watcher). */
  readonly overdueSince?: string;
  /** Status 02: why the clerk returned it. */
  readonly returned?: { readonly reason: string; readonly at: string; readonly by: { readonly sub: string; readonly name: string } };
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-lock version; also the sequence of the document's history events. */
  readonly version: number;
}

/**
 * The keys that identify "the same document" for the duplicate warning: issuer + number + notation + year of
 * promulgation, once with the issuer's code (either notation) when it has one and once with its name folded
 * without diacritics — the same document typed from paper (a name) and received electronically (a code and a
 * name) meets on the name. The number and notation compare as printed identities (`7` = `07`, case, spacing,
 * NFC/NFD, look-alike letters and dashes, invisible characters).
 */
export function duplicateKeys(meta: Pick<DocumentMetadata, 'issuer' | 'codeNumber' | 'codeNotation' | 'promulgationDate'>): string[] {
  const printed = `${printedIdentity(meta.codeNumber, meta.codeNotation)}|${meta.promulgationDate.slice(0, 4)}`;
  const code = meta.issuer.organId === undefined ? undefined : parseAgencyCode(meta.issuer.organId);
  const name = `name:${foldVietnamese(meta.issuer.organName).replace(/\s/g, '')}|${printed}`;
  return code?.ok === true ? [`code:${code.code.code102}|${printed}`, name] : [name];
}

/** Builds the document a registration creates, before its arrival number is allocated. */
export function newIncomingDocument(
  input: IncomingRegistration,
  context: { id: string; principal: Principal; now: Date },
): Omit<IncomingDocument, 'arrivalNumber'> & { arrivalYear: number } {
  if (input.dueDate !== undefined && input.dueDate < vietnamDate(context.now)) {
    throw new ValidationError('The due date is in the past.', {
      errors: [{ path: 'body.dueDate', message: `the due date ${input.dueDate} is before today (${vietnamDate(context.now)})` }],
    });
  }
  const timestamp = context.now.toISOString();
  const { allowDuplicate: _allowDuplicate, ...metadata } = input;
  return {
    ...metadata,
    id: context.id,
    direction: 'incoming',
    organId: context.principal.organId,
    status: 'registered',
    arrivalYear: vietnamYear(context.now),
    arrivalSeries: incomingSeries(input.secrecy),
    arrivalDate: vietnamDate(context.now),
    registeredBy: { sub: context.principal.sub, name: context.principal.name },
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
}
