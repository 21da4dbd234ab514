import { inflateSync, constants } from 'node:zlib';
import { LimitExceededError, PdfSyntaxError } from '../errors.ts';
import { MAX_DECODED_STREAM_BYTES } from '../limits.ts';
import { dictOf, isArray, nameOf, numberOf, type PdfStream, type PdfValue } from './objects.ts';

/**
 * Decodes a stream's bytes through its /Filter chain. Only the filters that carry structure we must read
 * are supported (FlateDecode with PNG/TIFF predictors, ASCIIHexDecode): object streams, xref streams and
 * the DSS dictionary's certificates and revocation data. Output is capped so a zip bomb ends in an error.
 */
export function decodeStream(stream: PdfStream, maxBytes = MAX_DECODED_STREAM_BYTES): Uint8Array {
  const filters = asList(stream.dict.entries.get('Filter')).map((f) => nameOf(f));
  const params = asList(stream.dict.entries.get('DecodeParms'));
  let data = stream.raw;
  filters.forEach((filter, i) => {
    data = applyFilter(filter, data, params[i] ?? null, maxBytes);
  });
  return data;
}

function applyFilter(filter: string | undefined, data: Uint8Array, params: PdfValue, maxBytes: number): Uint8Array {
  switch (filter) {
    case 'FlateDecode':
    case 'Fl':
      return unpredict(inflate(data, maxBytes), params);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHex(data);
    default:
      throw new PdfSyntaxError(`unsupported stream filter ${filter ?? '(not a name)'}`);
  }
}

function inflate(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    // Z_SYNC_FLUSH tolerates streams whose end marker is missing, which several producers write.
    return inflateSync(data, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError) throw new LimitExceededError('size', `a stream inflates to more than ${maxBytes} bytes`);
    throw new PdfSyntaxError(`FlateDecode failed: ${(error as Error).message}`);
  }
}

function asciiHex(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1').replace(/\s+/g, '');
  const end = text.indexOf('>');
  const hex = end >= 0 ? text.slice(0, end) : text;
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfSyntaxError('bad character in ASCIIHexDecode stream');
  return Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex');
}

/** Undoes PNG (10–15) and TIFF (2) predictors, used by xref streams. */
function unpredict(data: Uint8Array, params: PdfValue): Uint8Array {
  const dict = dictOf(params);
  const predictor = numberOf(dict?.entries.get('Predictor')) ?? 1;
  if (predictor <= 1) return data;
  const colors = numberOf(dict?.entries.get('Colors')) ?? 1;
  const bits = numberOf(dict?.entries.get('BitsPerComponent')) ?? 8;
  const columns = numberOf(dict?.entries.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((columns * colors * bits) / 8);
  if (!(rowLength > 0 && rowLength < 1_000_000)) throw new PdfSyntaxError('bad predictor parameters');
  if (predictor === 2) return tiff(data, rowLength, bpp);
  return png(data, rowLength, bpp);
}

function png(data: Uint8Array, rowLength: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let r = 0; r < rows; r += 1) {
    const type = data[r * (rowLength + 1)] ?? 0;
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i += 1) {
      const raw = data[src + i] ?? 0;
      const left = i >= bpp ? (out[dst + i - bpp] ?? 0) : 0;
      const up = r > 0 ? (out[dst - rowLength + i] ?? 0) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowLength + i - bpp] ?? 0) : 0;
      out[dst + i] = (raw + predict(type, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      return 0;
  }
}

function tiff(data: Uint8Array, rowLength: number, bpp: number): Uint8Array {
  const out = Uint8Array.from(data);
  for (let i = 0; i < out.length; i += 1) {
    if (i % rowLength >= bpp) out[i] = ((out[i] ?? 0) + (out[i - bpp] ?? 0)) & 0xff;
  }
  return out;
}

function asList(value: PdfValue | undefined): PdfValue[] {
  if (value === undefined || value === null) return [];
  return isArray(value) ? [...value.items] : [value];
}
