import { createHash } from 'node:crypto';
import { DevSignerError } from '../errors.ts';
import { Budget } from '../limits.ts';
import { toPdfDate } from '../pdf/dates.ts';
import { indexOf } from '../pdf/lexer.ts';
import { dictOf, isArray, isRef, nameOf, numberOf, pdfArray, pdfDict, pdfName, pdfRef, pdfString, type PdfDict, type PdfRef, type PdfValue } from '../pdf/objects.ts';
import { PdfRevision } from '../pdf/revision.ts';
import { buildCms, type CrlPlacement } from './cms-builder.ts';
import { appendIncrementalUpdate } from './pdf-writer.ts';
import type { Identity } from './pki.ts';
import { timestampToken, type DevTsa } from './timestamp-token.ts';

export interface DevSignOptions {
  readonly signer: Identity;
  /** CA certificates to embed. */
  readonly chain: readonly Uint8Array[];
  /** Claimed signing time, written to /M. */
  readonly signingTime: Date;
  /** Field name, e.g. `Signature-leader`. */
  readonly fieldName: string;
  readonly reason?: string;
  readonly crls?: readonly Uint8Array[];
  readonly crlPlacement?: CrlPlacement;
  /** Bytes reserved for the CMS in /Contents. */
  readonly contentsSize?: number;
  /** Make a PAdES document timestamp (ETSI.RFC3161) from this TSA instead of a signature; `signer` is unused. */
  readonly documentTimestamp?: DevTsa;
  /** Add a signature timestamp from this TSA at this time (PAdES baseline-T). */
  readonly timestamp?: { readonly tsa: DevTsa; readonly at: Date };
  /** Make a certification signature (DocMDP, ISO 32000-1 §12.8.2.2) allowing changes of this level. */
  readonly certificationLevel?: 1 | 2 | 3;
  readonly omitSignerCertificate?: boolean;
}

/** Ten-digit placeholders keep the dictionary's length fixed while the real offsets are filled in. */
const PLACEHOLDER = 9_999_999_999;
const PLACEHOLDER_TEXT = `[0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}]`;

/**
 * DEVELOPMENT-ONLY signer: adds a signature field on page 1 and its signature in one incremental update
 * (ISO 32000-1 §12.8.1), the way a signing client does — earlier bytes and signatures are untouched, so a
 * leader's signature followed by an agency's gives two revisions that both verify.
 *
 * @example
 * const signed = signPdfDev(pdf, { signer: leader, chain: [root.certificate], signingTime: new Date(), fieldName: 'Signature-leader', crls: [crl] });
 */
