/**
 * Search at city scale (issue 15), through the local runtime's HTTP API: the first page of `GET
 * /documents?q=` for a rare word, a common word and a miss with 2,000, 20,000 and 200,000 documents in one
 * agency-year (p50/p99 and DynamoDB requests per page), the same for the agency directory at 120,000 units,
 * and what indexing adds to a registration (requests and items).
 *
 * The documents are seeded in bulk (BatchWriteItem) with the very items the write path stores: the document
 * item (document-items.ts) and its postings and manifest (search-index.ts `postingItem`, `manifestItem`) —
 * 200,000 registrations through HTTP would take most of an hour. The write cost is measured on the real
 * path, registration by registration.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { agencyEntry, agencySpace } from '#adapters/dynamo/agency-search';
import { documentEntry, documentSpace } from '#adapters/dynamo/document-search';
import { documentItem } from '#adapters/dynamo/document-items';
import { keys } from '#adapters/dynamo/keys';
import { indexedWords, type IndexEntry, type IndexSpace, manifestItem, postingItem } from '#adapters/dynamo/search-index';
import { newUnit } from '#domain/agency/unit';
import type { IncomingDocument } from '#domain/documents/incoming';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import type { BenchSection } from './run.ts';
import { bulkWrite, Latencies } from './tools.ts';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '2000,20000,200000')
  .split(',')
  .filter((size) => size !== '')
  .map(Number);
/** `BENCH_SEARCH_PARTS=documents,directory,writes` (all unless told): each part can be measured on its own. */
const PARTS = new Set((process.env.BENCH_SEARCH_PARTS ?? 'documents,directory,writes').split(','));
const AGENCIES = Number(process.env.BENCH_SEARCH_AGENCIES ?? 120_000);
const RUNS = 40;
const ORGAN = '000.00.91.H26';

/** SAMPLE subjects: common administrative words, so that a common word fills a page at once. */
const OPENINGS = ['Về việc', 'Kế hoạch', 'Báo cáo', 'Hướng dẫn', 'Quyết định', 'Thông báo'];
const TOPICS = [
  'giao dự toán ngân sách',
  'phòng chống thiên tai',
  'chuyển đổi số',
  'cải cách hành chính',
  'xây dựng nông thôn mới',
  'tuyển dụng viên chức',
  'an toàn giao thông',
  'bảo vệ môi trường',
];
const PLACES = ['quận Hoàn Kiếm', 'quận Đống Đa', 'huyện Sóc Sơn', 'huyện Mỹ Đức', 'thị xã Sơn Tây', 'quận Cầu Giấy'];

