/**
 * JSON parsing with limits checked before `JSON.parse` runs: size, then nesting depth by a linear scan of
 * the bytes. A body of 100,000 `[` is refused at the first bracket past the limit instead of being handed
 * to a parser (and later to recursive validators) that would spend stack and memory on it.
 */

export type BoundedJsonRefusal = 'too-large' | 'too-deep' | 'invalid-json';

/** A body refused by {@link parseBoundedJson}; `status` and `path` are ready for problem+json. */
export class BoundedJsonError extends Error {
  override readonly name = 'BoundedJsonError';
  readonly path = 'body';
  readonly status: 400 | 413;
  constructor(
    readonly reason: BoundedJsonRefusal,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = reason === 'too-large' ? 413 : 400;
  }
}

export interface JsonLimits {
  /** Deepest nesting of arrays and objects allowed; `[]` and `{}` are depth 1. */
  readonly maxDepth: number;
  readonly maxBytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses UTF-8 JSON bytes within limits.
 *
 * @throws {BoundedJsonError} `too-large` (413), `too-deep` or `invalid-json` (400).
 * @example
 * const payload = parseBoundedJson(rawBody, { maxDepth: 32, maxBytes: 1024 * 1024 });
 * const delivery = deliverySchema.parse(payload);
 */
export function parseBoundedJson(raw: Uint8Array, limits: JsonLimits): unknown {
  if (raw.byteLength > limits.maxBytes) {
    throw new BoundedJsonError('too-large', `The JSON body is ${raw.byteLength} bytes; the limit is ${limits.maxBytes} bytes.`);
  }
  const depth = exceedsDepthAt(raw, limits.maxDepth);
  if (depth !== undefined) {
    throw new BoundedJsonError('too-deep', `The JSON body nests arrays/objects deeper than ${limits.maxDepth} levels (at byte ${depth}).`);
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch (cause) {
    throw new BoundedJsonError('invalid-json', 'The body is not valid UTF-8; send JSON encoded as UTF-8.', { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new BoundedJsonError('invalid-json', `The body is not valid JSON: ${why}`, { cause });
  }
}

/** Offset of the first bracket that goes past `maxDepth`, ignoring brackets inside strings. */
function exceedsDepthAt(raw: Uint8Array, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return i;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return undefined;
}
