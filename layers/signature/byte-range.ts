import { createHash } from 'node:crypto';
import { latin1 } from './pdf/lexer.ts';
import { numbersOf, type PdfDict, type PdfString } from './pdf/objects.ts';

/** The two signed ranges of a PDF signature: [0, holeStart) and [holeEnd, end). */
export interface ByteRange {
  readonly holeStart: number;
  readonly holeEnd: number;
  /** End of the signed bytes: the end of the revision the signature signed. */
  readonly end: number;
  readonly declared: readonly number[];
}

export interface ByteRangeCheck {
  /** The ranges when /ByteRange has the right shape, even if another check failed. */
  readonly range: ByteRange | undefined;
  /** Every sanity problem found; empty when the ByteRange is acceptable. */
  readonly problems: readonly string[];
}

/**
 * Checks a signature's /ByteRange against the file (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): exactly
 * two ranges, the first starting at 0, one hole that is exactly the /Contents hex string of *this*
 * dictionary (brackets included, or — tolerated — just inside them), both ranges inside the file, the
 * signed bytes ending at a `%%EOF` (the end of a revision) and the signature dictionary inside them.
 * Signature wrapping and "moved dictionary" attacks break one of these.
 *
 * @example
 * const { range, problems } = checkByteRange(bytes, signature.dict, signature.contents);
 */
export function checkByteRange(bytes: Uint8Array, dict: PdfDict, contents: PdfString | undefined): ByteRangeCheck {
  const declared = numbersOf(dict.entries.get('ByteRange'));
  if (declared === undefined) return { range: undefined, problems: ['/ByteRange is missing or not an array of numbers'] };
  if (declared.length !== 4) return { range: undefined, problems: [`/ByteRange has ${declared.length} numbers instead of 4`] };
  if (!declared.every((n) => Number.isSafeInteger(n) && n >= 0)) return { range: undefined, problems: ['/ByteRange holds negative, fractional or huge numbers'] };
  const [start, firstLength, holeEnd, lastLength] = declared as [number, number, number, number];
  const range: ByteRange = { holeStart: start + firstLength, holeEnd, end: holeEnd + lastLength, declared };
  const problems: string[] = [];
  if (start !== 0) problems.push('/ByteRange does not start at byte 0');
  if (range.holeEnd <= range.holeStart) problems.push('/ByteRange ranges overlap or leave no hole for the signature');
  if (range.end > bytes.length) problems.push(`/ByteRange runs to byte ${range.end}, past the end of the ${bytes.length}-byte file`);
  problems.push(...holeProblems(range, dict, contents));
  if (range.end <= bytes.length && !endsAtRevision(bytes, range.end)) problems.push('the signed bytes do not end at the end of a revision (%%EOF)');
  return { range, problems };
}

function holeProblems(range: ByteRange, dict: PdfDict, contents: PdfString | undefined): string[] {
  if (contents === undefined || !contents.hex) return ['/Contents is not a direct hex string'];
  if (contents.start < 0 || dict.start < 0) return ['the signature dictionary is inside an object stream, where no ByteRange can exclude it'];
  const exact = contents.start === range.holeStart && contents.end === range.holeEnd;
  const inner = contents.start + 1 === range.holeStart && contents.end - 1 === range.holeEnd;
  const problems: string[] = [];
  if (!exact && !inner)
    problems.push(
      `the /ByteRange hole [${range.holeStart}, ${range.holeEnd}) is not this signature's /Contents [${contents.start}, ${contents.end}): the dictionary was moved, replaced or the ranges rewritten`,
    );
  if (dict.end > range.end) problems.push('the signature dictionary lies outside the signed bytes');
  return problems;
}

/** True when [0, end) finishes with `%%EOF` and at most one end-of-line. */
export function endsAtRevision(bytes: Uint8Array, end: number): boolean {
  let last = end;
  if (bytes[last - 1] === 0x0a) last -= 1;
  if (bytes[last - 1] === 0x0d) last -= 1;
  return last >= 5 && latin1(bytes, last - 5, last) === '%%EOF';
}

/** Digest of the signed bytes with a Node hash name (`sha256`, …). */
export function digestRange(bytes: Uint8Array, range: ByteRange, hash: string): Uint8Array {
  return createHash(hash).update(bytes.subarray(0, range.holeStart)).update(bytes.subarray(range.holeEnd, range.end)).digest();
}

/** The signed bytes as one buffer, for a signature whose CMS must see the content itself. */
export function signedBytes(bytes: Uint8Array, range: ByteRange): Uint8Array {
  return Buffer.concat([bytes.subarray(0, range.holeStart), bytes.subarray(range.holeEnd, range.end)]);
}
