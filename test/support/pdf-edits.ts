import { appendIncrementalUpdate } from '#signature/dev/pdf-writer';
import { Budget } from '#signature/limits';
import { isArray, isDict, pdfArray, pdfDict, pdfName, pdfRef, pdfString } from '#signature/pdf/objects';
import { PdfRevision } from '#signature/pdf/revision';

/**
 * The PDF with a FreeText annotation added to the page object `pageObject` in a new incremental update:
 * what a reader or an editor writes when someone comments on (or paints over) a signed document.
 */
export function withFreeTextNote(pdf: Uint8Array, pageObject: number, text = 'Da sua sau khi ky'): Uint8Array {
  const revision = PdfRevision.open(pdf, pdf.length, Budget.forMillis(10_000));
  const size = Number(revision.trailer.entries.get('Size'));
  const page = revision.resolve(pdfRef(pageObject));
  if (!isDict(page)) throw new Error(`object ${pageObject} is not a page`);
  const annots = revision.resolve(page.entries.get('Annots'));
  const entries = new Map(page.entries);
  entries.set('Annots', pdfArray([...(isArray(annots) ? annots.items : []), pdfRef(size)]));
  const note = pdfDict([
    ['Type', pdfName('Annot')],
    ['Subtype', pdfName('FreeText')],
    ['Rect', pdfArray([100, 600, 400, 640])],
    ['Contents', pdfString(Buffer.from(text, 'latin1'))],
    ['DA', pdfString(Buffer.from('/Helv 12 Tf 0 g', 'latin1'))],
  ]);
  return appendIncrementalUpdate(
    pdf,
    new Map([
      [pageObject, { kind: 'dict', entries, start: -1, end: -1 }],
      [size, note],
    ]),
  );
}
