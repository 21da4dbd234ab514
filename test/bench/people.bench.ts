/**
 * People, units and their work (issue 17), through the local runtime:
 * - `GET /work` for a person with 5,000 open documents in the agency (assigned to them, to their unit, and
 *   waiting to be registered and assigned): p50/p99 and DynamoDB requests per call, against the baseline a
 *   home page without counters would need — paging `GET /documents?assignee=` to count the person's work —
 *   measured in the same run; and the recount from the documents (`npx vanthu work-counters rebuild`);
 * - the fan-out of one notice to a unit of 50: the notification-sender's work for one notice (inbox copy,
 *   directory Query, 50 e-mails to the local outbox), p50/p99 and DynamoDB requests per notice, and the
 *   assignment request that causes it.
 *
 * The 5,000 documents are seeded in bulk (BatchWriteItem) with the items the write path stores; the counters
 * are then made by the rebuild, and checked against a live assignment made through HTTP.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { dependencies } from '#adapters/dependencies';
import { documentItem } from '#adapters/dynamo/document-items';
import { keys } from '#adapters/dynamo/keys';
import { deliverNotice } from '#app/notifications/deliver';
import { rebuildWork } from '#app/work/my-work';
import type { IncomingDocument } from '#domain/documents/incoming';
import type { Notice } from '#domain/notifications/notice';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import type { BenchSection } from './run.ts';
import { bulkWrite, Latencies } from './tools.ts';

const ORGAN = '000.00.91.H26';
const OPEN = Number(process.env.BENCH_WORK_OPEN ?? 5000);
const UNIT_SIZE = 50;
const RUNS = 40;

export async function run(): Promise<BenchSection[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-people-'));
  const api = await startTestApi({ dataDir, seed: true });
  try {
    const client = dynamoDocumentClient();
    let requests = 0;
    client.middlewareStack.add((next) => async (args) => ((requests += 1), next(args)), { step: 'initialize', name: 'countPeopleRequests' });
    const admin = await api.token({ sub: 'bench-admin', organId: ORGAN, roles: ['admin'] });
    await api.request('PUT', `/agencies/${ORGAN}/units/P-BENCH`, { token: admin, body: { name: '[MẪU] Phòng đo', kind: 'phong' } });
    const person = await api.token({ sub: 'bench-person', organId: ORGAN, roles: ['specialist', 'leader'], units: ['P-BENCH'], email: 'bench-person@example.invalid' });
    const members: string[] = [];
    for (let i = 0; i < UNIT_SIZE - 1; i += 1) {
      await api.token({ sub: `bench-member-${i}`, organId: ORGAN, roles: ['specialist'], units: ['P-BENCH'], email: `bench-member-${i}@example.invalid` });
      members.push(`bench-member-${i}`);
    }

    // 5,000 open documents: 40 % assigned to the person, 40 % to the unit, 10 % registered, 10 % arrived.
    const seedStarted = performance.now();
    await bulkWrite(client, api.runtime.names.tableName, OPEN, (i) => {
      const document = openDocument(i, members);
      return [{ ...keys.document(document.id), ...documentItem(document) }];
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    requests = 0;
    const rebuildStarted = performance.now();
    const rebuilt = await api.runtime.inFunction('my-work', () => rebuildWork(dependencies(), ORGAN));
    const rebuild = { ms: performance.now() - rebuildStarted, requests };

    const work = await measure(
      RUNS,
      () => api.request('GET', '/work', { token: person }),
      () => requests,
      (n) => (requests = n),
    );
    const answer = (await api.request('GET', '/work', { token: person })).body as { tiles: { bucket: string; owner: string; count: number }[]; total: number };
    const baseline = await measure(
      5,
      () => countByListing(api, person, 'person:bench-person'),
      () => requests,
      (n) => (requests = n),
    );

    // Assignments to the unit through HTTP; then, once the runtime's own consumer has delivered their notices,
    // the fan-out of a notice to the unit measured alone (the same work, with counted requests).
    const clerk = await api.token({ sub: 'bench-clerk', organId: ORGAN, roles: ['clerk'] });
    const latencies = new Latencies();
    const fanout = new Latencies();
    let fanoutRequests = 0;
    let mailed = 0;
    let assignRequests = 0;
    const documentIds: string[] = [];
    for (let i = 0; i < Math.min(RUNS, 20); i += 1) {
      const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: `${9000 + i}` }) });
      requests = 0;
      const assigned = await latencies.time(() =>
        api.request('POST', `/documents/${registered.body.id}/assignments`, { token: person, body: { lead: { kind: 'unit', unitId: 'P-BENCH' } } }),
      );
      assignRequests += requests;
      if (assigned.status !== 200) throw new Error(`assignment: ${assigned.status} ${JSON.stringify(assigned.body)}`);
      documentIds.push(String(registered.body.id));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const [i, documentId] of documentIds.entries()) {
      const notice: Notice = {
        id: `01BENCHNOTICE${String(i).padStart(13, '0')}`,
        at: new Date().toISOString(),
        kind: 'assigned',
        documentId,
        organId: ORGAN,
        audience: [{ kind: 'unit', organId: ORGAN, unitId: 'P-BENCH' }],
        actor: { sub: 'bench-leader', name: 'Lãnh đạo đo' },
        subject: 'Giao việc (chủ trì xử lý): văn bản đo',
        text: '[MẪU] Văn bản đo tải',
        secret: false,
      };
      requests = 0;
      const tally = await fanout.time(() => api.runtime.inFunction('notification-sender', () => deliverNotice(dependencies(), notice)));
      fanoutRequests += requests;
      mailed += tally.mailed;
    }
    const runsOfFanout = Math.min(RUNS, 20);

    const tile = (bucket: string, owner: string) => answer.tiles.find((t) => t.bucket === bucket && t.owner === owner)?.count ?? 0;
    return [
      {
        title: `GET /work with ${OPEN.toLocaleString('en')} open documents in the agency`,
        rows: [
          { measure: 'GET /work (counters)', calls: RUNS, ...work.latency, 'DynamoDB requests per call': work.requestsPerCall },
          { measure: 'baseline: count by paging GET /documents?assignee=person:…', calls: 5, ...baseline.latency, 'DynamoDB requests per call': baseline.requestsPerCall },
          { measure: 'work-counters rebuild of the agency', calls: 1, p50: rebuild.ms.toFixed(0), p99: '', 'DynamoDB requests per call': rebuild.requests },
        ],
        notes: [
          `The person's tiles: assigned to me ${tile('assigned', 'me')}, to my unit ${tile('assigned', 'unit')}, to assign (as a leader) ${tile('to-assign', 'agency')}, to approve ${tile('to-approve', 'agency')}; total ${answer.total}.`,
          `The rebuild read ${rebuilt.documents.toLocaleString('en')} open documents and wrote ${rebuilt.owners} counter items; seeding took ${seedSeconds.toFixed(0)} s.`,
          `p50/p99 in ms through the local runtime's HTTP API (dynalite in process); the baseline's requests grow with the documents, the counters' do not.`,
        ],
      },
      {
        title: `A notice to a unit of ${UNIT_SIZE}`,
        rows: [
          {
            measure: 'assignment to the unit (POST /documents/{id}/assignments)',
            calls: runsOfFanout,
            ...latencies.summary(),
            'DynamoDB requests per call': (assignRequests / runsOfFanout).toFixed(1),
          },
          {
            measure: 'fan-out of its notice (notification-sender)',
            calls: runsOfFanout,
            ...fanout.summary(),
            'DynamoDB requests per call': (fanoutRequests / runsOfFanout).toFixed(1),
          },
        ],
        notes: [
          `E-mails per notice: ${(mailed / runsOfFanout).toFixed(0)} (the local outbox file stands in for SES); inbox copies per notice: 1 (the unit's inbox, read by each member with their own read state).`,
          'The assignment resolves the unit and its members from the directory (one BatchGetItem, one Query) and writes the document, its history, its counters and the outbox entry in one transaction.',
          "The fan-out: one inbox copy (conditional put), one Query of the agency's people, one read of the mail record, 50 e-mails ten at a time and one write of the mail record a round.",
        ],
      },
    ];
  } finally {
    await api.runtime.close();
  }
}

/** An open SAMPLE document of the agency: assigned to the person or the unit, or waiting to be registered or assigned. */
function openDocument(i: number, members: readonly string[]): IncomingDocument {
  const at = new Date(Date.UTC(2026, 0, 1, 1) + i * 60_000).toISOString();
  const share = i % 10;
  const base = {
    id: `01BENCHWORK${String(i).padStart(15, '0')}`,
    direction: 'incoming' as const,
    organId: ORGAN,
    issuer: { organId: '000.00.00.H26', organName: 'Ủy ban nhân dân thành phố Hà Nội' },
    codeNumber: String(i + 1),
    codeNotation: 'QĐ-UBND',
    promulgationDate: at.slice(0, 10),
    typeName: 'Quyết định',
    subject: `[MẪU] Văn bản đo tải số ${i + 1}`,
    urgency: 'normal' as const,
    secrecy: 'none' as const,
    channel: 'paper' as const,
    arrivalDate: at.slice(0, 10),
    registeredBy: { sub: 'bench', name: 'bench' },
    createdAt: at,
    updatedAt: at,
    version: 2,
  };
  if (share === 8) return { ...base, status: 'registered', arrivalNumber: i + 1, arrivalYear: 2026 };
  if (share === 9) return { ...base, status: 'arrived' };
  const lead =
    share < 4
      ? { kind: 'person' as const, sub: 'bench-person', name: 'bench-person' }
      : { kind: 'unit' as const, organId: ORGAN, unitId: 'P-BENCH', name: '[MẪU] Phòng đo', members: ['bench-person', ...members] };
  const assignment = { lead, coordinators: [], forInformation: [], assignedBy: { sub: 'bench-leader', name: 'bench' }, assignedAt: at };
  const assigneeKeys = share < 4 ? ['person:bench-person'] : [`unit:${ORGAN}/P-BENCH`, 'member:bench-person', ...members.map((sub) => `member:${sub}`)];
  return { ...base, status: 'assigned', arrivalNumber: i + 1, arrivalYear: 2026, assignment, assigneeKeys };
}

/** What a portal without counters would do: page through the person's documents to count them. */
async function countByListing(api: TestApi, token: string, assignee: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await api.request(
      'GET',
      `/documents?direction=incoming&assignee=${encodeURIComponent(assignee)}&limit=100${nextToken === undefined ? '' : `&nextToken=${encodeURIComponent(nextToken)}`}`,
      {
        token,
      },
    );
    count += (page.body.items as unknown[]).length;
    nextToken = page.body.nextToken as string | undefined;
  } while (nextToken !== undefined);
  return count;
}

async function measure(runs: number, call: () => Promise<unknown>, read: () => number, reset: (n: number) => void) {
  const latencies = new Latencies();
  let total = 0;
  for (let i = 0; i < runs; i += 1) {
    reset(0);
    await latencies.time(call);
    total += read();
  }
  return { latency: latencies.summary(), requestsPerCall: (total / runs).toFixed(1) };
}
