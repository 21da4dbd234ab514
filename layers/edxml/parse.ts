/**
 * Parses an edXML package, streaming: the header becomes the JSON model, each attachment payload is
 * decoded on the fly and handed to your sink, so a 100 MB package is never held as several copies.
 * Lenient where real packages are messy (warnings), strict where a package cannot be processed or is
 * hostile ({@link EdxmlError}). DTDs and entities are never resolved: any DOCTYPE is refused.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { SaxesParser } from 'saxes';
import { EdxmlError } from './errors.ts';
import { EDXML_NAMESPACE, type ParsedPackage } from './model.ts';
import { PayloadRouter, type AttachmentSinkFactory } from './payload.ts';
import { readPackage } from './read-package.ts';
import { Splitter } from './splitter.ts';
import { DEFAULT_LIMITS, TreeCollector, UNBOUND_PREFIX_NAMESPACE, type EdxmlLimits } from './tree.ts';
import { WarningList } from './warnings.ts';

/** A whole package, or its chunks as they arrive (a Node Readable, an S3 body, a fetch body...). */
export type EdxmlInput = string | Uint8Array | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface ParseOptions {
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<EdxmlLimits>;
  /** Where attachment bytes go; without it they are only measured (size, SHA-256) and dropped. */
  readonly onAttachment?: AttachmentSinkFactory;
}

/** Larger input chunks are cut to this size so no single string the splitter handles gets big. */
const SLICE = 1024 * 1024;

/**
 * Parses a document package or a status package.
 *
 * @example
 * const pkg = await parseEdxml(createReadStream('in.edxml'), {
 *   onAttachment: ({ index }) => fileSink(`/tmp/${index}.bin`),
 * });
 * if (pkg.kind === 'edoc') console.log(pkg.documentId, pkg.attachments.map((a) => a.sha256), pkg.warnings);
 */
export async function parseEdxml(input: EdxmlInput, options: ParseOptions = {}): Promise<ParsedPackage> {
  const limits: EdxmlLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const warnings = new WarningList();
  const payload = new PayloadRouter(options.onAttachment);
  const collector = new TreeCollector(limits, warnings, payload);
  const parser = new SaxesParser({ xmlns: true, resolvePrefix: (prefix: string) => undeclaredPrefix(prefix, warnings) });
  collector.attach(parser);
  const splitter = new Splitter(parser, collector, payload, limits.maxFieldChars);
  try {
    for await (const text of decodeUtf8(input, limits.maxBytes)) await splitter.push(text);
    await splitter.end();
  } catch (error) {
    // EdxmlError for the package's faults; anything else (the input stream failing) goes up unchanged.
    await payload.abort(error);
    throw error;
  }
  if (collector.root === undefined) throw new EdxmlError('truncated', 'no root element');
  return readPackage(collector.root, payload.results, warnings);
}

/**
 * A prefix nobody declared. Real packages use `edXML:` outside the element that declares it (the SDK's own
 * sample, on AttachmentEncoded): read as QCVN 102's, with a warning. Any other prefix gets a namespace of
 * its own that the tree collector ignores on attributes and refuses on elements.
 */
function undeclaredPrefix(prefix: string, warnings: WarningList): string | undefined {
  if (prefix === '') return undefined;
  if (prefix === 'edXML') {
    warnings.once('undeclared-prefix', '', 'the edXML: prefix is used where it is not declared; read as the QCVN 102 namespace');
    return EDXML_NAMESPACE;
  }
  return `${UNBOUND_PREFIX_NAMESPACE}${prefix}`;
}

/**
 * UTF-8 text pieces of at most {@link SLICE} characters; counts bytes against `maxBytes`. A chunk is cut
 * after its last complete character; pure ASCII (all of a base64 payload) is turned into text with
 * `latin1`, several times faster than a UTF-8 decoder, and anything else must pass `isUtf8` first.
 */
async function* decodeUtf8(input: EdxmlInput, maxBytes: number): AsyncGenerator<string> {
  let bytes = 0;
  let first = true;
  let pending: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunksOf(input)) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new EdxmlError('too-large', `the package exceeds ${maxBytes} bytes`);
    if (typeof chunk === 'string') {
      yield first ? chunk.replace(/^\uFEFF/, '') : chunk;
    } else {
      if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw new EdxmlError('unsupported-encoding', 'the package is UTF-16; only UTF-8 is accepted');
      }
      const joined = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const cut = completeUpTo(joined);
      pending = joined.slice(cut);
      const text = utf8(joined.subarray(0, cut));
      yield first ? text.replace(/^\uFEFF/, '') : text;
    }
    first = false;
  }
  if (pending.length > 0) throw new EdxmlError('truncated', 'the package ends inside a UTF-8 character');
}

/** The length of the longest prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
function completeUpTo(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function utf8(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (!isUtf8(buffer)) throw new EdxmlError('unsupported-encoding', 'the package is not valid UTF-8');
  return buffer.toString('utf8');
}

async function* chunksOf(input: EdxmlInput): AsyncGenerator<string | Uint8Array> {
  const source = typeof input === 'string' || input instanceof Uint8Array ? [input] : input;
  for await (const chunk of source) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw new EdxmlError('malformed', 'an input chunk is neither text nor bytes');
    if (chunk.length <= SLICE) yield chunk;
    else for (let at = 0; at < chunk.length; at += SLICE) yield typeof chunk === 'string' ? chunk.slice(at, at + SLICE) : chunk.subarray(at, at + SLICE);
  }
}