export function signPdfDev(pdf: Uint8Array, options: DevSignOptions): Uint8Array {
  const revision = PdfRevision.open(pdf, pdf.length, Budget.forMillis(10_000));
  const catalogRef = revision.trailer.entries.get('Root');
  const catalog = revision.catalog();
  if (!isRef(catalogRef)) throw new DevSignerError('the trailer /Root is not a reference');
  const pageRef = firstPage(revision, catalog);
  const page = dictOf(revision.resolve(pageRef));
  if (page === undefined) throw new DevSignerError('page 1 is not a dictionary');
  const size = numberOf(revision.trailer.entries.get('Size')) ?? 0;
  const [sigNum, widgetNum] = [size, size + 1];
  const contentsSize = options.contentsSize ?? 16_384;
  const objects = new Map<number, PdfValue>();
  const stampOnly = options.documentTimestamp !== undefined;
  objects.set(
    sigNum,
    pdfDict([
      ['Type', pdfName(stampOnly ? 'DocTimeStamp' : 'Sig')],
      ['Filter', pdfName('Adobe.PPKLite')],
      ['SubFilter', pdfName(stampOnly ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached')],
      ...(stampOnly
        ? []
        : ([
            ['M', pdfString(Buffer.from(toPdfDate(options.signingTime), 'latin1'))],
            ['Reason', pdfString(Buffer.from(options.reason ?? 'DEVELOPMENT ONLY test signature', 'latin1'))],
          ] as [string, PdfValue][])),
      ...docMdpReference(options.certificationLevel),
      ['ByteRange', pdfArray([0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER])],
      ['Contents', { kind: 'string', bytes: new Uint8Array(contentsSize), hex: true, start: -1, end: -1 }],
    ]),
  );
  objects.set(
    widgetNum,
    pdfDict([
      ['Type', pdfName('Annot')],
      ['Subtype', pdfName('Widget')],
      ['FT', pdfName('Sig')],
      ['T', pdfString(Buffer.from(options.fieldName, 'latin1'))],
      ['V', pdfRef(sigNum)],
      ['Rect', pdfArray([0, 0, 0, 0])],
      ['F', 132],
      ['P', pageRef],
    ]),
  );
  const annots = revision.resolve(page.entries.get('Annots'));
  objects.set(pageRef.num, withEntry(page, 'Annots', pdfArray([...(isArray(annots) ? annots.items : []), pdfRef(widgetNum)])));
  const perms = options.certificationLevel === undefined ? undefined : pdfDict([['DocMDP', pdfRef(sigNum)]]);
  addField(revision, catalog, catalogRef, pdfRef(widgetNum), objects, perms);
  const prepared = Buffer.from(appendIncrementalUpdate(pdf, objects));
  return fillSignature(prepared, pdf.length, contentsSize, options);
}

/** Writes the ByteRange, hashes the covered bytes and puts the CMS into the reserved /Contents. */
function fillSignature(out: Buffer, from: number, contentsSize: number, options: DevSignOptions): Uint8Array {
  const marker = indexOf(out, PLACEHOLDER_TEXT, from);
  const holeStart = indexOf(out, '/Contents <', marker) + '/Contents '.length;
  const holeEnd = indexOf(out, '>', holeStart) + 1;
  if (marker < 0 || holeStart < marker || holeEnd - holeStart !== contentsSize * 2 + 2) throw new DevSignerError('signature placeholders not found in the update');
  const range = `[0 ${holeStart} ${holeEnd} ${out.length - holeEnd}`;
  out.write(`${range.padEnd(PLACEHOLDER_TEXT.length - 1, ' ')}]`, marker, 'latin1');
  const cms = Buffer.from(contentsFor(Buffer.concat([out.subarray(0, holeStart), out.subarray(holeEnd)]), options));
  if (cms.length > contentsSize) throw new DevSignerError(`the CMS needs ${cms.length} bytes but only ${contentsSize} are reserved`);
  out.write(cms.toString('hex'), holeStart + 1, 'latin1');
  return new Uint8Array(out);
}

/** The /Contents value: an RFC 3161 token for a document timestamp, else the signature's CMS. */
function contentsFor(signed: Uint8Array, options: DevSignOptions): Uint8Array {
  if (options.documentTimestamp !== undefined) return timestampToken(options.documentTimestamp, signed, options.signingTime);
  const stamp = options.timestamp;
  return buildCms({
    signer: options.signer,
    chain: options.chain,
    digest: new Uint8Array(createHash('sha256').update(signed).digest()),
    crls: options.crls ?? [],
    crlPlacement: options.crlPlacement ?? 'signed-attribute',
    omitSignerCertificate: options.omitSignerCertificate,
    timestamp: stamp === undefined ? undefined : (signature) => timestampToken(stamp.tsa, signature, stamp.at),
  });
}

function firstPage(revision: PdfRevision, catalog: PdfDict): PdfRef {
  let node: PdfValue = catalog.entries.get('Pages') ?? null;
  for (let depth = 0; depth < 32; depth += 1) {
    const dict = dictOf(revision.resolve(node));
    if (dict === undefined) break;
    if (nameOf(dict.entries.get('Type')) === 'Page' && isRef(node)) return node;
    const kids = revision.get(dict, 'Kids');
    node = isArray(kids) ? (kids.items[0] ?? null) : null;
  }
  throw new DevSignerError('the document has no page to put the signature field on');
}

/** Adds the widget to /AcroForm /Fields, rewriting the form object or the catalog that holds it. */
function addField(revision: PdfRevision, catalog: PdfDict, catalogRef: PdfRef, widget: PdfRef, objects: Map<number, PdfValue>, perms: PdfDict | undefined): void {
  const held = catalog.entries.get('AcroForm');
  const form = dictOf(revision.resolve(held)) ?? pdfDict([]);
  const fields = revision.resolve(form.entries.get('Fields'));
  const updated = withEntry(withEntry(form, 'Fields', pdfArray([...(isArray(fields) ? fields.items : []), widget])), 'SigFlags', 3);
  if (isRef(held)) objects.set(held.num, updated);
  const newCatalog = isRef(held) ? catalog : withEntry(catalog, 'AcroForm', updated);
  if (newCatalog !== catalog || perms !== undefined) objects.set(catalogRef.num, perms === undefined ? newCatalog : withEntry(newCatalog, 'Perms', perms));
}

/** The /Reference entry of a certification signature (ISO 32000-1 Table 253). */
function docMdpReference(level: 1 | 2 | 3 | undefined): [string, PdfValue][] {
  if (level === undefined) return [];
  const params = pdfDict([
    ['Type', pdfName('TransformParams')],
    ['P', level],
    ['V', pdfName('1.2')],
  ]);
  return [
    [
      'Reference',
      pdfArray([
        pdfDict([
          ['Type', pdfName('SigRef')],
          ['TransformMethod', pdfName('DocMDP')],
          ['TransformParams', params],
        ]),
      ]),
    ],
  ];
}

function withEntry(dict: PdfDict, key: string, value: PdfValue): PdfDict {
  const entries = new Map(dict.entries);
  entries.set(key, value);
  return { kind: 'dict', entries, start: -1, end: -1 };
}
