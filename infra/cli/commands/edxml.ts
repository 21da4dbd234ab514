/**
 * `vanthu edxml parse <file>`: the package as JSON (attachments as metadata, size and SHA-256, never the
 * payload). `vanthu edxml build <json> [--out <file>] [--lenient]`: the inverse; attachments in the JSON
 * carry their bytes as `path` (relative to the JSON file) or `base64`. Exit 1 when the package or the
 * JSON is rejected (the reason on stderr and as JSON on stdout), 2 on unusable arguments or unreadable files.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Command, CommandIo } from '../main.ts';
import { attachmentMetaSchema, buildEdoc, buildStatus, edocSchema, EdxmlError, lintEdoc, lintStatus, parseEdxml, parseModel, statusSchema } from '#edxml/index';
import type { AttachmentDigest, AttachmentInput } from '#edxml/index';

const usage = [
  'usage: vanthu edxml parse <file>',
  '       vanthu edxml build <json> [--out <file>] [--lenient]',
  '  build JSON: the parse output (kind "edoc" or "status"); each attachment adds "path" or "base64".',
  '  --lenient sends what breaks a QCVN 102 rule (warnings on stderr) instead of refusing it.',
].join('\n');

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.stdout(usage);
    return 0;
  }
  if (sub === 'parse' && rest.length === 1 && rest[0] !== undefined && !rest[0].startsWith('--')) return parse(rest[0], io);
  if (sub === 'build') {
    const options = buildArguments(rest);
    if (options !== undefined) return build(options, io);
  }
  io.stderr(usage);
  return 2;
};

async function parse(file: string, io: CommandIo): Promise<number> {
  if (!(await isReadableFile(file))) {
    io.stderr(`cannot read ${file}`);
    return 2;
  }
  try {
    const pkg = await parseEdxml(createReadStream(file));
    io.stdout(JSON.stringify(pkg, null, 2));
    if (pkg.warnings.length > 0) io.stderr(`${pkg.warnings.length} warning(s): ${pkg.warnings.map((w) => w.code).join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && !(error instanceof EdxmlError)) {
      io.stderr(`cannot read ${file}: ${error.message}`);
      return 2;
    }
    return rejected(error, io);
  }
}

interface BuildArguments {
  readonly json: string;
  readonly out: string | undefined;
  readonly lenient: boolean;
}

function buildArguments(args: readonly string[]): BuildArguments | undefined {
  let json: string | undefined;
  let out: string | undefined;
  let lenient = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--lenient') lenient = true;
    else if (arg === '--out' && args[i + 1] !== undefined) out = args[++i];
    else if (arg !== undefined && !arg.startsWith('--') && json === undefined) json = arg;
    else return undefined;
  }
  return json === undefined ? undefined : { json, out, lenient };
}

const cliAttachmentSchema = attachmentMetaSchema
  .extend({
    path: z.string().min(1).optional(),
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, 'is not base64')
      .optional(),
  })
  .refine((a) => (a.path === undefined) !== (a.base64 === undefined), 'give exactly one of "path" (a file) or "base64" (the bytes)');

const cliInputSchema = z.union([
  z.looseObject({ kind: z.literal('status') }),
  z.looseObject({ kind: z.literal('edoc').optional(), attachments: z.array(cliAttachmentSchema).default([]) }),
]);

async function build(options: BuildArguments, io: CommandIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(options.json, 'utf8');
  } catch (error) {
    io.stderr(`cannot read ${options.json}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const input = parseModel(cliInputSchema, parseJson(text), 'build JSON');
    const strict = !options.lenient;
    if (input.kind === 'status') {
      const status = parseModel(statusSchema, input, 'status package');
      if (!strict) reportWarnings(lintStatus(status), io);
      return await emit(options.out, [Buffer.from(buildStatus(status, { strict }))], [], io);
    }
    const edoc = parseModel(edocSchema, input, 'document package');
    const attachments: AttachmentInput[] = [];
    for (const a of input.attachments) {
      const file = a.path === undefined ? undefined : path.resolve(path.dirname(options.json), a.path);
      if (file !== undefined && !(await isReadableFile(file))) {
        io.stderr(`cannot read attachment ${file}`);
        return 2;
      }
      const { path: _path, base64, ...meta } = a;
      attachments.push({ ...meta, payload: file === undefined ? Buffer.from(base64 ?? '', 'base64') : createReadStream(file) });
    }
    if (!strict) reportWarnings(lintEdoc(edoc, attachments), io);
    const digests: AttachmentDigest[] = [];
    const chunks = buildEdoc({ ...edoc, attachments }, { strict, onAttachment: (d) => void digests.push(d) });
    return await emit(options.out, chunks, digests, io);
  } catch (error) {
    return rejected(error, io);
  }
}

/** Writes the package to `--out` (streaming, with a summary on stdout) or to stdout. */
async function emit(out: string | undefined, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, digests: readonly AttachmentDigest[], io: CommandIo): Promise<number> {
  if (out === undefined) {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    io.stdout(Buffer.concat(parts).toString('utf8'));
    return 0;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  await pipeline(Readable.from(counted()), createWriteStream(out));
  // The whole-package SHA-256 is what the axis wants in its hash-file header.
  io.stdout(JSON.stringify({ out, bytes, sha256: hash.digest('hex'), attachments: digests }, null, 2));
  return 0;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EdxmlError('invalid-model', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function reportWarnings(warnings: readonly { code: string; path: string; message: string }[], io: CommandIo): void {
  for (const w of warnings) io.stderr(`warning ${w.code} at ${w.path}: ${w.message}`);
}

function rejected(error: unknown, io: CommandIo): number {
  if (!(error instanceof EdxmlError)) throw error;
  io.stdout(JSON.stringify({ valid: false, reason: error.reason, message: error.message, issues: error.issues }, null, 2));
  io.stderr(`rejected: ${error.message}`);
  return 1;
}

/** Whether `file` is a regular file we may read; any failure to tell means "no" (exit 2 follows). */
async function isReadableFile(file: string): Promise<boolean> {
  try {
    await access(file);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
