import { createHash } from 'node:crypto';
import { Budget } from '../limits.ts';
import { toPdfDate } from '../pdf/dates.ts';
import { indexOf } from '../pdf/lexer.ts';
import { dictOf, isArray, isRef, nameOf, numberOf, pdfArray, pdfDict, pdfName, pdfRef, pdfString, textOf, type PdfDict, type PdfRef, type PdfValue } from '../pdf/objects.ts';
import { PdfRevision } from '../pdf/revision.ts';
import { appendIncrementalUpdate } from '../dev/pdf-writer.ts';
import { SigningError } from './errors.ts';
import { formFields } from '../pdf/form-fields.ts';

/** A rectangle in PDF user space (points, origin at the page's lower left): [x1, y1, x2, y2]. */
export type Rect = readonly [number, number, number, number];

/** An empty text field to create (where the number and date will be written when the document is issued). */
export interface TextFieldSpec {
  readonly name: string;
  /** 1-based page number. */
  readonly page: number;
  readonly rect: Rect;
}

/** Objects drawing a field's value (text-appearance.ts), numbered from 1: the update renumbers them. */
export interface FieldAppearance {
  readonly objects: ReadonlyMap<number, PdfValue>;
  readonly formXObject: PdfRef;
  readonly nextObjectNumber: number;
}

/** A text field to fill: its value and what it looks like. */
export interface TextFieldFill {
  readonly name: string;
  readonly value: string;
  /** The value drawn in a box of the field's size (textFields gives the sizes). */
  readonly appearance: FieldAppearance;
}

/** A signature dictionary with a hole for its CMS (ISO 32000-1 §12.8.1). */
export interface SignatureSlot {
  readonly fieldName: string;
  /** `ETSI.CAdES.detached` (PAdES signature) or `ETSI.RFC3161` (document timestamp). */
  readonly subFilter: 'ETSI.CAdES.detached' | 'ETSI.RFC3161';
  /** Claimed signing time, written to /M. */
  readonly signingTime?: Date;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  /** Bytes reserved for the CMS in /Contents. */
  readonly contentsSize: number;
  /** A certification signature (DocMDP) allowing changes of this level: 2 = form filling and signing. */
  readonly certificationLevel?: 1 | 2 | 3;
  /** Where the signature's widget is shown; absent: an invisible widget on page 1. */
  readonly widget?: { readonly page: number; readonly rect: Rect; readonly appearance?: FieldAppearance };
  /** Fields (qualified names) whose values the signature locks (FieldMDP, ISO 32000-1 §12.8.2.4): they may not change after it. */
  readonly lockFields?: readonly string[];
}

export interface UpdateRequest {
  readonly addTextFields?: readonly TextFieldSpec[];
  readonly fillTextFields?: readonly TextFieldFill[];
  readonly signature?: SignatureSlot;
}

/** An updated PDF; with a signature slot, the hole of its /Contents and the SHA-256 of the bytes around it. */
export interface UpdatedPdf {
  readonly bytes: Uint8Array;
  readonly signature?: { readonly hole: Hole; readonly digest: Uint8Array };
}

/** Byte offsets of a /Contents hex string, its brackets included: [start, end). */
export interface Hole {
  readonly start: number;
  readonly end: number;
}

/** Ten-digit placeholders keep the dictionary's length fixed while the real offsets are filled in. */
const PLACEHOLDER = 9_999_999_999;
const PLACEHOLDER_TEXT = `[0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}]`;

/**
 * Appends one incremental update (ISO 32000-1 §7.5.6) that adds empty text fields, fills existing ones
 * (value and appearance) and/or adds a signature field with a reserved /Contents whose ByteRange is
 * already final: every earlier byte, and so every earlier signature, stays as it was. Throws SigningError
 * for a PDF it cannot update (no page, a named field missing, an encrypted file).
 *
 * @example
 * const { bytes, signature } = updatePdf(pdf, { signature: { fieldName: 'Signature-leader', subFilter: 'ETSI.CAdES.detached', contentsSize: 32_768 } });
 * const signed = embedSignature(bytes, signature.hole, cms);
 */
