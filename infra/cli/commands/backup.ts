/**
 * `vanthu backup export|import|digest`: a logical copy of the table and the bucket in a folder, its way
 * back into an empty table and bucket, and the digest that must be identical before and after
 * (infra/backup/archive.ts; the restore procedure of docs/OPERATIONS.md). Talks to the table TABLE_NAME and
 * the bucket BUCKET_NAME at the AWS endpoint of the environment (AWS_ENDPOINT_URL for the local runtime or
 * LocalStack). Prints a report as JSON.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { optional } from '#adapters/config';
import { s3Client } from '#adapters/aws/s3-client';
import { clientSettings, endpointFor } from '#adapters/aws/settings';
import { exportArchive, importArchive, RestoreRefused, type StageData } from '../../backup/archive.ts';
import { archiveDigest, stageDigest, wipeTable } from '../../backup/digest.ts';
import type { Command } from '../main.ts';
import { parsedCommand } from '../parsed-command.ts';

const usage = [
  'usage: vanthu backup export --out <dir> [--table-only]',
  '       vanthu backup import --from <dir>',
  '       vanthu backup digest [--archive <dir>]',
  '       vanthu backup wipe-table --confirm <table name>',
  '  export      every item of the table and every object version of the bucket into <dir> (new or empty);',
  '              --table-only: the table alone (an in-place table restore keeps the bucket)',
  '  import      an archive into an EMPTY table (and bucket, unless the archive is table-only); refused otherwise, nothing written',
  '  digest      the SHA-256 of every item and every object content: equal before a backup and after its restore;',
  '              --archive: the digest an import of <dir> must give, from its files alone',
  '  wipe-table  deletes EVERY item of TABLE_NAME (never the bucket); --confirm must repeat the table name',
  '  env: TABLE_NAME, BUCKET_NAME, AWS credentials and region (AWS_ENDPOINT_URL for the local runtime or LocalStack)',
].join('\n');

type Parsed =
  | { readonly action: 'export'; readonly dir: string; readonly tableOnly: boolean }
  | { readonly action: 'import'; readonly dir: string }
  | { readonly action: 'digest'; readonly archive?: string }
  | { readonly action: 'wipe-table'; readonly confirm: string };

export const run: Command = parsedCommand(usage, parse, async (parsed, io) => {
  const tableName = optional('TABLE_NAME');
  const bucketName = optional('BUCKET_NAME');
  if (tableName === undefined || bucketName === undefined) {
    io.stderr(`TABLE_NAME and BUCKET_NAME must be set\n${usage}`);
    return 2;
  }
  const endpoint = endpointFor('DYNAMODB');
  const dynamo = new DynamoDBClient({ ...clientSettings(), ...(endpoint === undefined ? {} : { endpoint }) });
  const stage: StageData = { dynamo, s3: s3Client(), tableName, bucketName };
  const started = performance.now();
  try {
    const report = await act(stage, parsed);
    io.stdout(JSON.stringify({ ...report, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    io.stderr(`refused: ${error.message}`);
    return 1;
  } finally {
    dynamo.destroy();
  }
});

async function act(stage: StageData, parsed: Parsed): Promise<object> {
  switch (parsed.action) {
    case 'export':
      return exportArchive(stage, parsed.dir, { tableOnly: parsed.tableOnly });
    case 'import':
      return importArchive(stage, parsed.dir);
    case 'digest':
      return parsed.archive === undefined ? stageDigest(stage) : archiveDigest(parsed.archive);
    case 'wipe-table':
      if (parsed.confirm !== stage.tableName) throw new RestoreRefused(`--confirm ${parsed.confirm} is not the table ${stage.tableName}: nothing deleted`);
      return { deleted: await wipeTable(stage) };
  }
}

function parse(args: readonly string[]): Parsed | 'help' | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        from: { type: 'string' },
        archive: { type: 'string' },
        'table-only': { type: 'boolean' },
        confirm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) return 'help';
    const [action, ...rest] = positionals;
    if (rest.length > 0) return undefined;
    const { out, from, confirm, archive } = values;
    if (archive !== undefined && action !== 'digest') return undefined;
    const tableOnly = values['table-only'] === true;
    if (action === 'export' && out !== undefined && from === undefined && confirm === undefined) return { action, dir: out, tableOnly };
    if (tableOnly) return undefined;
    if (action === 'import' && from !== undefined && out === undefined && confirm === undefined) return { action, dir: from };
    if (action === 'digest' && out === undefined && from === undefined && confirm === undefined) return archive === undefined ? { action } : { action, archive };
    if (action === 'wipe-table' && confirm !== undefined && out === undefined && from === undefined) return { action, confirm };
    return undefined;
  } catch {
    // parseArgs throws on unknown or malformed options: a usage error (exit 2).
    return undefined;
  }
}
