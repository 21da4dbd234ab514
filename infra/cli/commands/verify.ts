/**
 * `vanthu verify <pdf> [--trust <pem>]... [--now <iso>] [--policy fail|warn] [--evidence <file>]`: verifies
 * every signature of a PDF and prints its report (layers/signature/report.ts, docs/SIGNATURES.md). Exit 0
 * when the verdict is TOTAL_PASSED, 1 for any other verdict, 2 for unusable arguments or unreadable files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../main.ts';
import { parsedCommand } from '../parsed-command.ts';
import { SignatureOptionsError } from '#signature/errors';
import { verifyPdf } from '#signature/verify';

const usage = [
  'usage: vanthu verify <pdf> [--trust <pem>]... [--now <iso-time>] [--policy fail|warn] [--evidence <file>]',
  '  --trust     a trust anchor (PEM or DER certificate; repeat for several)',
  '  --now       validation time (default: now)',
  '  --policy    what a change after signing outside the permitted kinds does (default fail)',
  '  --evidence  also write the evidence record (certificates, revocation data, timestamps) as JSON',
].join('\n');

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  const files = await readAll([parsed.pdf, ...parsed.trust]);
  if (typeof files === 'string') {
    io.stderr(`cannot read ${files}`);
    return 2;
  }
  const [pdf, ...anchors] = files as [Uint8Array, ...Uint8Array[]];
  try {
    const { report, evidence } = await verifyPdf(pdf, { trustAnchors: anchors, now: parsed.now, modificationPolicy: parsed.policy });
    if (parsed.evidence !== undefined) await writeFile(parsed.evidence, JSON.stringify(evidence, null, 2));
    io.stdout(JSON.stringify(report, null, 2));
    if (report.verdict !== 'TOTAL_PASSED') io.stderr(`verdict ${report.verdict}`);
    return report.verdict === 'TOTAL_PASSED' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof SignatureOptionsError)) throw error;
    io.stderr(error.message);
    return 2;
  }
});

interface VerifyArgs {
  readonly pdf: string;
  readonly trust: readonly string[];
  readonly now: Date;
  readonly policy: 'fail' | 'warn';
  readonly evidence: string | undefined;
}

const options = {
  trust: { type: 'string', multiple: true },
  now: { type: 'string' },
  policy: { type: 'string' },
  evidence: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type ParsedArgs = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;

function parse(args: readonly string[]): VerifyArgs | 'help' | undefined {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options });
  } catch {
    // parseArgs throws on unknown or malformed options: that is a usage error (exit 2), not a crash.
    return undefined;
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const now = values.now === undefined ? new Date() : new Date(values.now);
  const policy = values.policy ?? 'fail';
  const [pdf] = positionals;
  if (pdf === undefined || positionals.length !== 1 || Number.isNaN(now.getTime()) || (policy !== 'fail' && policy !== 'warn')) return undefined;
  return { pdf, trust: values.trust ?? [], now, policy, evidence: values.evidence };
}

/** Reads every file, or returns the name of the first that cannot be read. */
async function readAll(paths: readonly string[]): Promise<Uint8Array[] | string> {
  const out: Uint8Array[] = [];
  for (const file of paths) {
    try {
      out.push(new Uint8Array(await readFile(file)));
    } catch {
      // Missing, unreadable or a directory: the caller reports the path and exits 2.
      return file;
    }
  }
  return out;
}
