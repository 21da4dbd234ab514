/**
 * Builds edXML packages. A document package is produced as an async iterable of byte chunks: the header
 * first, then each attachment base64-encoded as its bytes arrive, so a large attachment (a file stream,
 * an S3 object body) passes through with constant memory. A status package is small and built at once.
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { encodeBase64, type PayloadSource } from './base64.ts';
import { EdxmlError, type EdxmlWarning } from './errors.ts';
import { lintEdoc, lintStatus } from './lint.ts';
import { attachmentMetaSchema, edocSchema, statusSchema, type AttachmentMeta, type EdocInput, type StatusInput } from './model.ts';
import { writeMessageHeader, writeStatusHeader, writeTraceHeaderList } from './write-header.ts';
import { ROOT_CLOSE, ROOT_OPEN, XML_DECLARATION, XmlLines } from './xml-writer.ts';

/** An attachment to send: its metadata and where its bytes come from. */
export type AttachmentInput = z.input<typeof attachmentMetaSchema> & { readonly payload: PayloadSource };

/** A document package to build: the header model plus attachments. */
export type EdocBuildInput = EdocInput & { readonly attachments?: readonly AttachmentInput[] };

/** What the builder learnt about one attachment while encoding it. */
export interface AttachmentDigest {
  readonly contentId: string;
  readonly size: number;
  /** SHA-256 of the payload bytes, hex. */
  readonly sha256: string;
}

export interface BuildOptions {
  /**
   * Refuse input that breaks a QCVN 102 expectation (see ./lint.ts), default true: what we send must be
   * clean. `false` re-emits packages as they came, e.g. to forward a messy received package.
   */
  readonly strict?: boolean;
  /** Called once per attachment, after its last byte was encoded. */
  readonly onAttachment?: (digest: AttachmentDigest) => void;
}

/**
 * Builds a document package as a stream of UTF-8 chunks. Input is validated before the first chunk.
 *
 * @example
 * const chunks = buildEdoc({ from, to: [recipient], documentId, code, ..., attachments: [{ contentId: 'cid:1',
 *   attachmentName: 'qd.pdf', contentType: 'application/pdf', payload: createReadStream('qd.pdf') }] });
 * await pipeline(Readable.from(chunks), createWriteStream('out.edxml'));
 */
export function buildEdoc(input: EdocBuildInput, options: BuildOptions = {}): AsyncIterable<Uint8Array> {
  const edoc = parseModel(edocSchema, input, 'document package');
  const attachments = (input.attachments ?? []).map((a, i) => ({
    meta: parseModel(attachmentMetaSchema, a, `attachments[${i}]`),
    payload: checkedPayload(a.payload, i),
  }));
  if (options.strict ?? true)
    refuseWarnings(
      lintEdoc(
        edoc,
        attachments.map((a) => a.meta),
        'build',
      ),
    );
  const header = new XmlLines(3);
  writeMessageHeader(header, edoc);
  writeTraceHeaderList(header, edoc.traceHeaderList);
  return chunks(header.toString(), attachments, options.onAttachment);
}

/**
 * Builds a status package (gói tin trạng thái) in the form the SDK and real traffic use: every field in
 * `edXMLHeader/MessageHeader`, no `edXMLBody`.
 *
 * @example
 * buildStatus({ responseFor: { organId, code: '15/QĐ-UBND', promulgationDate: '2026-01-05', documentId },
 *   from: { organId: '000.00.00.H26' }, statusCode: '03', timestamp: '2026-01-06T08:00:00+07:00' })
 */
export function buildStatus(input: StatusInput, options: Pick<BuildOptions, 'strict'> = {}): string {
  const status = parseModel(statusSchema, input, 'status package');
  if (options.strict ?? true) refuseWarnings(lintStatus(status, 'build'));
  const x = new XmlLines(3);
  writeStatusHeader(x, status);
  return `${XML_DECLARATION}${ROOT_OPEN}  <edXML:edXMLEnvelope>\n    <edXML:edXMLHeader>\n${x.toString()}    </edXML:edXMLHeader>\n  </edXML:edXMLEnvelope>\n${ROOT_CLOSE}`;
}

/** Builds a document package into one Buffer, for small packages and tests. */
export async function buildEdocToBuffer(input: EdocBuildInput, options: BuildOptions = {}): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of buildEdoc(input, options)) parts.push(chunk);
  return Buffer.concat(parts);
}

type Prepared = { readonly meta: AttachmentMeta; readonly payload: PayloadSource };

async function* chunks(header: string, attachments: readonly Prepared[], onAttachment: BuildOptions['onAttachment']): AsyncGenerator<Uint8Array> {
  const manifest = new XmlLines(3);
  if (attachments.length > 0) {
    manifest.open('edXMLManifest', ' version="1.0"');
    for (const { meta } of attachments) {
      manifest.open('Reference').leaf('ContentId', meta.contentId).leaf('ContentType', meta.contentType);
      manifest.leaf('Description', meta.description).leaf('AttachmentName', meta.attachmentName).close('Reference');
    }
    manifest.close('edXMLManifest');
  }
  yield utf8(`${XML_DECLARATION}${ROOT_OPEN}  <edXML:edXMLEnvelope>\n    <edXML:edXMLHeader>\n${header}    </edXML:edXMLHeader>\n`);
  yield utf8(`    <edXML:edXMLBody>\n${manifest.toString()}    </edXML:edXMLBody>\n  </edXML:edXMLEnvelope>\n`);
  if (attachments.length > 0) yield utf8('  <edXML:AttachmentEncoded>\n');
  for (const { meta, payload } of attachments) {
    const head = new XmlLines(2).open('Attachment').leaf('ContentId', meta.contentId).leaf('AttachmentName', meta.attachmentName);
    head.leaf('Description', meta.description).leaf('ContentType', meta.contentType);
    yield utf8(`${head.toString()}      <edXML:ContentTransferEncoded>`);
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of encodeBase64(payload, (bytes) => {
      hash.update(bytes);
      size += bytes.length;
    })) {
      yield Buffer.from(piece, 'latin1');
    }
    yield utf8('</edXML:ContentTransferEncoded>\n    </edXML:Attachment>\n');
    onAttachment?.({ contentId: meta.contentId, size, sha256: hash.digest('hex') });
  }
  if (attachments.length > 0) yield utf8('  </edXML:AttachmentEncoded>\n');
  yield utf8(ROOT_CLOSE);
}

/**
 * Validates `input` against one of the model schemas, as the builder does; a mismatch is an
 * `invalid-model` {@link EdxmlError} listing every issue. For callers holding untyped JSON (the CLI).
 *
 * @example
 * const status = parseModel(statusSchema, JSON.parse(text), 'status package');
 */
export function parseModel<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ code: 'schema', path: i.path.map(String).join('.'), message: i.message }));
  throw new EdxmlError('invalid-model', `${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}

function checkedPayload(payload: unknown, index: number): PayloadSource {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === 'object' && payload !== null && (Symbol.asyncIterator in payload || Symbol.iterator in payload)) return payload as PayloadSource;
  throw new EdxmlError('invalid-model', `attachments[${index}].payload must be a Uint8Array or an (async) iterable of Uint8Array`);
}

function refuseWarnings(warnings: readonly EdxmlWarning[]): void {
  if (warnings.length === 0) return;
  const list = warnings.map((w) => `${w.path}: ${w.message}`).join('; ');
  throw new EdxmlError('invalid-model', `breaks QCVN 102 (build with strict: false to send anyway): ${list}`, { issues: warnings });
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
