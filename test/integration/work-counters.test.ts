/**
 * "My work" counters on the table (layers/adapters/dynamo/work-items.ts, work-store.ts): moved in the very
 * transaction of each change, untouched by a change that does not commit, and recounted from the documents by
 * `vanthu work-counters rebuild` when they were damaged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoWorkStore } from '#adapters/dynamo/work-store';
import { workKeys } from '#adapters/dynamo/work-items';
import type { Dependencies, RequestContext } from '#app/context';
import { bump, commitChange } from '#app/documents/change';
import { registerIncoming } from '#app/documents/register-incoming';
import { incomingRegistrationSchema, type IncomingDocument } from '#domain/documents/incoming';
import type { Principal } from '#domain/identity/principal';
import type { Assignee } from '#domain/documents/routing';
import { ConflictError } from '#domain/errors';
import { main } from '#infra/cli/main';
import { fakeDependencies } from '../support/fake-dependencies.ts';
import { startTestTable, type TestTable } from '../support/dynamo-table.ts';

const AGENCY = '000.00.92.H26';
const clerk: Principal = { sub: 'vt-01', organId: AGENCY, roles: ['clerk'], name: 'Văn thư' };
const leader: Principal = { sub: 'ld-01', organId: AGENCY, roles: ['leader'], name: 'Lãnh đạo' };
const unit = { kind: 'unit' as const, organId: AGENCY, unitId: 'P-TH', name: 'Phòng Tổng hợp', members: ['cv-02'] };

let table: TestTable;
let deps: Dependencies;
let work: DynamoWorkStore;
let nextId = 0;

beforeAll(async () => {
  table = await startTestTable('work-counters');
  work = new DynamoWorkStore(table.client, table.tableName);
  deps = fakeDependencies({
    documents: new DynamoDocumentStore(table.client, table.tableName),
    work,
    clock: { now: () => new Date('2026-12-01T02:00:00.000Z') },
    ids: { next: () => `01JWORKCOUNTERS${String((nextId += 1)).padStart(11, '0')}` },
  });
});

afterAll(async () => {
  await table.emulator.close();
});

const as = (principal: Principal): RequestContext => ({ principal, correlationId: 'work-counters' });
const owners = ['agency', 'person:cv-01', `unit:${AGENCY}/P-TH`];
const counts = async () => Object.fromEntries(await work.counts(AGENCY, owners));

async function register(codeNumber: string): Promise<IncomingDocument> {
  const input = incomingRegistrationSchema.parse({
    issuer: { organName: 'Bộ Tài chính' },
    codeNumber,
    codeNotation: 'QĐ-BTC',
    promulgationDate: '2026-11-20',
    typeName: 'Quyết định',
    subject: 'Về việc giao dự toán',
  });
  return registerIncoming(deps, as(clerk), input);
}

/** The document assigned to `lead`, as assignIncoming writes it once the directory resolved the lead. */
function assigned(document: IncomingDocument, lead: Assignee): IncomingDocument {
  return {
    ...document,
    ...bump(document, new Date('2026-12-01T02:00:00.000Z')),
    status: 'assigned',
    assignment: { lead, coordinators: [], forInformation: [], assignedBy: { sub: leader.sub, name: leader.name }, assignedAt: '2026-12-01T02:00:00.000Z' },
  };
}

describe('work counters on the table', () => {
  it('move in the transaction of each change, and not at all for a change that does not commit', async () => {
    // Prepare
    const first = await register('1');
    const second = await register('2');
    const afterRegistering = await counts();

    // Act
    await commitChange(deps, as(leader), first, assigned(first, { kind: 'person', sub: 'cv-01', name: 'Chuyên viên' }), 'assigned');
    await commitChange(deps, as(leader), second, assigned(second, unit), 'assigned');
    const stale = commitChange(deps, as(leader), first, assigned(first, unit), 'reassigned');

    // Assess
    expect(afterRegistering).toEqual({ agency: { 'to-assign': 2 } });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect(await counts()).toEqual({ agency: { 'to-assign': 0 }, 'person:cv-01': { assigned: 1 }, [`unit:${AGENCY}/P-TH`]: { assigned: 1 } });
  });

  it('are recounted from the documents by `vanthu work-counters rebuild`', async () => {
    // Prepare: the live counters, then damage one and plant one nobody owns
    const live = await counts();
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...workKeys.owner(AGENCY, 'person:cv-01'), assigned: 41, entity: 'WorkCounters' } }));
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...workKeys.owner(AGENCY, 'person:ghost'), assigned: 3, entity: 'WorkCounters' } }));
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    const names = ['TABLE_NAME', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'];
    const environment = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    Object.assign(process.env, { TABLE_NAME: table.tableName, AWS_ENDPOINT_URL: table.emulator.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'local' });
    try {
      // Act
      const code = await main(['work-counters', 'rebuild', '--agency', AGENCY], io);
      const usage = await main(['work-counters', 'rebuild', '--agency', 'not-a-code'], io);

      // Assess
      expect({ code, usage }).toEqual({ code: 0, usage: 2 });
      expect(JSON.parse(out[0] ?? '{}')).toEqual({ [AGENCY]: { documents: 2, owners: 2 } });
      // The zero the live path left (to-assign 0) is not a counter the recount writes: absent reads as 0.
      const { agency: _agency, ...rest } = live;
      expect(await counts()).toEqual(rest);
      expect(Object.fromEntries(await work.counts(AGENCY, ['person:ghost']))).toEqual({});
    } finally {
      for (const [name, value] of Object.entries(environment)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
