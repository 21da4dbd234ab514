import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoNumberingStore } from '#adapters/dynamo/numbering-store';
import { ulidGenerator } from '#adapters/ids';
import type { Dependencies } from '#app/context';
import { issueOutgoing } from '#app/documents/issue';
import { configureNumbering, readNumbering } from '#app/documents/numbering';
import { approveOutgoing, createDraft, submitOutgoing } from '#app/documents/outgoing-workflow';
import { historyEvent } from '#domain/documents/history';
import { outgoingDraftSchema, type OutgoingDocument } from '#domain/documents/outgoing';
import type { NumberingConfig } from '#domain/documents/numbering';
import { planNumberingChange } from '#domain/documents/numbering-change';
import { DomainError } from '#domain/errors';
import type { Role } from '#domain/identity/principal';
import { printedIdentity } from '#domain/text';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';
import { fakeDependencies } from '../support/fake-dependencies.ts';

/**
 * Numbering of Nghị định 30 against the DynamoDB emulator through the use cases: a printed number and
 * notation is issued once a year whatever the register configuration (issue 11), the series the decree
 * names (legal normative, copies, secret), and the refusals, each changing nothing.
 */
let emulator: DynamoEmulator;
let store: DynamoDocumentStore;
let numberingStore: DynamoNumberingStore;
const now = new Date('2026-06-15T03:00:00Z');
let agencySeq = 0;

beforeAll(async () => {
  emulator = await startDynamoEmulator();
  const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
  const dynamo = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials });
  await createTable(dynamo, 'numbering-documents');
  store = new DynamoDocumentStore(DynamoDBDocumentClient.from(dynamo), 'numbering-documents');
  numberingStore = new DynamoNumberingStore(DynamoDBDocumentClient.from(dynamo), 'numbering-documents');
});

afterAll(async () => {
  await emulator.close();
});

// A secret document's files are checked (it holds none) when it is issued.
const noFiles = { store: { list: async () => ({ items: [] }) } } as unknown as Dependencies['files'];
const deps = (): Dependencies => fakeDependencies({ documents: store, numbering: numberingStore, files: noFiles, clock: { now: () => now }, ids: ulidGenerator });

/** A fresh sample agency (blocks 90–99) per test, configured with ký hiệu SNV and one general register. */
async function agency(registers: NumberingConfig['registers'] = [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }]) {
  agencySeq += 1;
  const organId = `000.${90 + agencySeq}.99.H26`;
  const as = (role: Role) => ({ principal: { sub: role, organId, roles: [role], name: `[MẪU] ${role}` }, correlationId: 'c' });
  await configureNumbering(deps(), as('admin'), organId, { issuerAbbreviation: 'SNV', registers });
  const issue = async (draft: Record<string, unknown>): Promise<OutgoingDocument> => {
    const created = await createDraft(deps(), as('specialist'), outgoingDraftSchema.parse({ subject: 'Văn bản thử', ...draft }));
    await submitOutgoing(deps(), as('specialist'), created.id);
    await approveOutgoing(deps(), as('leader'), created.id);
    return issueOutgoing(deps(), as('clerk'), created.id);
  };
  const printed = (d: OutgoingDocument) => `${d.issue?.codeNumber}/${d.issue?.codeNotation}`;
  return { organId, as, issue, printed, configure: (next: NumberingConfig) => configureNumbering(deps(), as('admin'), organId, next) };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const decisionsOwnRegister: NumberingConfig = {
  issuerAbbreviation: 'SNV',
  registers: [
    { id: 'decisions', name: 'Sổ Quyết định', typeNames: ['Quyết định'] },
    { id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] },
  ],
};

