import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { TransactionContendedError } from '#adapters/dynamo/errors';
import { DynamoNumberingStore } from '#adapters/dynamo/numbering-store';
import { DynamoRecordStore } from '#adapters/dynamo/record-store';
import { ulidGenerator } from '#adapters/ids';
import type { Dependencies } from '#app/context';
import { receiveIncoming, registerArrived } from '#app/documents/arrivals';
import { returnIncoming } from '#app/documents/incoming-workflow';
import { issueOutgoing } from '#app/documents/issue';
import { configureNumbering } from '#app/documents/numbering';
import { approveOutgoing, createDraft, submitOutgoing } from '#app/documents/outgoing-workflow';
import { getHistory } from '#app/documents/read-documents';
import { registerIncoming } from '#app/documents/register-incoming';
import { addDocumentToRecord, closeRecord, createRecord } from '#app/records/manage-records';
import { incomingRegistrationSchema } from '#domain/documents/incoming';
import { outgoingDraftSchema } from '#domain/documents/outgoing';
import { ConflictError } from '#domain/errors';
import type { Role } from '#domain/identity/principal';
import { newRecordSchema } from '#domain/records/record';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';
import { fakeDependencies } from '../support/fake-dependencies.ts';

/**
 * Every retry path of the DynamoDB adapters holds when DynamoDB cancels transactions with
 * TransactionConflict (the local emulator's conflict switch): numbers stay consecutive without gaps or
 * duplicates, a change lands exactly once, and a write that meets more conflicts than its attempts fails
 * with TransactionContendedError leaving the table exactly as it was.
 */
let emulator: DynamoEmulator;
const table = 'conflict-retries';
const now = new Date('2026-06-15T03:00:00Z');
/** Three sets of stores on three clients: three Lambda containers, each with its own counter cache. */
let containers: Dependencies[];
let client: DynamoDBDocumentClient;
let agencySeq = 0;
let codeSeq = 0;

beforeAll(async () => {
  // Switches given, so that VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE cannot change what these tests expect.
  emulator = await startDynamoEmulator({ transactionConflicts: {} });
  const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
  const dynamo = () => new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials });
  const first = dynamo();
  await createTable(first, table);
  client = DynamoDBDocumentClient.from(first);
  containers = [first, dynamo(), dynamo()].map((raw) => {
    const documentClient = DynamoDBDocumentClient.from(raw);
    return fakeDependencies({
      documents: new DynamoDocumentStore(documentClient, table),
      numbering: new DynamoNumberingStore(documentClient, table),
      records: new DynamoRecordStore(documentClient, table),
      clock: { now: () => now },
      ids: ulidGenerator,
    });
  });
});

afterEach(() => {
  emulator.setTransactionConflicts({ rate: 0, next: 0, keyPrefix: '', seed: 1 });
});

afterAll(async () => {
  await emulator.close();
});

/** A fresh agency per test, so that its numbers start at 1. */
function agency() {
  agencySeq += 1;
  const organId = `000.${10 + agencySeq}.98.H26`;
  const as = (role: Role) => ({ principal: { sub: role, organId, roles: [role], name: `[MẪU] ${role}` }, correlationId: 'c' });
  return { organId, as };
}

function deps(container = 0): Dependencies {
  const chosen = containers[container % containers.length];
  if (chosen === undefined) throw new Error('no container');
  return chosen;
}

async function register(organId: string, container = 0) {
  codeSeq += 1;
  const input = incomingRegistrationSchema.parse({
    issuer: { organName: 'Bộ Tài chính' },
    codeNumber: String(codeSeq),
    codeNotation: 'BTC-NSNN',
    promulgationDate: '2026-06-01',
    typeName: 'Công văn',
    subject: 'Về việc dự toán',
  });
  return registerIncoming(deps(container), { principal: { sub: 'clerk', organId, roles: ['clerk'], name: 'Văn thư' }, correlationId: 'c' }, input);
}

async function arrive(organId: string, container = 0) {
  codeSeq += 1;
  const metadata = {
    issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
    codeNumber: String(codeSeq),
    codeNotation: 'BTC-NSNN',
    promulgationDate: '2026-06-01',
    typeName: 'Công văn',
    subject: 'Về việc dự toán',
    urgency: 'normal' as const,
    secrecy: 'none' as const,
  };
  const system = { sub: 'system:internal', organId, roles: ['clerk' as const], name: 'Nội bộ' };
  return receiveIncoming(deps(container), { organId, metadata, source: { channel: 'internal', externalId: `int-${codeSeq}` }, receivedBy: system }, 'c');
}

/** Every item of the table, in key order: a write that failed must leave this unchanged. */
async function tableItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

/** The arrival numbers the table holds for the agency's documents. */
async function storedArrivalNumbers(organId: string): Promise<number[]> {
  const documents = (await tableItems()).filter((item) => item.entity === 'Document' && item.organId === organId && item.direction === 'incoming');
  return documents.map((item) => Number(item.arrivalNumber)).sort((a, b) => a - b);
}

