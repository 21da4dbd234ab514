/**
 * `vanthu work-counters rebuild`: recounts "my work" (docs/DATA.md, "Work counters") from the open
 * documents of each agency named, or of every agency of the directory — after a restore or to repair a
 * counter. Changes made to an agency's documents while it is recounted may be lost from its counters: run it
 * when nobody works in that agency, or run it again. Talks to the table named by TABLE_NAME, at the AWS
 * endpoint of the environment (AWS_ENDPOINT_URL for the local runtime or LocalStack). Prints a report as JSON.
 */
import { parseArgs } from 'node:util';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { optional } from '#adapters/config';
import { directoryUnits } from '#adapters/dynamo/agency-store';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoWorkStore } from '#adapters/dynamo/work-store';
import { rebuildWork } from '#app/work/my-work';
import type { Command } from '../main.ts';
import { agencyCodes, parsedCommand } from '../parsed-command.ts';

const usage = [
  'usage: vanthu work-counters rebuild --agency <code>...',
  '       vanthu work-counters rebuild --all',
  '  --agency <code>  this agency (either notation); repeatable',
  '  --all            every agency of the directory',
  '  env: TABLE_NAME, AWS credentials and region (AWS_ENDPOINT_URL for the local runtime or LocalStack)',
].join('\n');

type Parsed = { readonly all: true } | { readonly all: false; readonly agencies: readonly string[] };

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  const tableName = optional('TABLE_NAME');
  if (tableName === undefined) {
    io.stderr(`TABLE_NAME is not set\n${usage}`);
    return 2;
  }
  const client = dynamoDocumentClient();
  const deps = { documents: new DynamoDocumentStore(client, tableName), work: new DynamoWorkStore(client, tableName) };
  const agencies: string[] = [];
  if (parsed.all) for await (const unit of directoryUnits(client, tableName)) agencies.push(unit.code102);
  else agencies.push(...parsed.agencies);
  const report: Record<string, unknown> = {};
  for (const organId of agencies) report[organId] = await rebuildWork(deps, organId);
  io.stdout(JSON.stringify(report, null, 2));
  return 0;
});

function parse(args: readonly string[]): Parsed | 'help' | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { agency: { type: 'string', multiple: true }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) return 'help';
    if (positionals.join(' ') !== 'rebuild') return undefined;
    if (values.all === true) return values.agency === undefined ? { all: true } : undefined;
    const agencies = agencyCodes(values.agency);
    if (agencies === undefined || agencies.length === 0) return undefined;
    return { all: false, agencies };
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
}
