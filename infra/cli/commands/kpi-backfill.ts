/**
 * `vanthu kpi-backfill --year <YYYY>`: rebuilds the KPI counters of a year from the stored history
 * (upgrades, audits). Talks to the table named by TABLE_NAME, at the AWS endpoint of the environment
 * (AWS_ENDPOINT_URL for the local runtime or LocalStack). Prints the rebuilt counters as JSON.
 */
import { parseArgs } from 'node:util';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { optional } from '#adapters/config';
import { historyChanges } from '#adapters/dynamo/history-changes';
import { DynamoKpiStore } from '#adapters/dynamo/kpi-store';
import { rebuildCounters } from '#app/kpi/backfill';
import type { Command } from '../main.ts';

const usage = 'usage: vanthu kpi-backfill --year <YYYY>   (env: TABLE_NAME, AWS credentials/endpoint)';

export const run: Command = async (args, io) => {
  let year: number;
  try {
    const { values } = parseArgs({ args: [...args], options: { year: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      io.stdout(usage);
      return 0;
    }
    year = Number(values.year);
  } catch {
    io.stderr(usage);
    return 2;
  }
  const tableName = optional('TABLE_NAME');
  if (!Number.isInteger(year) || year < 2000 || year > 2100 || tableName === undefined) {
    io.stderr(usage);
    return 2;
  }
  const client = dynamoDocumentClient();
  const operator = { sub: 'cli:kpi-backfill', organId: '000.00.00.H26', roles: ['city-admin' as const], name: 'kpi-backfill' };
  const rebuilt = await rebuildCounters(
    { kpi: new DynamoKpiStore(client, tableName) },
    { principal: operator, correlationId: `kpi-backfill-${year}` },
    year,
    historyChanges(client, tableName),
  );
  io.stdout(JSON.stringify({ year, agencies: rebuilt.agencies.length, people: rebuilt.people.length, assignees: rebuilt.assignees.length, rows: rebuilt.agencies }, null, 2));
  return 0;
};