export function updatePdf(pdf: Uint8Array, request: UpdateRequest): UpdatedPdf {
  const revision = openRevision(pdf);
  if (revision.trailer.entries.has('Encrypt')) throw new SigningError('encrypted', 'the PDF is encrypted');
  const writer = new UpdateWriter(revision);
  for (const spec of request.addTextFields ?? []) writer.addTextField(spec);
  for (const fill of request.fillTextFields ?? []) writer.fillTextField(fill);
  if (request.signature !== undefined) writer.addSignature(request.signature);
  const updated = Buffer.from(appendIncrementalUpdate(pdf, writer.objects));
  if (request.signature === undefined) return { bytes: new Uint8Array(updated) };
  const hole = fillByteRange(updated, pdf.length, request.signature.contentsSize);
  return { bytes: new Uint8Array(updated.buffer, updated.byteOffset, updated.length), signature: { hole, digest: byteRangeDigest(updated, hole) } };
}

/** SHA-256 of everything but the hole: what a PDF signature's message-digest states. */
export function byteRangeDigest(bytes: Uint8Array, hole: Hole): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes.subarray(0, hole.start)).update(bytes.subarray(hole.end)).digest());
}

/**
 * Writes a CMS (or RFC 3161 token) into the reserved hole, hex-encoded and zero-padded; returns a new
 * buffer. Throws SigningError when it does not fit.
 */
export function embedSignature(bytes: Uint8Array, hole: Hole, cms: Uint8Array): Uint8Array {
  const room = (hole.end - hole.start - 2) / 2;
  if (cms.length > room) throw new SigningError('too-large', `the signature needs ${cms.length} bytes but only ${room} are reserved`);
  if (bytes[hole.start] !== 0x3c || bytes[hole.end - 1] !== 0x3e) throw new SigningError('no-hole', 'the reserved /Contents is not where the preparation put it');
  const out = Buffer.from(bytes);
  out.write(Buffer.from(cms).toString('hex'), hole.start + 1, 'latin1');
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** The text fields of a PDF's form by fully qualified name, with their widget rectangles: what a stamp can fill. */
export function textFields(pdf: Uint8Array): ReadonlyMap<string, { readonly rect: Rect; readonly value?: string }> {
  const revision = openRevision(pdf);
  const found = new Map<string, { rect: Rect; value?: string }>();
  for (const field of formFields(revision)) {
    if (nameOf(inherited(revision, field.dict, 'FT')) !== 'Tx') continue;
    const widget = field.widget === undefined ? undefined : dictOf(revision.resolve(field.widget));
    const numbers = rectOf(revision, widget);
    const value = textOf(revision.resolve(field.dict.entries.get('V')));
    found.set(field.name, { rect: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 0], ...(value === undefined ? {} : { value }) });
  }
  return found;
}

/** Every terminal field of the PDF's form, by qualified name (duplicates kept). */
export function allFields(pdf: Uint8Array): readonly { readonly name: string }[] {
  return formFields(openRevision(pdf)).map((field) => ({ name: field.name }));
}

function openRevision(pdf: Uint8Array): PdfRevision {
  try {
    return PdfRevision.open(pdf, pdf.length, Budget.forMillis(30_000));
  } catch (cause) {
    throw new SigningError('unreadable', 'the PDF cannot be read', { cause });
  }
}

class UpdateWriter {
  readonly objects = new Map<number, PdfValue>();
  private next: number;
  private readonly catalogRef: PdfRef;
  private catalog: PdfDict;
  private readonly pages: PdfRef[];

