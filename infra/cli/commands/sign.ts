/**
 * `vanthu sign <in.pdf> --out <out.pdf> [--as leader|agency] [--ca-dir <dir>]`: DEVELOPMENT ONLY. Signs a
 * PDF with the local test CA (created in --ca-dir, default .data/dev-ca, on first use) as an incremental
 * update carrying a PAdES baseline-B CMS and the CA's CRL. Verify the result with
 * `vanthu verify <out.pdf> --trust <ca-dir>/root.crt.pem`. Exit 2 on unusable arguments or files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../main.ts';
import { parsedCommand } from '../parsed-command.ts';
import { DevSignerError, PdfSyntaxError } from '#signature/errors';
import { signWithDevCa } from '#signature/dev/dev-sign';
import { DEFAULT_DEV_CA_DIR, DEV_ROLES, type DevRole } from '#signature/dev/store';

const usage = [
  'usage: vanthu sign <in.pdf> --out <out.pdf> [--as leader|agency] [--ca-dir <dir>]',
  `  DEVELOPMENT ONLY: signs with a local test CA kept in --ca-dir (default ${DEFAULT_DEV_CA_DIR}).`,
].join('\n');

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  let pdf: Uint8Array;
  try {
    pdf = new Uint8Array(await readFile(parsed.input));
  } catch (error) {
    io.stderr(`cannot read ${parsed.input}: ${(error as Error).message}`);
    return 2;
  }
  let created: boolean;
  let rootPath: string;
  try {
    const result = await signWithDevCa(pdf, parsed.role, parsed.caDir, new Date());
    ({ created, rootPath } = result);
    await writeFile(parsed.output, result.signed);
  } catch (error) {
    if (!(error instanceof DevSignerError || error instanceof PdfSyntaxError)) throw error;
    io.stderr(`cannot sign ${parsed.input}: ${error.message}`);
    return 2;
  }
  io.stderr(`DEVELOPMENT ONLY signature${created ? ` (new test CA created in ${parsed.caDir})` : ''}; verify with --trust ${rootPath}`);
  io.stdout(JSON.stringify({ out: parsed.output, signedAs: parsed.role, field: `Signature-${parsed.role}`, trustAnchor: rootPath, developmentOnly: true }, null, 2));
  return 0;
});

const options = { out: { type: 'string' }, as: { type: 'string' }, 'ca-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
type ParsedArgs = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;

function parse(args: readonly string[]): { input: string; output: string; role: DevRole; caDir: string } | 'help' | undefined {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options });
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const role = values.as ?? 'leader';
  const [input] = positionals;
  if (input === undefined || positionals.length !== 1 || values.out === undefined || !isRole(role)) return undefined;
  return { input, output: values.out, role, caDir: values['ca-dir'] ?? DEFAULT_DEV_CA_DIR };
}

function isRole(value: string): value is DevRole {
  return (DEV_ROLES as readonly string[]).includes(value);
}
