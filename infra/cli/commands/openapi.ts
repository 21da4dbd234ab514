/**
 * `vanthu openapi [--served-by aws|local]`: prints the OpenAPI 3.1 document of the HTTP API, generated from
 * the route contracts (layers/http/openapi.ts) — the document `GET /openapi.json` serves, without starting
 * anything. `aws` (default) lists the deployed routes; `local` also the local runtime's own (POST /dev/token).
 * The document's version is VANTHU_VERSION, as in the deployed function, or `dev`.
 */
import { parseArgs } from 'node:util';
import { openApiDocument, type ServedBy } from '#http/openapi';
import type { Command } from '../main.ts';
import { parsedCommand } from '../parsed-command.ts';
import { serviceVersion } from '#observability/log';

const usage = [
  'usage: vanthu openapi [--served-by aws|local]',
  '  --served-by  aws: the routes the stacks deploy (default); local: also those of the local runtime (POST /dev/token)',
].join('\n');

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  io.stdout(JSON.stringify(openApiDocument({ version: serviceVersion(), servedBy: parsed.servedBy }), null, 2));
  return 0;
});

function parse(args: readonly string[]): { servedBy: ServedBy } | 'help' | undefined {
  try {
    const { values } = parseArgs({ args: [...args], options: { 'served-by': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) return 'help';
    const servedBy = values['served-by'] ?? 'aws';
    return servedBy === 'aws' || servedBy === 'local' ? { servedBy } : undefined;
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
}