  constructor(private readonly revision: PdfRevision) {
    const root = revision.trailer.entries.get('Root');
    if (!isRef(root)) throw new SigningError('unreadable', 'the trailer /Root is not a reference');
    this.catalogRef = root;
    this.catalog = revision.catalog();
    this.next = numberOf(revision.trailer.entries.get('Size')) ?? 0;
    this.pages = pageRefs(revision, this.catalog);
    if (this.pages.length === 0) throw new SigningError('no-page', 'the PDF has no page');
  }

  addTextField(spec: TextFieldSpec): void {
    const pageRef = this.page(spec.page);
    const num = this.allocate();
    this.objects.set(
      num,
      pdfDict([
        ['Type', pdfName('Annot')],
        ['Subtype', pdfName('Widget')],
        ['FT', pdfName('Tx')],
        ['T', pdfString(utf16(spec.name))],
        ['Rect', pdfArray([...spec.rect])],
        ['F', 4],
        ['Ff', 1],
        ['DA', pdfString(Buffer.from('/Helv 0 Tf 0 g', 'latin1'))],
        ['P', pageRef],
      ]),
    );
    this.attach(pageRef, num);
  }

  fillTextField(fill: TextFieldFill): void {
    const field = formFields(this.revision, this.objects).find((f) => f.name === fill.name);
    if (field === undefined || field.ref === undefined) throw new SigningError('no-field', `the PDF has no text field "${fill.name}"`);
    const widgetRef = field.widget ?? field.ref;
    const widget = this.current(widgetRef);
    const ap = pdfDict([['N', this.place(fill.appearance)]]);
    if (widgetRef.num === field.ref.num) {
      this.objects.set(
        field.ref.num,
        withEntries(widget, [
          ['V', pdfString(utf16(fill.value))],
          ['AP', ap],
        ]),
      );
    } else {
      this.objects.set(field.ref.num, withEntries(this.current(field.ref), [['V', pdfString(utf16(fill.value))]]));
      this.objects.set(widgetRef.num, withEntries(this.current(widgetRef), [['AP', ap]]));
    }
  }

  addSignature(slot: SignatureSlot): void {
    const sigNum = this.allocate();
    const widgetNum = this.allocate();
    const stampOnly = slot.subFilter === 'ETSI.RFC3161';
    const text = (value: string | undefined, key: string): [string, PdfValue][] => (value === undefined ? [] : [[key, pdfString(utf16(value))]]);
    this.objects.set(
      sigNum,
      pdfDict([
        ['Type', pdfName(stampOnly ? 'DocTimeStamp' : 'Sig')],
        ['Filter', pdfName('Adobe.PPKLite')],
        ['SubFilter', pdfName(slot.subFilter)],
        ...(slot.signingTime === undefined ? [] : ([['M', pdfString(Buffer.from(toPdfDate(slot.signingTime), 'latin1'))]] as [string, PdfValue][])),
        ...text(slot.name, 'Name'),
        ...text(slot.reason, 'Reason'),
        ...text(slot.location, 'Location'),
        ...references(slot),
        ['ByteRange', pdfArray([0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER])],
        ['Contents', { kind: 'string', bytes: new Uint8Array(slot.contentsSize), hex: true, start: -1, end: -1 }],
      ]),
    );
    const pageRef = this.page(slot.widget?.page ?? 1);
    const appearance = slot.widget?.appearance === undefined ? undefined : this.place(slot.widget.appearance);
    this.objects.set(
      widgetNum,
      pdfDict([
        ['Type', pdfName('Annot')],
        ['Subtype', pdfName('Widget')],
        ['FT', pdfName('Sig')],
        ['T', pdfString(utf16(slot.fieldName))],
        ['V', pdfRef(sigNum)],
        ['Rect', pdfArray([...(slot.widget?.rect ?? [0, 0, 0, 0])])],
        ['F', 132],
        ['P', pageRef],
        ...(appearance === undefined ? [] : ([['AP', pdfDict([['N', appearance]])]] as [string, PdfValue][])),
        ...(slot.lockFields === undefined
          ? []
          : ([
              [
                'Lock',
                pdfDict([
                  ['Type', pdfName('SigFieldLock')],
                  ['Action', pdfName('Include')],
                  ['Fields', pdfArray(slot.lockFields.map((f) => pdfString(utf16(f))))],
                ]),
              ],
            ] as [string, PdfValue][])),
      ]),
    );
    this.attach(pageRef, widgetNum, 3);
    if (slot.certificationLevel !== undefined) {
      this.setCatalog(withEntries(this.catalog, [['Perms', pdfDict([['DocMDP', pdfRef(sigNum)]])]]));
    }
  }

