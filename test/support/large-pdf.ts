import { randomBytes } from 'node:crypto';
import { writePdf } from '#signature/dev/pdf-writer';
import { pdfArray, pdfDict, pdfName, pdfRef, type PdfValue } from '#signature/pdf/objects';

/**
 * A one-page A4 PDF of about `size` bytes: an RGB image of random (incompressible) bytes drawn on the page,
 * for benches that need a large document whose size compression cannot shrink.
 */
export function imagePdf(size: number): Uint8Array {
  const width = 1024;
  const height = Math.ceil(size / (width * 3));
  const image: PdfValue = {
    kind: 'stream',
    dict: pdfDict([
      ['Type', pdfName('XObject')],
      ['Subtype', pdfName('Image')],
      ['Width', width],
      ['Height', height],
      ['ColorSpace', pdfName('DeviceRGB')],
      ['BitsPerComponent', 8],
    ]),
    raw: new Uint8Array(randomBytes(width * height * 3)),
  };
  const content: PdfValue = { kind: 'stream', dict: pdfDict([]), raw: new Uint8Array(Buffer.from('q 500 0 0 400 40 400 cm /Im0 Do Q')) };
  return writePdf(
    new Map<number, PdfValue>([
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
          ['Resources', pdfDict([['XObject', pdfDict([['Im0', pdfRef(5)]])]])],
          ['Contents', pdfRef(4)],
        ]),
      ],
      [4, content],
      [5, image],
    ]),
    1,
  );
}