export async function run(): Promise<BenchSection[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-search-'));
  const api = await startTestApi({ dataDir, seed: true });
  try {
    const client = dynamoDocumentClient();
    let requests = 0;
    client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countSearchRequests' });
    const clerk = await api.token({ sub: 'bench-clerk', organId: ORGAN, roles: ['clerk'] });

    const write = PARTS.has('writes') ? await writeCost(api, clerk, () => requests, client) : undefined;

    const rows: Record<string, string | number>[] = [];
    let seeded = 0;
    for (const size of PARTS.has('documents') ? SIZES : []) {
      const started = performance.now();
      await seedDocuments(client, api.runtime.names.tableName, seeded, size);
      const seedSeconds = (performance.now() - started) / 1000;
      seeded = size;
      for (const [kind, q] of [
        ['rare word', 'lac duong'],
        ['common word', 'ke hoach'],
        ['miss', 'khung long'],
        ['notation', `${size - 1}/qd-ubnd`],
      ] as const) {
        const measured = await firstPages(
          api,
          `/documents?q=${encodeURIComponent(q)}&limit=25`,
          clerk,
          () => requests,
          (n) => (requests = n),
        );
        rows.push({
          documents: size.toLocaleString('en'),
          query: `${kind} "${q}"`,
          items: measured.items,
          ...measured.latency,
          'DynamoDB requests': measured.requests,
          'seeded in s': kind === 'rare word' ? seedSeconds.toFixed(0) : '',
        });
      }
    }

    const directoryRows: Record<string, string | number>[] = [];
    if (AGENCIES > 0 && PARTS.has('directory')) {
      const started = performance.now();
      await seedAgencies(client, api.runtime.names.tableName, AGENCIES);
      const seedSeconds = (performance.now() - started) / 1000;
      for (const [kind, q] of [
        ['rare word', 'rung hoa ban'],
        ['common word', 'uy ban'],
        ['prefix', 'truong tieu h'],
        ['miss', 'khung long'],
        ['whole code', sampleCode(Math.floor(AGENCIES / 2)).qd20],
      ] as const) {
        const measured = await firstPages(
          api,
          `/agencies?q=${encodeURIComponent(q)}&limit=25`,
          clerk,
          () => requests,
          (n) => (requests = n),
        );
        directoryRows.push({
          agencies: AGENCIES.toLocaleString('en'),
          query: `${kind} "${q}"`,
          items: measured.items,
          ...measured.latency,
          'DynamoDB requests': measured.requests,
          'seeded in s': kind === 'rare word' ? seedSeconds.toFixed(0) : '',
        });
      }
    }

    return [
      {
        title: 'Document search: first page of GET /documents?q= (local runtime over HTTP, embedded dynalite on disk)',
        rows: rows.map(({ p50, p99, ...rest }) => ({ ...rest, 'p50 ms': p50 ?? '', 'p99 ms': p99 ?? '' })),
        notes: [
          `${RUNS} first pages per row, one at a time, after 3 unmeasured ones; "DynamoDB requests" is per page, counted on the SDK client the functions share.`,
          'One agency, one year: every document created in 2026; subjects drawn from SAMPLE administrative phrases; the rare word is in 3 documents, the miss in none.',
          'A page reads: the vocabulary for the last (prefix) word, the postings of each word (the list that reaches furthest is followed), the pending items, and one BatchGet that checks the candidates as stored now.',
        ],
      },
      {
        title: 'Directory search: first page of GET /agencies?q= (same runtime)',
        rows: directoryRows.map(({ p50, p99, ...rest }) => ({ ...rest, 'p50 ms': p50 ?? '', 'p99 ms': p99 ?? '' })),
        notes: ['SAMPLE directory generated here (codes of the national pattern, names from SAMPLE words); "whole code" is answered by one GetItem.'],
      },
      {
        title: 'What the word index adds to a registration (POST /documents/incoming, real path)',
        rows: write === undefined ? [] : [write],
        notes: [
          'Before the index a registration was 1.00 request (one TransactWriteItems of counter, document, history event and duplicate markers).',
          'Now the same transaction carries one more item (the pending item); after the commit, the reconcile reads the manifest, asks the vocabulary which words it lacks, and writes the postings, the manifest and the removal of the pending item in one more transaction.',
        ],
      },
    ];
  } finally {
    await api.runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function writeCost(api: TestApi, clerk: string, count: () => number, client: DynamoDBDocumentClient): Promise<Record<string, string>> {
  let items = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = (args as { input?: { TransactItems?: unknown[]; RequestItems?: Record<string, unknown[]> } }).input;
      items += input?.TransactItems?.length ?? 0;
      for (const requests of Object.values(input?.RequestItems ?? {}))
        if (Array.isArray(requests) && (requests[0] as { PutRequest?: unknown })?.PutRequest !== undefined) items += requests.length;
      return next(args);
    },
    { step: 'initialize', name: 'countWrittenItems' },
  );
  const n = 200;
  for (let i = 0; i < 20; i += 1) await register(api, clerk, i);
  const startRequests = count();
  items = 0;
  const latency = new Latencies();
  for (let i = 20; i < 20 + n; i += 1) await latency.time(() => register(api, clerk, i));
  const summary = latency.summary();
  return {
    workload: `${n} registrations, one at a time, after 20 unmeasured`,
    'DynamoDB requests each': ((count() - startRequests) / n).toFixed(2),
    'items written each': (items / n).toFixed(1),
    'p50 ms': summary.p50,
    'p99 ms': summary.p99,
  };
}

async function register(api: TestApi, clerk: string, i: number): Promise<void> {
  const response = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: `B${i}`, subject: subjectOf(i) }) });
  if (response.status !== 201) throw new Error(`registration: ${response.status} ${JSON.stringify(response.body)}`);
}

async function firstPages(api: TestApi, url: string, token: string, count: () => number, reset: (n: number) => void) {
  for (let i = 0; i < 3; i += 1) await api.request('GET', url, { token });
  const latency = new Latencies();
  let items = 0;
  reset(0);
  for (let i = 0; i < RUNS; i += 1) {
    const response = await latency.time(() => api.request('GET', url, { token }));
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    items = response.body.items.length;
  }
  return { latency: latency.summary(), requests: (count() / RUNS).toFixed(1), items };
}

function subjectOf(i: number): string {
  return `${OPENINGS[i % OPENINGS.length]} ${TOPICS[(i * 7) % TOPICS.length]} ${PLACES[(i * 13) % PLACES.length]} năm 2026 [MẪU]`;
}

