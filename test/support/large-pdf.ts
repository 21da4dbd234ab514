import { randomBytes } from 'node:crypto';
import { samplePdf } from '#signature/dev/sample-pdf';

/**
 * A one-page A4 PDF of about `size` bytes: the sample page with an RGB image of random (incompressible)
 * bytes, for benches that need a large document whose size compression cannot shrink.
 */
export function imagePdf(size: number): Uint8Array {
  const width = 1024;
  const height = Math.ceil(size / (width * 3));
  return samplePdf(['UBND [MAU]', 'VAN BAN CO ANH LON'], { image: { width, height, rgb: new Uint8Array(randomBytes(width * height * 3)) } });
}
