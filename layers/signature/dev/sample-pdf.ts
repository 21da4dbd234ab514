import { pdfArray, pdfDict, pdfName, pdfRef, type PdfValue } from '../pdf/objects.ts';
import { writePdf } from './pdf-writer.ts';

/** Object number of the page content stream in `samplePdf` output (tests rewrite it). */
export const SAMPLE_CONTENT_OBJECT = 4;

/**
 * A one-page A4 PDF showing `lines` in Helvetica: a stand-in for an official document (công văn) in
 * tests and demos. Text is ASCII because the standard fonts have no Vietnamese glyphs.
 *
 * @example
 * const pdf = samplePdf(['CONG VAN SO 123/UBND-VP', 'Ve viec thu nghiem chu ky so']);
 */
export function samplePdf(lines: readonly string[], options: { readonly image?: SampleImage } = {}): Uint8Array {
  const { image } = options;
  const objects = new Map<number, PdfValue>([
    [
      1,
      pdfDict([
        ['Type', pdfName('Catalog')],
        ['Pages', pdfRef(2)],
      ]),
    ],
    [
      2,
      pdfDict([
        ['Type', pdfName('Pages')],
        ['Kids', pdfArray([pdfRef(3)])],
        ['Count', 1],
      ]),
    ],
    [
      3,
      pdfDict([
        ['Type', pdfName('Page')],
        ['Parent', pdfRef(2)],
        ['MediaBox', pdfArray([0, 0, 595, 842])],
        ['Resources', pdfDict([['Font', pdfDict([['F1', pdfRef(5)]])], ...(image === undefined ? [] : ([['XObject', pdfDict([['Im0', pdfRef(6)]])]] as [string, PdfValue][]))])],
        ['Contents', pdfRef(SAMPLE_CONTENT_OBJECT)],
      ]),
    ],
    [SAMPLE_CONTENT_OBJECT, pageContent(lines, image === undefined ? '' : '\nq 500 0 0 400 40 300 cm /Im0 Do Q')],
    [
      5,
      pdfDict([
        ['Type', pdfName('Font')],
        ['Subtype', pdfName('Type1')],
        ['BaseFont', pdfName('Helvetica')],
      ]),
    ],
  ]);
  if (image !== undefined) {
    objects.set(6, {
      kind: 'stream',
      dict: pdfDict([
        ['Type', pdfName('XObject')],
        ['Subtype', pdfName('Image')],
        ['Width', image.width],
        ['Height', image.height],
        ['ColorSpace', pdfName('DeviceRGB')],
        ['BitsPerComponent', 8],
      ]),
      raw: image.rgb,
    });
  }
  return writePdf(objects, 1);
}

/** An RGB image (8 bits per component, width × height × 3 bytes) drawn below the text. */
export interface SampleImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/** A content stream drawing `lines` from the top of an A4 page. */
export function pageContent(lines: readonly string[], after = ''): PdfValue {
  const text = lines.map((line, i) => `BT /F1 12 Tf 72 ${770 - i * 18} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n') + after;
  return { kind: 'stream', dict: pdfDict([]), raw: new Uint8Array(Buffer.from(text, 'latin1')) };
}
