/**
 * The document lifecycle through the local runtime's HTTP API at concurrency 16: register 10,000 incoming
 * documents and issue 2,000 outgoing ones (documents/s, p50/p99) beside raw emulator PutItem/s measured in
 * the same run; DynamoDB requests per registration; search latency over the 10,000.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import type { BenchSection } from './run.ts';
import { Latencies, pool } from './tools.ts';

const CONCURRENCY = 16;
const INCOMING = Number(process.env.BENCH_INCOMING ?? 10_000);
const OUTGOING = Number(process.env.BENCH_OUTGOING ?? 2_000);
const AGENCIES = ['000.00.91.H26', '000.00.92.H26', '000.00.95.H26', '000.91.95.H26'];
const SUBJECTS = [
  'Về việc giao dự toán ngân sách',
  'Kế hoạch phòng chống thiên tai',
  'Quyết định phê duyệt đề án chuyển đổi số',
  'Báo cáo tình hình kinh tế xã hội',
  'Hướng dẫn thực hiện cải cách hành chính',
];

export async function run(): Promise<BenchSection> {
  const api = await startTestApi();
  try {
    const client = dynamoDocumentClient();
    let requests = 0;
    client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countRequests' });

    const rawPerSecond = await rawPuts(api, client);
    const clerks = await Promise.all(AGENCIES.map((organId, i) => api.token({ sub: `bench-clerk-${i}`, organId, roles: ['clerk'] })));

    requests = 0;
    const registration = new Latencies();
    const registered = await timed(INCOMING, async (i) => {
      const response = await registration.time(() =>
        api.request('POST', '/documents/incoming', {
          token: clerks[i % clerks.length] ?? '',
          body: incomingBody({ codeNumber: String(i), subject: `${SUBJECTS[i % SUBJECTS.length]} lần ${i}` }),
        }),
      );
      if (response.status !== 201) throw new Error(`registration: ${response.status} ${JSON.stringify(response.body)}`);
    });
    const requestsPerRegistration = requests / INCOMING;

    const issued = await issueOutgoing(api);
    const search = await searchLatency(api, clerks[0] ?? '');

    return {
      title: `Document lifecycle through HTTP at concurrency ${CONCURRENCY} (local runtime, embedded dynalite)`,
      rows: [
        {
          workload: `register ${INCOMING} incoming (${AGENCIES.length} agencies)`,
          'documents/s': registered.toFixed(0),
          'raw PutItem/s': rawPerSecond.toFixed(0),
          ratio: (registered / rawPerSecond).toFixed(2),
          ...registration.summary(),
          'DynamoDB requests each': requestsPerRegistration.toFixed(2),
        },
        {
          workload: `issue ${OUTGOING} outgoing (one register, after draft/submit/approve)`,
          'documents/s': issued.perSecond.toFixed(0),
          'raw PutItem/s': rawPerSecond.toFixed(0),
          ratio: (issued.perSecond / rawPerSecond).toFixed(2),
          ...issued.latency.summary(),
          'DynamoDB requests each': issued.requestsEach.toFixed(2),
          'items per transaction': issued.itemsPerTransaction.toFixed(2),
        },
        {
          workload: `search "${search.query}" over ${INCOMING / AGENCIES.length} documents of one agency (limit 25)`,
          'documents/s': '',
          'raw PutItem/s': '',
          ratio: '',
          ...search.latency.summary(),
          'DynamoDB requests each': search.requestsEach.toFixed(1),
        },
      ].map(({ p50, p99, ...rest }) => ({ ...rest, 'p50 ms': p50, 'p99 ms': p99 })),
      notes: [
        'A registration is one TransactWriteItems (counter + document + history event + duplicate marker) plus a counter read only after a lost race; the agency-year counter is the single point every registration of an agency passes through.',
        'Issuing reads the document and the numbering configuration, then one TransactWriteItems: register counter + document + history event + KPI counters + printed marker (a number and notation issued once a year) + a check of the configuration version.',
        'Search is a Query on the agency partition with a filter on the folded text, repeated until a page is full: its cost grows with the agency documents scanned per page, not with the whole table.',
      ],
    };
  } finally {
    await api.runtime.close();
  }
}

async function rawPuts(api: TestApi, client: ReturnType<typeof dynamoDocumentClient>): Promise<number> {
  const count = 4000;
  return timed(count, async (i) => {
    await client.send(new PutCommand({ TableName: api.runtime.names.tableName, Item: { pk: `BENCH#${i}`, sk: 'RAW', value: i, text: 'x'.repeat(600) } }));
  });
}

async function issueOutgoing(api: TestApi): Promise<{ perSecond: number; latency: Latencies; requestsEach: number; itemsPerTransaction: number }> {
  const organId = '000.92.95.H26';
  const [specialist, leader, clerk] = await Promise.all([
    api.token({ sub: 'bench-s', organId, roles: ['specialist'] }),
    api.token({ sub: 'bench-l', organId, roles: ['leader'] }),
    api.token({ sub: 'bench-c', organId, roles: ['clerk'] }),
  ]);
  const ids: string[] = [];
  await pool(OUTGOING, CONCURRENCY, async () => {
    const created = await api.request('POST', '/documents/outgoing', {
      token: specialist,
      body: { typeName: 'Công văn', subject: 'Về việc báo cáo số liệu', draftingUnitAbbreviation: 'VP' },
    });
    await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
    await api.request('POST', `/documents/${created.body.id}/approve`, { token: leader });
    ids.push(created.body.id as string);
  });
  const latency = new Latencies();
  let requests = 0;
  let transactItems = 0;
  let transactions = 0;
  const counter = (next: (args: { input?: { TransactItems?: unknown[] } }) => Promise<unknown>) => async (args: { input?: { TransactItems?: unknown[] } }) => {
    requests += 1;
    if (args.input?.TransactItems !== undefined) (transactions += 1), (transactItems += args.input.TransactItems.length);
    return next(args);
  };
  dynamoDocumentClient().middlewareStack.add(counter as never, { step: 'initialize', name: 'countIssueRequests' });
  const perSecond = await timed(ids.length, async (i) => {
    const response = await latency.time(() => api.request('POST', `/documents/${ids[i]}/issue`, { token: clerk }));
    if (response.status !== 200) throw new Error(`issue: ${response.status}`);
  });
  dynamoDocumentClient().middlewareStack.remove('countIssueRequests');
  return { perSecond, latency, requestsEach: requests / ids.length, itemsPerTransaction: transactItems / Math.max(1, transactions) };
}

async function searchLatency(api: TestApi, token: string): Promise<{ query: string; latency: Latencies; requestsEach: number }> {
  const query = 'chuyen doi so';
  const latency = new Latencies();
  let requests = 0;
  const counter = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => ((requests += 1), next(args));
  dynamoDocumentClient().middlewareStack.add(counter as never, { step: 'initialize', name: 'countSearchRequests' });
  const rounds = 50;
  for (let i = 0; i < rounds; i += 1) {
    const response = await latency.time(() => api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent(query)}&limit=25`, { token }));
    if (response.status !== 200 || response.body.items.length === 0) throw new Error(`search: ${response.status}`);
  }
  dynamoDocumentClient().middlewareStack.remove('countSearchRequests');
  return { query, latency, requestsEach: requests / rounds };
}

async function timed(count: number, task: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  await pool(count, CONCURRENCY, task);
  return count / ((performance.now() - start) / 1000);
}