/** Documents `from` … `to - 1` of the agency, as the write path stores them; three of each stage hold the rare word. */
async function seedDocuments(client: DynamoDBDocumentClient, tableName: string, from: number, to: number): Promise<void> {
  const space = documentSpace(ORGAN);
  const rare = new Set([from + 7, from + Math.floor((to - from) / 2), to - 11]);
  await bulkWrite(client, tableName, to - from, (k) => {
    const i = from + k;
    const at = new Date(Date.UTC(2026, 0, 1, 1) + i * 60_000).toISOString();
    const document: IncomingDocument = {
      id: `01BENCH${String(i).padStart(19, '0')}`,
      direction: 'incoming',
      organId: ORGAN,
      status: 'registered',
      issuer: { organId: '000.00.00.H26', organName: 'Ủy ban nhân dân thành phố Hà Nội' },
      codeNumber: String(i),
      codeNotation: 'QĐ-UBND',
      promulgationDate: at.slice(0, 10),
      typeName: 'Quyết định',
      subject: rare.has(i) ? `${subjectOf(i)} tại xã Lạc Dương` : subjectOf(i),
      urgency: 'normal',
      secrecy: 'none',
      channel: 'paper',
      arrivalDate: at.slice(0, 10),
      arrivalNumber: i + 1,
      arrivalYear: 2026,
      registeredBy: { sub: 'bench', name: 'bench' },
      createdAt: at,
      updatedAt: at,
      version: 1,
    } as IncomingDocument;
    return [{ ...keys.document(document.id), ...documentItem(document) }, ...indexItems(space, documentEntry(document))];
  });
}

/** A SAMPLE directory: `count` units under generated codes (sampleCode); three hold the rare word. */
async function seedAgencies(client: DynamoDBDocumentClient, tableName: string, count: number): Promise<void> {
  const kinds = ['Ủy ban nhân dân xã', 'Trường tiểu học', 'Trạm y tế xã', 'Trường mầm non', 'Ban quản lý dự án'];
  const names = ['An Bình', 'Tân Lập', 'Hòa Phú', 'Thanh Xuân', 'Minh Khai', 'Đông Hưng', 'Phú Lương', 'Kim Sơn'];
  const now = new Date('2026-06-15T03:00:00Z');
  await bulkWrite(client, tableName, count, (i) => {
    const { code102 } = sampleCode(i);
    const rare = i % 40_000 === 17;
    const name = rare ? `Ban quản lý rừng Hoa Ban ${i} [MẪU]` : `${kinds[i % kinds.length]} ${names[(i * 7) % names.length]} ${i} [MẪU]`;
    const unit = newUnit({ code102, name, kind: 'agency', contact: {}, sample: true } as never, now);
    return [
      {
        pk: `AGENCY#${unit.code102}`,
        sk: 'AGENCY',
        entity: 'Agency',
        schemaVersion: 1,
        ...unit,
        gsi1pk: `AGENCYCODE#${unit.qd20}`,
        gsi1sk: 'AGENCY',
        ...(unit.parentCode102 === null ? {} : { gsi2pk: `AGENCY_PARENT#${unit.parentCode102}` }),
        gsi3pk: `AGENCY_LEVEL#${unit.level}`,
      },
      ...indexItems(agencySpace, agencyEntry(unit)),
    ];
  });
}

/** The SAMPLE code of the `i`-th generated unit: level 2 (000.00.NN.X99), under generated province codes. */
function sampleCode(i: number): { code102: string; qd20: string } {
  // Level-1 blocks A00–K99 (1,100), then 99 level-2 blocks under each, then level-3 blocks beyond 108,900 units.
  const province = `${'ABCDEFGHIJK'[Math.floor(i / 100) % 11]}${String(i % 100).padStart(2, '0')}`;
  const rest = Math.floor(i / 1100);
  const block3 = String((rest % 99) + 1).padStart(2, '0');
  const block2 = String(Math.floor(rest / 99)).padStart(2, '0');
  return { code102: `000.${block2}.${block3}.${province}`, qd20: block2 === '00' ? `${province}.${block3}` : `${province}.${block3}.${block2}` };
}

function indexItems(space: IndexSpace, entry: IndexEntry): Record<string, unknown>[] {
  const words = indexedWords(entry);
  return [
    ...words.map((word) => postingItem(space, entry, word, words)),
    manifestItem(entry, words),
    ...entry.words.map((word) => ({ pk: space.vocabulary, sk: word, entity: 'SearchWord', schemaVersion: 1 })),
  ];
}
