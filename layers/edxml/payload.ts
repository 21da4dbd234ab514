/**
 * Streams attachment payloads out of a package being parsed: base64 decoded incrementally, SHA-256 and
 * size computed on the fly, bytes handed to a sink you provide (a temp file, an S3 multipart upload...),
 * awaited chunk by chunk so a slow sink slows the parser instead of filling memory.
 */
import { createHash, type Hash } from 'node:crypto';
import { Base64Decoder } from './base64.ts';
import { EdxmlError } from './errors.ts';
import type { PayloadPort, XmlNode } from './tree.ts';

/** What is known about an attachment when its payload starts (the elements before ContentTransferEncoded). */
export interface AttachmentInfo {
  /** Position among the package's attachments, from 0. */
  readonly index: number;
  readonly contentId?: string;
  readonly attachmentName?: string;
  readonly contentType?: string;
}

/** Receives one attachment's decoded bytes. `abort` is called instead of `end` when the parse fails. */
export interface AttachmentSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
  abort?(reason: unknown): void | Promise<void>;
}

/** Opens a sink per attachment; omit it to only measure (size, SHA-256) and drop the bytes. */
export type AttachmentSinkFactory = (info: AttachmentInfo) => AttachmentSink | Promise<AttachmentSink>;

export interface PayloadResult {
  readonly size: number;
  readonly sha256: string;
  /** Starts with a ZIP local-file or end-of-central-directory signature. */
  readonly startsLikeZip: boolean;
}

type Operation = { readonly sink: Promise<AttachmentSink>; readonly chunk?: Uint8Array };

interface Current {
  readonly index: number;
  readonly decoder: Base64Decoder;
  readonly hash: Hash;
  readonly sink: Promise<AttachmentSink> | undefined;
  size: number;
  head: Buffer;
}

export class PayloadRouter implements PayloadPort {
  readonly results = new Map<number, PayloadResult>();
  private current: Current | undefined;
  private readonly queue: Operation[] = [];
  private readonly unfinished = new Set<Promise<AttachmentSink>>();

  constructor(private readonly openSink: AttachmentSinkFactory | undefined) {}

  open(index: number, attachment: XmlNode | undefined): void {
    const info: AttachmentInfo = {
      index,
      contentId: childText(attachment, 'ContentId'),
      attachmentName: childText(attachment, 'AttachmentName'),
      contentType: childText(attachment, 'ContentType'),
    };
    const factory = this.openSink;
    const sink = factory === undefined ? undefined : Promise.resolve().then(() => factory(info));
    if (sink !== undefined) this.unfinished.add(sink);
    this.current = { index, decoder: new Base64Decoder(), hash: createHash('sha256'), sink, size: 0, head: Buffer.alloc(0) };
  }

  write(text: string): void {
    const current = this.current;
    if (current === undefined) return;
    const bytes = current.decoder.push(text);
    if (bytes !== undefined) this.consume(current, bytes);
  }

  close(): void {
    const current = this.current;
    if (current === undefined) return;
    const bytes = current.decoder.end();
    if (bytes !== undefined) this.consume(current, bytes);
    const head = current.head;
    const startsLikeZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
    this.results.set(current.index, { size: current.size, sha256: current.hash.digest('hex'), startsLikeZip });
    if (current.sink !== undefined) this.queue.push({ sink: current.sink });
    this.current = undefined;
  }

  /** Hands queued bytes to the sinks, in order, awaiting each write. */
  async flush(): Promise<void> {
    for (let op = this.queue.shift(); op !== undefined; op = this.queue.shift()) {
      try {
        const sink = await op.sink;
        if (op.chunk === undefined) {
          await sink.end();
          this.unfinished.delete(op.sink);
        } else {
          await sink.write(op.chunk);
        }
      } catch (error) {
        throw new EdxmlError('attachment-sink-failed', error instanceof Error ? error.message : String(error), { cause: error });
      }
    }
  }

  /**
   * Tells every sink that did not end that the parse failed. The parse error is what the caller must see:
   * a sink whose own clean-up fails is the sink's to log, so `allSettled` does not throw it over the parse error.
   */
  async abort(reason: unknown): Promise<void> {
    this.queue.length = 0;
    const pending = [...this.unfinished];
    this.unfinished.clear();
    await Promise.allSettled(pending.map(async (p) => (await p).abort?.(reason)));
  }

  private consume(current: Current, bytes: Buffer): void {
    current.hash.update(bytes);
    current.size += bytes.length;
    if (current.head.length < 4) current.head = Buffer.concat([current.head, bytes.subarray(0, 4 - current.head.length)]);
    if (current.sink !== undefined) this.queue.push({ sink: current.sink, chunk: bytes });
  }
}

/** A factory that keeps every payload in memory, keyed by index: for tests and small packages only. */
export function collectPayloads(): { readonly sinkFactory: AttachmentSinkFactory; readonly payloads: Map<number, Buffer> } {
  const payloads = new Map<number, Buffer>();
  const sinkFactory: AttachmentSinkFactory = ({ index }) => {
    const parts: Uint8Array[] = [];
    return { write: (chunk) => void parts.push(chunk), end: () => void payloads.set(index, Buffer.concat(parts)) };
  };
  return { sinkFactory, payloads };
}

function childText(node: XmlNode | undefined, name: string): string | undefined {
  const text = node?.children.find((c) => c.name === name)?.text.trim();
  return text === '' ? undefined : text;
}