describe('a printed number and notation is issued once a year, whatever the registers', () => {
  it('gives Quyết định a register of its own mid-year: the new register continues after the highest QĐ number', async () => {
    const a = await agency();
    const before = [await a.issue({ typeName: 'Quyết định' }), await a.issue({ typeName: 'Quyết định' }), await a.issue({ typeName: 'Thông báo' })];
    expect(before.map(a.printed)).toEqual(['01/QĐ-SNV', '02/QĐ-SNV', '03/TB-SNV']);

    const view = await a.configure(decisionsOwnRegister);
    expect(view.registers.find((r) => r.id === 'decisions')).toMatchObject({ nextNumber: 3, nextCodeNumber: '03', startedAfter: 2 });
    expect(view.registers.find((r) => r.id === 'general')).toMatchObject({ nextNumber: 4 });

    const after = [await a.issue({ typeName: 'Quyết định' }), await a.issue({ typeName: 'Quyết định' }), await a.issue({ typeName: 'Thông báo' })];
    expect(after.map(a.printed)).toEqual(['03/QĐ-SNV', '04/QĐ-SNV', '04/TB-SNV']);
    expect(after.map((d) => d.issue?.registerId)).toEqual(['decisions', 'decisions', 'general']);
    const all = [...before, ...after].map((d) => printedIdentity(d.issue?.codeNumber ?? '', d.issue?.codeNotation ?? ''));
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses (409, nothing saved) a change that makes a register that already numbered documents repeat a number', async () => {
    const a = await agency(decisionsOwnRegister.registers);
    for (let i = 0; i < 5; i += 1) await a.issue({ typeName: 'Quyết định' });
    await a.issue({ typeName: 'Thông báo' });
    const before = await readNumbering(deps(), a.as('clerk'), a.organId);
    const error = await refusal(a.configure({ issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] }));
    expect(error).toMatchObject({ kind: 'conflict', type: 'numbering-would-repeat' });
    expect(error.errors).toEqual([expect.objectContaining({ path: 'body.registers.0.typeNames', message: expect.stringContaining('05/QĐ-SNV') })]);
    expect(await readNumbering(deps(), a.as('clerk'), a.organId)).toEqual(before);
    expect(a.printed(await a.issue({ typeName: 'Quyết định' }))).toBe('06/QĐ-SNV');
  });

  it('keeps every printed number unique while issues race a register change', async () => {
    const a = await agency();
    for (let i = 0; i < 3; i += 1) await a.issue({ typeName: 'Quyết định' });
    const drafts = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const created = await createDraft(deps(), a.as('specialist'), outgoingDraftSchema.parse({ subject: `Đua ${i}`, typeName: i % 3 === 0 ? 'Thông báo' : 'Quyết định' }));
        await submitOutgoing(deps(), a.as('specialist'), created.id);
        await approveOutgoing(deps(), a.as('leader'), created.id);
        return created.id;
      }),
    );
    const issuing = drafts.map((id) =>
      issueOutgoing(deps(), a.as('clerk'), id).then(
        (d) => a.printed(d),
        (e: unknown) => (e instanceof DomainError ? e.type : String(e)),
      ),
    );
    const change = a.configure(decisionsOwnRegister).then(
      () => 'configured',
      (e: unknown) => (e instanceof DomainError ? e.type : String(e)),
    );
    const results = await Promise.all([...issuing, change]);
    const printed = results.filter((r) => r.includes('/'));
    expect(new Set(printed).size).toBe(printed.length);
    // Every issue went through (a configuration that changed under it is read again); the change either saved or said it raced.
    expect(printed).toHaveLength(24);
    expect(['configured', 'numbering-changed', 'numbering-would-repeat']).toContain(results.at(-1));
  });

  it('refuses an issue whose printed number is already taken (409), writing nothing', async () => {
    const a = await agency();
    const first = await a.issue({ typeName: 'Quyết định' });
    const created = await createDraft(deps(), a.as('specialist'), outgoingDraftSchema.parse({ subject: 'Trùng số', typeName: 'Quyết định' }));
    await submitOutgoing(deps(), a.as('specialist'), created.id);
    const approved = await approveOutgoing(deps(), a.as('leader'), created.id);
    const numbering = await numberingStore.numbering(a.organId);
    // A register whose counter fell behind (data from before the rule): the store refuses the repeat.
    const result = await store.commitNumbered<OutgoingDocument>({
      counter: { organId: a.organId, kind: 'register', series: 'restored', year: 2026 },
      current: approved,
      build: (number) => ({
        document: { ...approved, version: approved.version + 1, status: 'issued' },
        event: historyEvent({
          documentId: approved.id,
          sequence: approved.version + 1,
          action: 'issued',
          at: now,
          principal: a.as('clerk').principal,
          before: null,
          after: { number },
          correlationId: 'c',
        }),
      }),
      printed: { identity: (n) => printedIdentity(String(n).padStart(2, '0'), 'QĐ-SNV'), scope: 'public', family: 'QĐ', numberingVersion: numbering.version },
    });
    expect(result).toEqual({ kind: 'printed-taken', identity: '1/QĐ-SNV', documentId: first.id });
    expect(await store.getDocument(approved.id)).toMatchObject({ status: 'approved', version: approved.version });
    expect((await numberingStore.registerCounters(a.organId, 2026)).find((c) => c.registerId === 'restored')).toBeUndefined();
    expect(await store.history(approved.id)).toHaveLength(approved.version);
  });

  it('refuses (409, nothing saved) a configuration saved over one that changed since it was read', async () => {
    const a = await agency();
    const before = await numberingStore.numbering(a.organId);
    await a.configure(decisionsOwnRegister);
    const stale = await numberingStore.saveNumbering(a.organId, {
      config: { issuerAbbreviation: 'XYZ', registers: decisionsOwnRegister.registers },
      expectedVersion: before.version,
      guards: [],
      starts: [],
    });
    expect(stale).toBe('conflict');
    expect((await numberingStore.numbering(a.organId)).config?.issuerAbbreviation).toBe('SNV');
  });

  it('refuses a change planned before an issue created a register counter (the first number of a year)', async () => {
    const a = await agency();
    const stored = await numberingStore.numbering(a.organId);
    const plan = planNumberingChange(decisionsOwnRegister, ['general'], await numberingStore.registerCounters(a.organId, 2026), 2026);
    expect(plan.guards).toContainEqual({ registerId: 'general', year: 2026, value: 'absent' });
    await a.issue({ typeName: 'Quyết định' });
    expect(await numberingStore.saveNumbering(a.organId, { config: decisionsOwnRegister, expectedVersion: stored.version, ...plan })).toBe('conflict');
    const view = await a.configure(decisionsOwnRegister);
    expect(view.registers[0]).toMatchObject({ id: 'decisions', startedAfter: 1, nextCodeNumber: '02' });
  });

  it('tells an issue planned under an older configuration to choose its series again', async () => {
    const a = await agency();
    const created = await createDraft(deps(), a.as('specialist'), outgoingDraftSchema.parse({ subject: 'Cũ', typeName: 'Quyết định' }));
    await submitOutgoing(deps(), a.as('specialist'), created.id);
    const approved = await approveOutgoing(deps(), a.as('leader'), created.id);
    const stale = (await numberingStore.numbering(a.organId)).version;
    await a.configure(decisionsOwnRegister);
    const result = await store.commitNumbered<OutgoingDocument>({
      counter: { organId: a.organId, kind: 'register', series: 'general', year: 2026 },
      current: approved,
      build: () => ({
        document: { ...approved, version: approved.version + 1 },
        event: historyEvent({
          documentId: approved.id,
          sequence: approved.version + 1,
          action: 'issued',
          at: now,
          principal: a.as('clerk').principal,
          before: null,
          after: {},
          correlationId: 'c',
        }),
      }),
      printed: { identity: (n) => `${n}/QĐ-SNV`, scope: 'public', family: 'QĐ', numberingVersion: stale },
    });
    expect(result).toEqual({ kind: 'numbering-changed' });
    expect(await store.getDocument(approved.id)).toMatchObject({ status: 'approved' });
  });
});

