/**
 * Reads the answer of `getEdoc` — `{"status":"OK","ErrorCode":…,"ErrorDesc":…,"data":"<base64>"}` — as it
 * arrives, and yields the package's bytes decoded from `data` chunk by chunk: a 100 MB package (134 MiB of
 * base64) never sits in memory as text, as one JSON value or as bytes.
 *
 * The answer is read as one top-level JSON object in any member order. `data`'s string goes through an
 * incremental, strict base64 decoder (json-base64.ts); the other members are small and collected (64 KiB at
 * most) and parsed with JSON.parse; `status` decides at the end, or as soon as `data` starts if it came first.
 */
import { isVdxpSuccess, vdxpEnvelopeSchema } from '#domain/axis/answers';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import { JsonBase64Decoder } from './json-base64.ts';

export interface EdocAnswerContext {
  /** The operation named in errors (`getEdoc`). */
  readonly operation: string;
  readonly httpStatus?: number;
}

/** Everything but `data`'s value together, names included: an envelope and perhaps a few small fields. */
const MAX_MEMBER_BYTES = 64 * 1024;
const MAX_KEY_BYTES = 256;

/**
 * Yields the bytes of `data` as they are decoded. The iteration ends normally only when the whole answer
 * was read and says OK with a well-formed `data`; otherwise it throws (after the bytes already yielded, when
 * the refusal or the fault comes after them):
 * @throws AxisRejectedError the answer's `status` is not OK (its `ErrorCode`/`ErrorDesc`), before any byte
 *   when `status` comes before `data`
 * @throws AxisUnavailableError `malformed-answer`: not one JSON object, no string `data`, not base64, truncated
 *
 * @example
 * const answer = await transport.open({ operation: 'getEdoc', method: 'POST', headers });
 * await content.storeStream(key, readEdocAnswer(answer.body, { operation: 'getEdoc', httpStatus: answer.httpStatus }), 'application/xml');
 */
export async function* readEdocAnswer(chunks: AsyncIterable<Uint8Array>, context: EdocAnswerContext): AsyncGenerator<Uint8Array> {
  const reader = new EdocAnswerReader(context);
  for await (const chunk of chunks) {
    const bytes = reader.push(chunk);
    if (bytes !== undefined) yield bytes;
  }
  reader.end();
}

/** Where the reader is in the answer. */
const At = { Start: 0, FirstKeyOrEnd: 1, Key: 2, Colon: 3, Value: 4, Member: 5, CommaOrEnd: 6, NextKey: 7, Data: 8, Done: 9 } as const;
type At = (typeof At)[keyof typeof At];

const BOM = [0xef, 0xbb, 0xbf];

function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

class EdocAnswerReader {
  private at: At = At.Start;
  /** How many bytes of a UTF-8 byte order mark opened the answer. */
  private bom = 0;
  /** Members other than a string `data`, as JSON.parse gives them (no prototype: a `__proto__` member is data). */
  private readonly members: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private memberBytes = 0;
  private key: number[] = [];
  private value: number[] = [];
  private inString = false;
  private escapedInValue = false;
  private depth = 0;
  private scalar = false;
  private sawData = false;

  private readonly data = new JsonBase64Decoder((detail) => this.malformed(`has data that is not base64: ${detail}`));

  constructor(private readonly context: EdocAnswerContext) {}

  /** Reads one chunk; returns the bytes of `data` it completed, if any. */
  push(chunk: Uint8Array): Uint8Array | undefined {
    let out: Uint8Array | undefined;
    let i = 0;
    while (i < chunk.length) {
      if (this.at === At.Data) {
        const decoded = this.data.push(chunk, i);
        i = decoded.next;
        if (decoded.bytes !== undefined) out = decoded.bytes;
        if (decoded.closed) this.at = At.CommaOrEnd;
        continue;
      }
      // `structure` returns false when it ended a member on this byte without taking it.
      if (this.structure(chunk[i] ?? 0)) {
        i += 1;
      }
    }
    return out;
  }

  /** The answer ended: decides whether it was complete and OK. */
  end(): void {
    if (this.at !== At.Done) throw this.malformed(this.at === At.Start ? 'is empty' : 'ended before the JSON object was complete');
    const envelope = vdxpEnvelopeSchema.safeParse(this.members);
    if (!envelope.success) throw this.malformed('is not a VDXP answer (no status)');
    if (!isVdxpSuccess(envelope.data)) throw this.rejected(envelope.data);
    if (!this.sawData) throw this.malformed('data' in this.members ? 'has a data member that is not a string' : 'answered OK without data');
  }