const injected = () => emulator.transactionConflicts.injected;
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('numbering (số đến, số đi) under transaction conflicts', () => {
  it('gives consecutive arrival numbers when the first two transactions of each registration conflict', async () => {
    // Prepare
    const { organId } = agency();
    const before = injected();
    const numbers: number[] = [];
    // Act
    for (let i = 0; i < 5; i += 1) {
      emulator.setTransactionConflicts({ next: 2 });
      numbers.push((await register(organId)).arrivalNumber ?? 0);
    }
    // Assess
    expect(injected() - before).toBe(10);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(await storedArrivalNumbers(organId)).toEqual([1, 2, 3, 4, 5]);
    expect(await containers[0]?.numbering.arrivalCounters(organId, 2026)).toEqual({ main: 5, secret: 0 });
  });

  it('numbers N concurrent allocations 1..N in three containers at a conflict rate of 0.3', async () => {
    const before = injected();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), async (n, seed, viaArrival) => {
        // Prepare
        const { organId, as } = agency();
        const arrived = viaArrival ? await Promise.all(oneTo(n).map((i) => arrive(organId, i))) : [];
        emulator.setTransactionConflicts({ rate: 0.3, seed });
        // Act
        const documents = viaArrival
          ? await Promise.all(arrived.map((document, i) => registerArrived(deps(i), as('clerk'), document.id)))
          : await Promise.all(oneTo(n).map((i) => register(organId, i)));
        emulator.setTransactionConflicts({ rate: 0 });
        // Assess
        const numbers = documents.map((document) => document.arrivalNumber ?? 0).sort((a, b) => a - b);
        expect(numbers).toEqual(oneTo(n));
        expect(await storedArrivalNumbers(organId)).toEqual(oneTo(n));
        expect(await deps().numbering.arrivalCounters(organId, 2026)).toEqual({ main: n, secret: 0 });
      }),
      { numRuns: 8, seed: 2026 },
    );
    expect(injected() - before).toBeGreaterThan(5);
  });

  it('issues 01..05 with the configuration, drafts, approvals and issues all under a conflict rate of 0.2', async () => {
    // Prepare
    const { organId, as } = agency();
    const before = injected();
    // 0.2, not 0.3: a write of eight attempts fails at 0.3 once in 15,000 (0.3^8), too often for a test of ~20 writes.
    emulator.setTransactionConflicts({ rate: 0.2, seed: 11 });
    // Act
    await configureNumbering(deps(), as('admin'), organId, { issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] });
    const drafts = await Promise.all(oneTo(5).map((i) => createDraft(deps(i), as('specialist'), outgoingDraftSchema.parse({ typeName: 'Quyết định', subject: `Văn bản ${i}` }))));
    for (const draft of drafts) {
      await submitOutgoing(deps(), as('specialist'), draft.id);
      await approveOutgoing(deps(), as('leader'), draft.id);
    }
    const issued = await Promise.all(drafts.map((draft, i) => issueOutgoing(deps(i), as('clerk'), draft.id)));
    // Assess
    expect(issued.map((document) => document.issue?.codeNumber).sort()).toEqual(['01', '02', '03', '04', '05']);
    expect(injected() - before).toBeGreaterThan(0);
  });

  it('fails a registration with TransactionContendedError when its counter conflicts every time, leaving no gap', async () => {
    // Prepare
    const { organId } = agency();
    const before = await tableItems();
    emulator.setTransactionConflicts({ rate: 1, keyPrefix: `COUNTER#${organId}` });
    // Act
    const error = await register(organId).catch((e: unknown) => e);
    const after = await tableItems();
    emulator.setTransactionConflicts({ rate: 0 });
    const next = await register(organId);
    // Assess
    expect(error).toBeInstanceOf(TransactionContendedError);
    expect(after).toEqual(before);
    expect(next.arrivalNumber).toBe(1);
  });
});

describe('a document change under transaction conflicts', () => {
  it('is sent again and lands exactly once', async () => {
    // Prepare
    const { organId, as } = agency();
    const document = await arrive(organId);
    const before = injected();
    emulator.setTransactionConflicts({ next: 2 });
    // Act
    const returned = await returnIncoming(deps(), as('clerk'), document.id, { reason: 'Không đúng thẩm quyền' });
    // Assess
    expect(injected() - before).toBe(2);
    expect(returned).toMatchObject({ status: 'returned', version: 2 });
    expect(await deps().documents.getDocument(document.id)).toMatchObject({ status: 'returned', version: 2 });
    expect((await getHistory(deps(), as('clerk'), document.id)).map((event) => event.action)).toEqual(['arrived', 'returned']);
  });

  it('fails with TransactionContendedError after more conflicts than its attempts, writing nothing', async () => {
    // Prepare
    const { organId, as } = agency();
    const document = await arrive(organId);
    const before = await tableItems();
    emulator.setTransactionConflicts({ next: 1_000 });
    // Act
    const error = await returnIncoming(deps(), as('clerk'), document.id, { reason: 'Không đúng thẩm quyền' }).catch((e: unknown) => e);
    const after = await tableItems();
    emulator.setTransactionConflicts({ next: 0 });
    const returned = await returnIncoming(deps(), as('clerk'), document.id, { reason: 'Không đúng thẩm quyền' });
    // Assess
    expect(error).toBeInstanceOf(TransactionContendedError);
    expect(error).toMatchObject({ context: { attempts: 8 } });
    expect(after).toEqual(before);
    expect(returned.version).toBe(2);
  });

  it('still recognises an arrival already received when the redelivery first meets a conflict', async () => {
    // Prepare
    const { organId } = agency();
    const system = { sub: 'system:axis', organId, roles: ['clerk' as const], name: 'Trục' };
    const metadata = {
      issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
      codeNumber: '9',
      codeNotation: 'BTC',
      promulgationDate: '2026-06-01',
      typeName: 'Công văn',
      subject: 'S',
      urgency: 'normal' as const,
      secrecy: 'none' as const,
    };
    const arrival = { organId, metadata, source: { channel: 'axis' as const, externalId: `axis-${organId}` }, receivedBy: system };
    emulator.setTransactionConflicts({ next: 1 });
    const first = await receiveIncoming(deps(), arrival, 'c1', { uniqueKey: `axis-${organId}` });
    emulator.setTransactionConflicts({ next: 1 });
    // Act
    const again = await receiveIncoming(deps(1), arrival, 'c2', { uniqueKey: `axis-${organId}` });
    // Assess
    expect(again.id).toBe(first.id);
  });
});

