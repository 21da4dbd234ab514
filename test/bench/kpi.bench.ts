/**
 * KPI reports over a simulated city: 600 agencies (city departments, districts, communes) whose counters
 * add up to 1,000,000 documents — report latency (p50/p99) and DynamoDB requests per report.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { dependencies } from '#adapters/dependencies';
import { kpiKeys } from '#adapters/dynamo/kpi-items';
import { exchangeReport, kpiReport } from '#app/kpi/reports';
import { newUnit } from '#domain/agency/unit';
import { startLocalRuntime } from '#infra/local/runtime';
import type { BenchSection } from './run.ts';
import { Latencies } from './tools.ts';

const AGENCIES = 600;
const DOCUMENTS = 1_000_000;
const ROUNDS = 30;

export async function run(): Promise<BenchSection> {
  const runtime = await startLocalRuntime({ port: 0, seed: false });
  try {
    const deps = runtime.inFunction('kpi-report', dependencies);
    const client = dynamoDocumentClient();
    const year = 2026;
    await seedCity(deps, client, runtime.names.tableName, year);
    let requests = 0;
    client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countKpiRequests' });
    const ctx = { principal: { sub: 'bench', organId: '000.00.00.H26', roles: ['city-admin' as const], name: 'bench' }, correlationId: 'bench' };
    const rows: Record<string, string | number>[] = [];
    const reports: [string, () => Promise<number>][] = [
      ['GET /reports/kpi (all levels, 600 agencies)', async () => (await kpiReport(deps, ctx, { year })).agencies.reduce((sum, a) => sum + a.received, 0)],
      ['GET /reports/kpi?level=commune', async () => (await kpiReport(deps, ctx, { year, level: 'commune' })).agencies.reduce((sum, a) => sum + a.received, 0)],
      ['GET /reports/exchange', async () => (await exchangeReport(deps, ctx, { year })).months.reduce((sum, m) => sum + Object.values(m.incoming).reduce((a, b) => a + b, 0), 0)],
    ];
    for (const [name, report] of reports) {
      const latency = new Latencies();
      requests = 0;
      let total = 0;
      for (let i = 0; i < ROUNDS; i += 1) total = await latency.time(report);
      const summary = latency.summary();
      rows.push({ report: name, 'documents counted': total, 'p50 ms': summary.p50, 'p99 ms': summary.p99, 'DynamoDB requests per report': (requests / ROUNDS).toFixed(1) });
    }
    return {
      title: `KPI reports over ${AGENCIES} agencies and ${DOCUMENTS.toLocaleString('en')} documents in counters (local runtime)`,
      rows,
      notes: [
        "A report lists the directory (gsi3, one Query per level), reads each agency's counter item by key (BatchGetItem, 100 a call: every agency has its own counter partition) and BatchGets the agencies (kind → level); no document is read.",
        "Counters are seeded directly (the live path adds them in each change's transaction; test/integration/kpi-counters.test.ts shows live = rebuilt).",
      ],
    };
  } finally {
    await runtime.close();
  }
}

async function seedCity(deps: ReturnType<typeof dependencies>, client: ReturnType<typeof dynamoDocumentClient>, tableName: string, year: number): Promise<void> {
  const now = new Date();
  const units = Array.from({ length: AGENCIES }, (_, i) => {
    const kind = i < 100 ? 'department' : i < 130 ? 'district' : 'commune';
    const code102 =
      kind === 'department' ? `000.00.${String(i % 100).padStart(2, '0')}.H26` : `${String(Math.floor(i / 99)).padStart(3, '0')}.${String((i % 99) + 1).padStart(2, '0')}.99.H26`;
    return newUnit({ code102, name: `[MẪU] Đơn vị ${i}`, kind, contact: {}, sample: true }, now);
  });
  const unique = [...new Map(units.map((u) => [u.code102, u])).values()];
  await deps.agencies.save(
    unique.map((unit) => ({ unit, change: { at: unit.updatedAt, by: { sub: 'bench', name: 'bench' }, source: 'sample' as const, before: null, after: unit } })),
  );
  const perAgency = Math.floor(DOCUMENTS / unique.length);
  const items = unique.map((unit, i) => {
    const received = perAgency + (i === 0 ? DOCUMENTS - perAgency * unique.length : 0);
    const monthly = Object.fromEntries(Array.from({ length: 12 }, (_, m) => [`m${String(m + 1).padStart(2, '0')}:in:axis`, Math.floor(received / 12)]));
    return {
      ...kpiKeys.agency(year, unit.code102),
      entity: 'KpiCounters',
      schemaVersion: 1,
      organId: unit.code102,
      year,
      received,
      registered: received,
      finished: Math.floor(received * 0.9),
      finishedOnTime: Math.floor(received * 0.8),
      finishedLate: Math.floor(received * 0.1),
      processingMillis: received * 36_000_000,
      issued: Math.floor(received / 3),
      recordsClosedOnline: 50 + (i % 50),
      recordsClosedPaper: 10 + (i % 30),
      ...monthly,
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}