  /** One byte outside `data`. */
  private structure(b: number): boolean {
    switch (this.at) {
      case At.Start:
        if (b === BOM[this.bom]) {
          this.bom += 1;
          return true;
        }
        if (isJsonSpace(b) && (this.bom === 0 || this.bom === BOM.length)) return true;
        if (b !== 0x7b || (this.bom > 0 && this.bom < BOM.length)) throw this.malformed('is not a JSON object');
        this.at = At.FirstKeyOrEnd;
        return true;
      case At.FirstKeyOrEnd:
      case At.NextKey:
        if (isJsonSpace(b)) return true;
        if (b === 0x7d && this.at === At.FirstKeyOrEnd) {
          this.at = At.Done;
          return true;
        }
        if (b !== 0x22) throw this.malformed('has a member without a quoted name');
        this.key = [];
        this.escapedInValue = false;
        this.at = At.Key;
        return true;
      case At.Key:
        if (this.escapedInValue) this.escapedInValue = false;
        else if (b === 0x5c) this.escapedInValue = true;
        else if (b === 0x22) {
          this.at = At.Colon;
          return true;
        }
        this.key.push(b);
        this.countMemberByte();
        if (this.key.length > MAX_KEY_BYTES) throw this.malformed(`has a member name longer than ${MAX_KEY_BYTES} bytes`);
        return true;
      case At.Colon:
        if (isJsonSpace(b)) return true;
        if (b !== 0x3a) throw this.malformed('has a member name without a colon');
        this.at = At.Value;
        return true;
      case At.Value:
        if (isJsonSpace(b)) return true;
        this.startValue(b);
        return true;
      case At.Member:
        return this.memberByte(b);
      case At.CommaOrEnd:
        if (isJsonSpace(b)) return true;
        if (b === 0x2c) this.at = At.NextKey;
        else if (b === 0x7d) this.at = At.Done;
        else throw this.malformed('has members not separated by commas');
        return true;
      case At.Done:
        if (isJsonSpace(b)) return true;
        throw this.malformed('goes on after its JSON object');
      case At.Data:
        throw new Error('unreachable: the JsonBase64Decoder reads data');
    }
  }

  private startValue(b: number): void {
    const name = this.keyName();
    if (name === 'data' && b === 0x22) {
      if (this.sawData || 'data' in this.members) throw this.malformed('has two data members');
      // A refusal that came first is final: no byte of its data (if any) is handed on.
      if ('status' in this.members) {
        const envelope = vdxpEnvelopeSchema.safeParse(this.members);
        if (envelope.success && !isVdxpSuccess(envelope.data)) throw this.rejected(envelope.data);
      }
      this.sawData = true;
      this.at = At.Data;
      return;
    }
    this.value = [b];
    this.countMemberByte();
    this.inString = b === 0x22;
    this.escapedInValue = false;
    this.scalar = b !== 0x22 && b !== 0x7b && b !== 0x5b;
    this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
    this.at = At.Member;
  }

  /** One byte of a member other than `data`; false when the byte ends a number or literal and is not its own. */
  private memberByte(b: number): boolean {
    if (this.scalar) {
      if (b === 0x2c || b === 0x7d || isJsonSpace(b)) {
        this.endMember();
        return false;
      }
      this.value.push(b);
      this.countMemberByte();
      return true;
    }
    this.value.push(b);
    this.countMemberByte();
    if (this.inString) {
      if (this.escapedInValue) this.escapedInValue = false;
      else if (b === 0x5c) this.escapedInValue = true;
      else if (b === 0x22) {
        this.inString = false;
        if (this.depth === 0) this.endMember();
      }
      return true;
    }
    if (b === 0x22) this.inString = true;
    else if (b === 0x7b || b === 0x5b) this.depth += 1;
    else if (b === 0x7d || b === 0x5d) {
      this.depth -= 1;
      if (this.depth === 0) this.endMember();
    }
    return true;
  }

  private endMember(): void {
    const name = this.keyName();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(this.value).toString('utf8'));
    } catch {
      throw this.malformed(`has a member "${name.slice(0, 40)}" that is not JSON`);
    }
    // A second data member, string or not, would make the package ambiguous.
    if (name === 'data' && (this.sawData || 'data' in this.members)) throw this.malformed('has two data members');
    this.members[name] = parsed;
    this.value = [];
    this.at = At.CommaOrEnd;
  }

  private countMemberByte(): void {
    this.memberBytes += 1;
    if (this.memberBytes > MAX_MEMBER_BYTES) throw this.malformed(`has more than ${MAX_MEMBER_BYTES} bytes besides data`);
  }

  private keyName(): string {
    try {
      const name: unknown = JSON.parse(`"${Buffer.from(this.key).toString('utf8')}"`);
      return String(name);
    } catch {
      throw this.malformed('has a member name that is not a JSON string');
    }
  }

  private rejected(envelope: { status: string; ErrorCode?: string | undefined; ErrorDesc?: string | undefined }): AxisRejectedError {
    return new AxisRejectedError(envelope.ErrorCode ?? envelope.status, envelope.ErrorDesc ?? '', this.errorOptions());
  }

  private malformed(detail: string): AxisUnavailableError {
    return new AxisUnavailableError('malformed-answer', `${this.context.operation}'s answer ${detail}`, this.errorOptions());
  }

  private errorOptions(): { operation: string; httpStatus?: number } {
    return { operation: this.context.operation, ...(this.context.httpStatus === undefined ? {} : { httpStatus: this.context.httpStatus }) };
  }
}