  /** Adds an appearance's objects after those of the file and the update; returns its Form XObject. */
  private place(appearance: FieldAppearance): PdfRef {
    const offset = this.next - 1;
    for (const [num, value] of appearance.objects) this.objects.set(num + offset, shifted(value, offset));
    this.next = appearance.nextObjectNumber + offset;
    return pdfRef(appearance.formXObject.num + offset);
  }

  private allocate(): number {
    const num = this.next;
    this.next += 1;
    return num;
  }

  private page(number: number): PdfRef {
    const ref = this.pages[number - 1];
    if (ref === undefined) throw new SigningError('no-page', `the PDF has no page ${number}`);
    return ref;
  }

  /** The object as this update has it so far, else as the revision has it. */
  private current(ref: PdfRef): PdfDict {
    const value = this.objects.get(ref.num) ?? this.revision.resolve(ref);
    const dict = dictOf(value);
    if (dict === undefined) throw new SigningError('unreadable', `object ${ref.num} is not a dictionary`);
    return dict;
  }

  /** Adds the widget to its page's /Annots and to /AcroForm /Fields (with /SigFlags when signing). */
  private attach(pageRef: PdfRef, widgetNum: number, sigFlags?: number): void {
    const page = this.current(pageRef);
    const annots = this.revision.resolve(page.entries.get('Annots'));
    const current = this.objects.get(pageRef.num) === undefined ? annots : page.entries.get('Annots');
    const items = isArray(current) ? current.items : isArray(annots) ? annots.items : [];
    this.objects.set(pageRef.num, withEntries(page, [['Annots', pdfArray([...items, pdfRef(widgetNum)])]]));
    const held = this.catalog.entries.get('AcroForm');
    const form = (isRef(held) ? dictOf(this.objects.get(held.num)) : undefined) ?? dictOf(this.revision.resolve(held)) ?? pdfDict([]);
    const fields = this.revision.resolve(form.entries.get('Fields'));
    const entries: [string, PdfValue][] = [['Fields', pdfArray([...(isArray(fields) ? fields.items : []), pdfRef(widgetNum)])]];
    if (sigFlags !== undefined) entries.push(['SigFlags', sigFlags]);
    if (!form.entries.has('DA')) entries.push(['DA', pdfString(Buffer.from('/Helv 0 Tf 0 g', 'latin1'))]);
    const updated = withEntries(form, entries);
    if (isRef(held)) this.objects.set(held.num, updated);
    else this.setCatalog(withEntries(this.catalog, [['AcroForm', updated]]));
  }

  private setCatalog(catalog: PdfDict): void {
    this.catalog = catalog;
    this.objects.set(this.catalogRef.num, catalog);
  }
}

/** A value whose references point `offset` objects further. */
function shifted(value: PdfValue, offset: number): PdfValue {
  if (value === null || typeof value !== 'object') return value;
  switch (value.kind) {
    case 'ref':
      return pdfRef(value.num + offset, value.gen);
    case 'array':
      return pdfArray(value.items.map((item) => shifted(item, offset)));
    case 'dict':
      return { ...value, entries: new Map([...value.entries].map(([key, item]) => [key, shifted(item, offset)])) };
    case 'stream':
      return { ...value, dict: shifted(value.dict, offset) as PdfDict };
    default:
      return value;
  }
}

