/**
 * `vanthu search-index rebuild`: rebuilds the word index (docs/DATA.md, "Search") from what is stored —
 * after an upgrade that changes how words are cut, after a restore, or to clear what a crash left half-way.
 * Live writes may go on meanwhile. Talks to the table named by TABLE_NAME, at the AWS endpoint of the
 * environment (AWS_ENDPOINT_URL for the local runtime or LocalStack). Prints a report per index as JSON.
 */
import { parseArgs } from 'node:util';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { optional } from '#adapters/config';
import { directoryUnits } from '#adapters/dynamo/agency-store';
import { rebuildAgencyIndex } from '#adapters/dynamo/agency-search';
import { rebuildDocumentIndex } from '#adapters/dynamo/document-search';
import { rebuildAll } from '#adapters/dynamo/search-rebuild';
import type { Command } from '../main.ts';
import { agencyCodes, parsedCommand } from '../parsed-command.ts';

const usage = [
  'usage: vanthu search-index rebuild --agency <code>... [--directory]',
  '       vanthu search-index rebuild --all',
  '  --agency <code>  the documents of this agency (either notation); repeatable',
  '  --directory      the agency directory',
  '  --all            the directory and the documents of every agency of it; marks the table as indexed',
  '  env: TABLE_NAME, AWS credentials and region (AWS_ENDPOINT_URL for the local runtime or LocalStack)',
].join('\n');

type Parsed = { readonly all: true } | { readonly all: false; readonly agencies: readonly string[]; readonly directory: boolean };

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  const tableName = optional('TABLE_NAME');
  if (tableName === undefined) {
    io.stderr(`TABLE_NAME is not set\n${usage}`);
    return 2;
  }
  const client = dynamoDocumentClient();
  if (parsed.all) {
    io.stdout(JSON.stringify(await rebuildAll(client, tableName), null, 2));
    return 0;
  }
  const report: Record<string, unknown> = {};
  if (parsed.directory) report.directory = await rebuildAgencyIndex(client, tableName, directoryUnits(client, tableName));
  for (const organId of parsed.agencies) report[organId] = await rebuildDocumentIndex(client, tableName, organId);
  io.stdout(JSON.stringify(report, null, 2));
  return 0;
});

function parse(args: readonly string[]): Parsed | 'help' | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { agency: { type: 'string', multiple: true }, all: { type: 'boolean' }, directory: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) return 'help';
    if (positionals.join(' ') !== 'rebuild') return undefined;
    if (values.all === true) return values.agency === undefined && values.directory !== true ? { all: true } : undefined;
    const agencies = agencyCodes(values.agency);
    if (agencies === undefined || (agencies.length === 0 && values.directory !== true)) return undefined;
    return { all: false, agencies, directory: values.directory === true };
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
}
