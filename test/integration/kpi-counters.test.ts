import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { historyChanges } from '#adapters/dynamo/history-changes';
import { DynamoKpiStore } from '#adapters/dynamo/kpi-store';
import { rebuildCounters } from '#app/kpi/backfill';
import { vietnamYear } from '#domain/time';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

/**
 * Counters kept as work happens equal the counters rebuilt from the history, after a random workload of
 * registrations, returns, assignments, progress, completions, drafts, issues and work records; no counter
 * partition is written by two agencies, and the report still lists every agency. The counters of the people
 * and units responsible for the work (and of the actors) are rebuilt equal too, and the people-and-units
 * report lists them.
 */
const AGENCIES = ['000.00.91.H26', '000.00.92.H26', '000.91.95.H26'];
let api: TestApi;
const year = vietnamYear(new Date());

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.runtime.close();
});

type Step = { agency: number; kind: 'register' | 'return' | 'assign' | 'progress' | 'complete' | 'draft' | 'issue' | 'record' | 'close-record' };

describe('KPI counters', () => {
  it('equal the counters rebuilt from the history after a random workload, each agency writing only its own partition', async () => {
    // Prepare: every transaction the runtime sends (it shares this process's client) is seen
    const send = vi.spyOn(dynamoDocumentClient(), 'send');
    const tokens = await Promise.all(
      AGENCIES.map(async (organId, i) => ({
        clerk: await api.token({ sub: `c${i}`, organId, roles: ['clerk'] }),
        leader: await api.token({ sub: `l${i}`, organId, roles: ['leader'] }),
        specialist: await api.token({ sub: `s${i}`, organId, roles: ['specialist'] }),
      })),
    );
    const steps = fc.sample(
      fc.record({
        agency: fc.integer({ min: 0, max: AGENCIES.length - 1 }),
        kind: fc.constantFrom<Step['kind']>('register', 'register', 'return', 'assign', 'progress', 'complete', 'draft', 'issue', 'record', 'close-record'),
      }),
      { numRuns: 120, seed: 2026 },
    );
    const incoming: string[][] = AGENCIES.map(() => []);
    const approved: string[][] = AGENCIES.map(() => []);
    const records: string[][] = AGENCIES.map(() => []);

    // Act: a random workload in three agencies
    for (const [n, step] of steps.entries()) {
      const t = tokens[step.agency];
      if (t === undefined) continue;
      const pick = (list: string[] | undefined) => list?.[n % Math.max(1, list.length)];
      const doc = pick(incoming[step.agency]);
      switch (step.kind) {
        case 'register': {
          const created = await api.request('POST', '/documents/incoming', {
            token: t.clerk,
            body: incomingBody({ codeNumber: `${n}`, channel: n % 2 === 0 ? 'paper' : 'email' }),
          });
          incoming[step.agency]?.push(created.body.id);
          break;
        }
        case 'return':
          if (doc !== undefined) await api.request('POST', `/documents/${doc}/return`, { token: t.clerk, body: { reason: 'Sai địa chỉ' } });
          break;
        case 'assign':
          if (doc !== undefined)
            await api.request('POST', `/documents/${doc}/assignments`, {
              token: t.leader,
              body: { lead: { kind: 'person', sub: `s${step.agency}`, name: 'CV' }, ...(n % 3 === 0 ? { dueDate: '2099-01-01' } : {}) },
            });
          break;
        case 'progress':
          if (doc !== undefined) await api.request('POST', `/documents/${doc}/progress`, { token: t.specialist, body: { note: 'Đang xử lý' } });
          break;
        case 'complete':
          if (doc !== undefined) await api.request('POST', `/documents/${doc}/complete`, { token: t.specialist, body: {} });
          break;
        case 'draft': {
          // Every other draft goes to another agency of the city: its delivery counts as sent internally.
          const recipients = n % 2 === 0 ? [{ organId: AGENCIES[(step.agency + 1) % AGENCIES.length] ?? '', organName: 'Cơ quan nhận' }] : [];
          const created = await api.request('POST', '/documents/outgoing', {
            token: t.specialist,
            body: { typeName: 'Công văn', subject: 'Trả lời', draftingUnitAbbreviation: 'VP', recipients },
          });
          await api.request('POST', `/documents/${created.body.id}/submit`, { token: t.specialist });
          await api.request('POST', `/documents/${created.body.id}/approve`, { token: t.leader });
          if (recipients.length > 0) await api.request('POST', `/documents/${created.body.id}/issue`, { token: t.clerk });
          else approved[step.agency]?.push(created.body.id);
          break;
        }
        case 'issue': {
          const id = approved[step.agency]?.pop();
          if (id !== undefined) await api.request('POST', `/documents/${id}/issue`, { token: t.clerk });
          break;
        }
        case 'record': {
          const created = await api.request('POST', '/records', {
            token: t.specialist,
            body: { fileNotation: `${n}.TH`, title: 'Hồ sơ', maintenance: 'permanent', medium: n % 4 === 0 ? 'paper' : 'online' },
          });
          if (created.status === 201) records[step.agency]?.push(created.body.id);
          break;
        }
        case 'close-record': {
          const id = records[step.agency]?.pop();
          if (id !== undefined) await api.request('POST', `/records/${id}/close`, { token: t.specialist });
          break;
        }
      }
    }
    // Assess: each agency wrote only its own counter partition; live = rebuilt; the report lists every agency
    const store = new DynamoKpiStore(dynamoDocumentClient(), api.runtime.names.tableName);
    // Let the internal deliveries of the issued documents finish (their consumers run in the runtime).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const writers = counterWriters(send.mock.calls.map(([command]) => command.input));
    send.mockRestore();
    expect(new Set([...writers.values()].flatMap((agencies) => [...agencies]))).toEqual(new Set(AGENCIES));
    for (const [partition, agencies] of writers) expect({ partition, agencies: [...agencies] }).toEqual({ partition, agencies: [partition.split('#')[2]] });
    const live = await store.agencyCounters(year);
    expect(live.map((row) => row.organId)).toEqual(expect.arrayContaining(AGENCIES));
    expect(live.reduce((total, row) => total + (row.counts.sentInternal ?? 0), 0)).toBeGreaterThan(0);
    expect(live.length).toBeGreaterThan(0);
    const sentInternally = live.reduce((total, row) => total + (row.counts.sentInternal ?? 0), 0);
    expect(live.reduce((total, row) => total + (row.counts.received ?? 0), 0)).toBe(incoming.flat().length + sentInternally);

    const people = async () =>
      Object.fromEntries(
        await Promise.all(
          AGENCIES.map(async (organId) => [organId, { actors: await store.personCounters(year, organId), assignees: await store.assigneeCounters(year, organId) }] as const),
        ),
      );
    const livePeople = await people();
    expect(Object.values(livePeople).flatMap((p) => p.assignees).length).toBeGreaterThan(0);

    const operator = { principal: { sub: 'op', organId: '000.00.00.H26', roles: ['city-admin' as const], name: 'op' }, correlationId: 'c' };
    await rebuildCounters({ kpi: store }, operator, year, historyChanges(dynamoDocumentClient(), api.runtime.names.tableName));
    const rebuilt = await store.agencyCounters(year);
    // The people's and units' counters too, item for item (names included)
    const sortRows = <R extends { organId: string }>(rows: readonly R[], key: (r: R) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const comparable = (all: typeof livePeople) =>
      Object.fromEntries(Object.entries(all).map(([organId, p]) => [organId, { actors: sortRows(p.actors, (r) => r.sub), assignees: sortRows(p.assignees, (r) => r.key) }]));
    expect(comparable(await people())).toEqual(comparable(livePeople));
    const normalise = (rows: typeof live) =>
      Object.fromEntries(
        rows.map((r) => [
          r.organId,
          Object.fromEntries(
            Object.entries(r.counts)
              .filter(([, v]) => v !== 0)
              .sort(),
          ),
        ]),
      );
    expect(normalise(rebuilt)).toEqual(normalise(live));

    const admin = await api.token({ sub: 'city', organId: '000.00.00.H26', roles: ['city-admin'] });
    const report = await api.request('GET', `/reports/kpi?year=${year}`, { token: admin });
    expect(report.status).toBe(200);
    const reported = Object.fromEntries((report.body.agencies as { organId: string; received: number }[]).map((a) => [a.organId, a.received]));
    expect(reported).toEqual(Object.fromEntries(live.map((row) => [row.organId, row.counts.received ?? 0])));

    // The people-and-units report of an agency: one row per responsible person or unit and per actor
    const first = AGENCIES[0] ?? '';
    const leader = await api.token({ sub: 'l0', organId: first, roles: ['leader'] });
    const byPeople = await api.request('GET', `/reports/kpi/people?year=${year}`, { token: leader });
    expect(byPeople.status).toBe(200);
    const expectedKeys = new Set([...(livePeople[first]?.assignees ?? []).map((r) => r.key), ...(livePeople[first]?.actors ?? []).map((r) => `person:${r.sub}`)]);
    expect(new Set((byPeople.body.rows as { key: string }[]).map((r) => r.key))).toEqual(expectedKeys);
    const csv = await api.request('GET', `/reports/kpi/people?year=${year}&format=csv`, { token: leader });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(
      String(csv.body)
        .split('\r\n')
        .filter((line) => line !== '').length,
    ).toBe(expectedKeys.size + 1);
  }, 120_000);
});

/** Partition key of every KPI counter update in the transactions sent → the agencies whose counters it holds. */
function counterWriters(inputs: readonly unknown[]): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  for (const input of inputs) {
    const items =
      (input as { TransactItems?: { Update?: { Key: { pk: string }; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } }[] })
        .TransactItems ?? [];
    for (const { Update: update } of items) {
      if (update === undefined || !update.Key.pk.startsWith('KPI#')) continue;
      const name = Object.entries(update.ExpressionAttributeNames ?? {}).find(([, attribute]) => attribute === 'organId')?.[0];
      const organId = String(update.ExpressionAttributeValues?.[`:${name?.slice(1)}`]);
      writers.set(update.Key.pk, (writers.get(update.Key.pk) ?? new Set()).add(organId));
    }
  }
  return writers;
}