describe('work records under transaction conflicts', () => {
  const recordInput = (fileNotation: string) => newRecordSchema.parse({ fileNotation, title: 'Hồ sơ dự toán', maintenance: 'permanent' });

  it('opens a record, adds a document and closes it, each after two conflicts, exactly once', async () => {
    // Prepare
    const { organId, as } = agency();
    const document = await register(organId);
    const before = injected();
    // Act
    emulator.setTransactionConflicts({ next: 2 });
    const record = await createRecord(deps(), as('specialist'), recordInput('01.TH'));
    emulator.setTransactionConflicts({ next: 2 });
    const entry = await addDocumentToRecord(deps(), as('specialist'), record.id, document.id);
    emulator.setTransactionConflicts({ next: 2 });
    const closed = await closeRecord(deps(), as('specialist'), record.id);
    // Assess
    expect(injected() - before).toBe(6);
    expect(entry.ordinal).toBe(1);
    expect(await deps().records.entries(record.id)).toHaveLength(1);
    expect(await deps().records.membershipsOf(document.id)).toHaveLength(1);
    expect(closed.status).toBe('closed');
    expect(await deps().records.get(record.id)).toMatchObject({ status: 'closed', version: record.version + 2 });
  });

  it('still refuses a taken file code and a document already in the record after a conflict', async () => {
    // Prepare
    const { organId, as } = agency();
    const document = await register(organId);
    const record = await createRecord(deps(), as('specialist'), recordInput('02.TH'));
    await addDocumentToRecord(deps(), as('specialist'), record.id, document.id);
    // Act
    emulator.setTransactionConflicts({ next: 1 });
    const duplicateCode = await createRecord(deps(1), as('specialist'), recordInput('02.TH')).catch((e: unknown) => e);
    emulator.setTransactionConflicts({ next: 1 });
    const duplicateDocument = await addDocumentToRecord(deps(1), as('specialist'), record.id, document.id).catch((e: unknown) => e);
    // Assess
    expect(duplicateCode).toBeInstanceOf(ConflictError);
    expect(duplicateCode).toMatchObject({ type: 'duplicate-file-code', details: { existingId: record.id } });
    expect(duplicateDocument).toBeInstanceOf(ConflictError);
    expect(duplicateDocument).toMatchObject({ type: 'document-already-in-record' });
  });

  it('gives concurrent additions the ordinals 1..N at a conflict rate of 0.2', async () => {
    // Prepare
    const { organId, as } = agency();
    const documents = await Promise.all(oneTo(6).map((i) => register(organId, i)));
    const record = await createRecord(deps(), as('specialist'), recordInput('03.TH'));
    emulator.setTransactionConflicts({ rate: 0.2, seed: 5 });
    // Act
    const entries = await Promise.all(documents.map((document, i) => addDocumentToRecord(deps(i), as('specialist'), record.id, document.id)));
    // Assess
    expect(entries.map((entry) => entry.ordinal).sort((a, b) => a - b)).toEqual(oneTo(6));
    expect((await deps().records.entries(record.id)).map((entry) => entry.documentId).sort()).toEqual(documents.map((document) => document.id).sort());
  });

  it('fails an addition with TransactionContendedError when the record conflicts every time, writing nothing', async () => {
    // Prepare
    const { organId, as } = agency();
    const document = await register(organId);
    const record = await createRecord(deps(), as('specialist'), recordInput('04.TH'));
    const before = await tableItems();
    emulator.setTransactionConflicts({ rate: 1, keyPrefix: `RECORD#${record.id}` });
    // Act
    const error = await addDocumentToRecord(deps(), as('specialist'), record.id, document.id).catch((e: unknown) => e);
    const after = await tableItems();
    // Assess
    expect(error).toBeInstanceOf(TransactionContendedError);
    expect(after).toEqual(before);
  });
});