function rectOf(revision: PdfRevision, widget: PdfDict | undefined): number[] {
  const rect = revision.resolve(widget?.entries.get('Rect'));
  return isArray(rect) ? rect.items.map((v) => numberOf(revision.resolve(v)) ?? 0) : [0, 0, 0, 0];
}

function inherited(revision: PdfRevision, dict: PdfDict, key: string): PdfValue | undefined {
  let node: PdfDict | undefined = dict;
  for (let depth = 0; node !== undefined && depth < 16; depth += 1) {
    const value = node.entries.get(key);
    if (value !== undefined) return revision.resolve(value);
    node = dictOf(revision.resolve(node.entries.get('Parent')));
  }
  return undefined;
}

function pageRefs(revision: PdfRevision, catalog: PdfDict): PdfRef[] {
  const pages: PdfRef[] = [];
  const visit = (node: PdfValue | undefined, depth: number): void => {
    if (depth > 64 || pages.length > 100_000) return;
    const dict = dictOf(revision.resolve(node));
    if (dict === undefined) return;
    if (nameOf(dict.entries.get('Type')) === 'Page' || !dict.entries.has('Kids')) {
      if (isRef(node)) pages.push(node);
      return;
    }
    const kids = revision.resolve(dict.entries.get('Kids'));
    if (isArray(kids)) for (const kid of kids.items) visit(kid, depth + 1);
  };
  visit(catalog.entries.get('Pages'), 0);
  return pages;
}

/** Writes the ByteRange over its placeholder, around the /Contents of the update starting at `from`. */
function fillByteRange(out: Buffer, from: number, contentsSize: number): Hole {
  const marker = indexOf(out, PLACEHOLDER_TEXT, from);
  const start = indexOf(out, '/Contents <', marker) + '/Contents '.length;
  const end = indexOf(out, '>', start) + 1;
  if (marker < 0 || start < marker || end - start !== contentsSize * 2 + 2) throw new SigningError('no-hole', 'signature placeholders not found in the update');
  const range = `[0 ${start} ${end} ${out.length - end}`;
  out.write(`${range.padEnd(PLACEHOLDER_TEXT.length - 1, ' ')}]`, marker, 'latin1');
  return { start, end };
}

/** The /Reference entry (ISO 32000-1 Table 253): DocMDP of a certification signature, FieldMDP of a lock. */
function references(slot: SignatureSlot): [string, PdfValue][] {
  const items: PdfValue[] = [];
  if (slot.certificationLevel !== undefined) {
    items.push(sigRef('DocMDP', [['P', slot.certificationLevel]]));
  }
  if (slot.lockFields !== undefined) {
    items.push(
      sigRef('FieldMDP', [
        ['Action', pdfName('Include')],
        ['Fields', pdfArray(slot.lockFields.map((f) => pdfString(utf16(f))))],
      ]),
    );
  }
  return items.length === 0 ? [] : [['Reference', pdfArray(items)]];
}

function sigRef(method: 'DocMDP' | 'FieldMDP', params: readonly (readonly [string, PdfValue])[]): PdfValue {
  return pdfDict([
    ['Type', pdfName('SigRef')],
    ['TransformMethod', pdfName(method)],
    ['TransformParams', pdfDict([['Type', pdfName('TransformParams')], ...params, ['V', pdfName('1.2')]])],
  ]);
}

/** A text string: PDFDocEncoding when ASCII, else UTF-16BE with its byte order mark. */
function utf16(text: string): Uint8Array {
  if (/^[\x20-\x7e]*$/.test(text)) return new Uint8Array(Buffer.from(text, 'latin1'));
  const body = Buffer.from(text.normalize('NFC'), 'utf16le').swap16();
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
}

function withEntries(dict: PdfDict, entries: readonly (readonly [string, PdfValue])[]): PdfDict {
  const copy = new Map(dict.entries);
  for (const [key, value] of entries) copy.set(key, value);
  return { kind: 'dict', entries: copy, start: -1, end: -1 };
}
