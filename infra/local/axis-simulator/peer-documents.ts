/**
 * The documents the simulator's SAMPLE peer sends in (./peer.ts): what a caller may ask for, and the edXML
 * document package built from it. Everything here is SAMPLE data: the peer's agencies carry "[MẪU]" in
 * their names, the signer is no one, and the attached PDF says it has no value.
 */
import * as z from 'zod';
import { urgencies } from '#domain/documents/metadata';
import { foldVietnamese } from '#domain/text';
import { vietnamDate, vietnamTimestamp } from '#domain/time';
import { formatDocumentId, type EdocBuildInput } from '#edxml/index';
import { samplePdf } from '#signature/dev/sample-pdf';

/** An agency code in the QCVN 102 notation, `NNN.NN.NN.XNN`. */
const agencyCode = z
  .string()
  .trim()
  .regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'must be an agency code NNN.NN.NN.XNN');

/** What `sendDocument` and `POST /_sim/peer/documents` accept. */
export const peerDocumentInputSchema = z
  .object({
    /** One of the peer's agencies; default its first sample agency. */
    from: agencyCode.optional(),
    /** The addressed agencies (this city's, e.g. `000.00.91.H26`): one code or a list. */
    to: z.union([agencyCode.transform((code) => [code]), z.array(agencyCode).min(1).max(50)]),
    /** Trích yếu. */
    subject: z.string().trim().min(1).max(500),
    typeName: z.string().trim().min(1).max(100).default('Công văn'),
    urgency: z.enum(urgencies).default('normal'),
    dueDate: z.iso.date().optional(),
    /** Default: the peer's next number. */
    codeNumber: z
      .string()
      .regex(/^\d{1,11}$/, 'must be 1 to 11 digits')
      .optional(),
    /** Attach a one-page SAMPLE PDF (default true). */
    attachment: z.boolean().default(true),
  })
  .strict();

export type PeerDocumentInput = z.input<typeof peerDocumentInputSchema>;
export type PeerDocument = z.output<typeof peerDocumentInputSchema>;

export interface SampleAgency {
  readonly name: string;
  /** The ký hiệu its notations carry. */
  readonly abbreviation: string;
}

/** Names of the peer's agencies (its system serves every `*.G12` and `*.G22` code): SAMPLE, not the real ones. */
export const samplePeerAgencies: Readonly<Record<string, SampleAgency>> = {
  '000.00.00.G12': { name: '[MẪU] Bộ Tài chính', abbreviation: 'BTC' },
  '000.00.00.G22': { name: '[MẪU] Văn phòng Chính phủ', abbreviation: 'VPCP' },
};

/** A peer agency by its code; one without a sample entry gets a name that says what it is. */
export function sampleAgency(code: string): SampleAgency {
  return samplePeerAgencies[code] ?? { name: `[MẪU] Cơ quan ${code}`, abbreviation: 'MAU' };
}

/**
 * The document package of a sample document from `from`, numbered `number` and promulgated today (Vietnam
 * date): DocumentId, Code and PromulgationDate tell the same story, as a strict build requires.
 *
 * @example
 * sampleDocumentPackage({ to: ['000.00.91.H26'], subject: 'Về việc thử nghiệm', ... }, { from: '000.00.00.G12', number: '41523', now })
 * // documentId '000.00.00.G12,2026/11/20,41523/BTC-VP'
 */
export function sampleDocumentPackage(document: PeerDocument, options: { from: string; number: string; now: Date }): EdocBuildInput {
  const { from, number, now } = options;
  const agency = sampleAgency(from);
  const notation = `${agency.abbreviation}-VP`;
  const promulgationDate = vietnamDate(now);
  const documentId = formatDocumentId({ organId: from, promulgationDate, number, notation });
  const attachments = document.attachment
    ? [
        {
          contentId: 'cid:1',
          attachmentName: `${number}-${agency.abbreviation}-VP.pdf`,
          contentType: 'application/pdf',
          description: 'Văn bản MẪU',
          payload: samplePage(document, `${number}/${notation}`),
        },
      ]
    : [];
  return {
    from: { organId: from, organName: agency.name },
    to: document.to.map((organId) => ({ organId })),
    documentId,
    code: { codeNumber: number, codeNotation: notation },
    promulgationInfo: { place: 'Hà Nội', promulgationDate },
    documentType: { typeName: document.typeName },
    subject: document.subject,
    signerInfo: { fullName: '[MẪU] Người ký' },
    ...(document.dueDate === undefined ? {} : { dueDate: document.dueDate }),
    otherInfo: { priority: urgencies.indexOf(document.urgency), promulgationAmount: 1, pageAmount: 1, appendixes: [] },
    toPlaces: ['Như trên', 'Lưu: VT'],
    responseFor: [],
    traceHeaderList: {
      traceHeader: [{ organId: from, timestamp: vietnamTimestamp(now) }],
      bussiness: { documentId, bussinessDocType: 0, paper: 0, replacementInfoList: [] },
    },
    attachments,
  };
}

/** The attached page, in ASCII (the standard PDF fonts have no Vietnamese glyphs). */
function samplePage(document: PeerDocument, code: string): Uint8Array {
  const ascii = (text: string) =>
    foldVietnamese(text)
      .toUpperCase()
      .replace(/[^\x20-\x7e]/g, '?');
  return samplePdf(['[MAU] VAN BAN MAU - KHONG CO GIA TRI PHAP LY', `So: ${code}`, ascii(document.typeName), ascii(document.subject).slice(0, 80)]);
}
