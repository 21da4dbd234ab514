/**
 * Feeds text to saxes, except attachment payloads. saxes accumulates a text node until the next `<`, so a
 * 50 MB base64 payload would become one 50 MB string; instead, right after saxes has opened a
 * ContentTransferEncoded element, the text up to the next markup goes straight to the payload decoder and
 * saxes sees an empty element. saxes stays the authority on structure: the splitter only cuts the input
 * at the `>` after the element name and asks the collector whether that really opened a payload (it did
 * not if the name was in a comment, a text or an attribute), so a trick cannot bypass well-formedness.
 *
 * Everything else fed to saxes is bounded: no run of more than `maxFieldChars` (plus markup slack)
 * without a `<`, which caps what saxes can accumulate for a text, an attribute or a tag.
 */
import type { SaxesParser } from 'saxes';
import { EdxmlError } from './errors.ts';
import type { PayloadRouter } from './payload.ts';
import { PAYLOAD_ELEMENT, type TreeCollector } from './tree.ts';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
/** Character references some serializers write for the line breaks of MIME base64. */
const WHITESPACE_REFERENCE = /^&#(?:1[03]|9|32|x[DdAa9]|x20);$/;
const MARKUP_SLACK = 4096;

type Mode = 'markup' | 'payload' | 'cdata';

export class Splitter {
  private mode: Mode = 'markup';
  private carry = '';
  private sinceLt = 0;
  private readonly maxRun: number;

  constructor(
    private readonly parser: SaxesParser<{ xmlns: true }>,
    private readonly collector: TreeCollector,
    private readonly payload: PayloadRouter,
    maxFieldChars: number,
  ) {
    this.maxRun = maxFieldChars + MARKUP_SLACK;
  }

  async push(text: string): Promise<void> {
    const buf = this.carry + text;
    this.carry = '';
    let pos = 0;
    while (pos < buf.length) {
      const next = this.mode === 'markup' ? this.markup(buf, pos) : this.mode === 'payload' ? this.inPayload(buf, pos) : this.inCdata(buf, pos);
      await this.payload.flush();
      if (next === undefined) return;
      pos = next;
    }
  }

  async end(): Promise<void> {
    // A carry left inside a payload is an unfinished reference or CDATA end: saxes reports the truncation.
    if (this.carry !== '' && this.mode === 'markup') this.feed(this.carry);
    this.carry = '';
    try {
      this.parser.close();
    } catch (error) {
      throw asEdxmlError(error);
    }
    await this.payload.flush();
  }

  /** Returns where to continue, or undefined when the rest was kept in `carry` for the next chunk. */
  private markup(buf: string, pos: number): number | undefined {
    const hit = buf.indexOf(PAYLOAD_ELEMENT, pos);
    if (hit < 0) {
      const keep = Math.min(buf.length - pos, PAYLOAD_ELEMENT.length - 1);
      this.feed(buf.slice(pos, buf.length - keep));
      this.carry = buf.slice(buf.length - keep);
      return undefined;
    }
    const gt = buf.indexOf('>', hit);
    if (gt < 0) {
      this.feed(buf.slice(pos, hit));
      if (buf.length - hit > this.maxRun) this.feed(buf.slice(hit));
      else this.carry = buf.slice(hit);
      return undefined;
    }
    this.feed(buf.slice(pos, gt + 1));
    if (this.collector.takeOpenedPayload()) this.mode = 'payload';
    return gt + 1;
  }

  private inPayload(buf: string, pos: number): number | undefined {
    const stop = firstOf(buf, pos);
    if (stop < 0) {
      this.payload.write(buf.slice(pos));
      return buf.length;
    }
    if (stop > pos) this.payload.write(buf.slice(pos, stop));
    if (buf[stop] === '&') {
      const semi = buf.indexOf(';', stop);
      if (semi < 0 && buf.length - stop < 12) return this.keep(buf, stop);
      if (semi >= 0 && semi - stop < 12 && WHITESPACE_REFERENCE.test(buf.slice(stop, semi + 1))) return semi + 1;
      this.mode = 'markup'; // any other reference: saxes resolves it and its text still reaches the payload
      return stop;
    }
    if (buf.startsWith(CDATA_OPEN, stop)) {
      this.mode = 'cdata';
      return stop + CDATA_OPEN.length;
    }
    if (buf.length - stop < CDATA_OPEN.length && CDATA_OPEN.startsWith(buf.slice(stop))) return this.keep(buf, stop);
    this.mode = 'markup';
    this.sinceLt = 0;
    return stop;
  }

  private inCdata(buf: string, pos: number): number | undefined {
    const end = buf.indexOf(CDATA_CLOSE, pos);
    if (end < 0) {
      const keep = Math.min(buf.length - pos, CDATA_CLOSE.length - 1);
      this.payload.write(buf.slice(pos, buf.length - keep));
      return this.keep(buf, buf.length - keep);
    }
    this.payload.write(buf.slice(pos, end));
    this.mode = 'payload';
    return end + CDATA_CLOSE.length;
  }

  private keep(buf: string, from: number): undefined {
    this.carry = buf.slice(from);
    return undefined;
  }

  /** Writes to saxes after checking that no run between two `<` exceeds the bound. */
  private feed(text: string): void {
    if (text === '') return;
    let lt = text.indexOf('<');
    if (lt < 0) {
      this.sinceLt += text.length;
    } else {
      this.sinceLt += lt;
      this.check();
      for (let next = text.indexOf('<', lt + 1); next >= 0; lt = next, next = text.indexOf('<', lt + 1)) {
        this.sinceLt = next - lt - 1;
        this.check();
      }
      this.sinceLt = text.length - lt - 1;
    }
    this.check();
    try {
      this.parser.write(text);
    } catch (error) {
      throw asEdxmlError(error);
    }
  }

  private check(): void {
    if (this.sinceLt > this.maxRun) {
      throw new EdxmlError('field-too-long', `more than ${this.maxRun} characters of text or markup without a "<" outside an attachment payload`);
    }
  }
}

function firstOf(buf: string, pos: number): number {
  const lt = buf.indexOf('<', pos);
  const amp = buf.indexOf('&', pos);
  if (lt < 0) return amp;
  if (amp < 0) return lt;
  return Math.min(lt, amp);
}

/** Our own refusals (thrown from the collector's handlers) pass; saxes' well-formedness errors are classified. */
function asEdxmlError(error: unknown): EdxmlError {
  if (error instanceof EdxmlError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // saxes reports an input that stops early as unclosed tags (or no root at all) when it is closed.
  const reason = /unclosed tag|must contain a root element/.test(message) ? 'truncated' : 'malformed';
  return new EdxmlError(reason, message, { cause: error });
}