describe('the series Nghị định 30 names', () => {
  it('numbers legal normative documents per type with the year in the notation, apart from administrative ones', async () => {
    const a = await agency();
    const legal = await a.issue({ typeName: 'Quyết định', legalNormative: true });
    expect(legal.issue).toMatchObject({ codeNumber: '01', codeNotation: '2026/QĐ-SNV', registerId: 'legal-qd', series: 'legal-normative' });
    expect(a.printed(await a.issue({ typeName: 'Quyết định' }))).toBe('01/QĐ-SNV');
    expect(a.printed(await a.issue({ typeName: 'Nghị quyết', legalNormative: true }))).toBe('01/2026/NQ-SNV');
    expect(a.printed(await a.issue({ typeName: 'Quyết định', legalNormative: true }))).toBe('02/2026/QĐ-SNV');
  });

  it('numbers copies (SY, TrS, SL) in one series of their own from 01', async () => {
    const a = await agency();
    await a.issue({ typeName: 'Thông báo' });
    const copies = [await a.issue({ typeName: 'Bản sao y' }), await a.issue({ typeName: 'Bản trích sao' }), await a.issue({ typeName: 'Bản sao lục' })];
    expect(copies.map(a.printed)).toEqual(['01/SY-SNV', '02/TrS-SNV', '03/SL-SNV']);
    expect(copies.every((c) => c.issue?.series === 'copy' && c.issue.registerId === 'copies')).toBe(true);
  });

  it('numbers secret documents in their own series, marked secret in the answer', async () => {
    const a = await agency();
    const open = await a.issue({ typeName: 'Quyết định' });
    const secret = await a.issue({ typeName: 'Quyết định', secrecy: 'secret' });
    expect(open.issue).toMatchObject({ codeNumber: '01', series: 'administrative' });
    expect(secret.issue).toMatchObject({ codeNumber: '01', codeNotation: 'QĐ-SNV', registerId: 'secret', series: 'secret', registerName: 'Sổ đăng ký văn bản mật đi' });
  });

  it('takes the ký hiệu from the configuration and a Công văn carries its drafting unit', async () => {
    const a = await agency();
    expect(a.printed(await a.issue({ typeName: 'Công văn', draftingUnitAbbreviation: 'VX' }))).toBe('01/SNV-VX');
    const missing = await refusal(createDraft(deps(), a.as('specialist'), outgoingDraftSchema.parse({ subject: 'Thiếu đơn vị', typeName: 'Công văn' })));
    expect(missing).toMatchObject({ kind: 'validation', errors: [expect.objectContaining({ path: 'body.draftingUnitAbbreviation' })] });
    const notLegal = await refusal(createDraft(deps(), a.as('specialist'), outgoingDraftSchema.parse({ subject: 'Sai loại', typeName: 'Thông báo', legalNormative: true })));
    expect(notLegal).toMatchObject({ kind: 'validation', errors: [expect.objectContaining({ path: 'body.legalNormative' })] });
    expect(a.printed(await a.issue({ typeName: 'Thông báo', issuerAbbreviation: 'UBND' }))).toBe('02/TB-SNV');
  });

  it('refuses to issue (422) until the agency has a ký hiệu, changing nothing', async () => {
    const organId = '000.98.98.H26';
    const as = (role: Role) => ({ principal: { sub: role, organId, roles: [role], name: role }, correlationId: 'c' });
    const created = await createDraft(deps(), as('specialist'), outgoingDraftSchema.parse({ subject: 'Chưa cấu hình', typeName: 'Thông báo' }));
    await submitOutgoing(deps(), as('specialist'), created.id);
    await approveOutgoing(deps(), as('leader'), created.id);
    expect(await refusal(issueOutgoing(deps(), as('clerk'), created.id))).toMatchObject({ kind: 'unprocessable', type: 'numbering-not-configured' });
    expect(await store.getDocument(created.id)).toMatchObject({ status: 'approved' });
  });
});
