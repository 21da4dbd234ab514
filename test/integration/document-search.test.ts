import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoNumberingStore } from '#adapters/dynamo/numbering-store';
import { documentEntry, documentSpace, rebuildDocumentIndex } from '#adapters/dynamo/document-search';
import { finishIndexing } from '#app/search/finish-indexing';
import { type IndexSpace, pendingItem } from '#adapters/dynamo/search-index';
import { defaultSearchLimits, search } from '#adapters/dynamo/search-query';
import { reconcile } from '#adapters/dynamo/search-reconcile';
import { ulidGenerator } from '#adapters/ids';
import type { Dependencies } from '#app/context';
import { issueOutgoing } from '#app/documents/issue';
import { configureNumbering } from '#app/documents/numbering';
import { approveOutgoing, createDraft, editDraft, submitOutgoing } from '#app/documents/outgoing-workflow';
import { receiveIncoming, registerArrived } from '#app/documents/arrivals';
import { listDocuments } from '#app/documents/read-documents';
import { registerIncoming } from '#app/documents/register-incoming';
import type { Document } from '#domain/documents/document';
import { historyEvent } from '#domain/documents/history';
import { incomingRegistrationSchema } from '#domain/documents/incoming';
import { outgoingDraftSchema } from '#domain/documents/outgoing';
import { documentWords } from '#domain/documents/search-text';
import type { Role } from '#domain/identity/principal';
import { matchesWords, searchWords } from '#domain/search/words';
import type { DynamoEmulator } from '#infra/local/dynamo/emulator';
import { fakeDependencies } from '../support/fake-dependencies.ts';
import { startTestTable, type TestTable } from '../support/dynamo-table.ts';

/**
 * The word index against the DynamoDB emulator through the use cases (issue 15): what a search finds is
 * exactly what a brute-force reading of every document finds, after create, edit, register, issue,
 * withdraw and an update of the metadata; a write whose indexing stopped half-way is still found; a rebuild
 * of the index after a random workload changes nothing; the requests of a first page do not grow with the
 * agency's documents.
 */
const TABLE = 'document-search';
let emulator: DynamoEmulator;
let client: DynamoDBDocumentClient;
let store: DynamoDocumentStore;
let numberingStore: DynamoNumberingStore;
let table: TestTable;
const now = new Date('2026-06-15T03:00:00Z');
let agencySeq = 0;

beforeAll(async () => {
  table = await startTestTable(TABLE);
  ({ emulator, client } = table);
  store = new DynamoDocumentStore(client, TABLE);
  numberingStore = new DynamoNumberingStore(client, TABLE);
});

afterAll(async () => {
  await emulator.close();
});

const noFiles = { store: { list: async () => ({ items: [] }) } } as unknown as Dependencies['files'];
const outbox = { relay: async () => undefined, send: async () => undefined } as unknown as Dependencies['outbox'];
const deps = (): Dependencies => fakeDependencies({ documents: store, numbering: numberingStore, files: noFiles, outbox, clock: { now: () => now }, ids: ulidGenerator });

/** A fresh sample agency (blocks 90–99) with its people. */
async function agency() {
  agencySeq += 1;
  const organId = `000.${70 + agencySeq}.98.H26`;
  const as = (role: Role, sub: string = role) => ({ principal: { sub, organId, roles: [role], name: `[MẪU] ${sub}` }, correlationId: 'c' });
  await configureNumbering(deps(), as('admin'), organId, { issuerAbbreviation: 'SNV', registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] });
  // Distinct numbers: a random one repeated among a few hundred registrations (a 1 in 20 chance) is a duplicate (409).
  let registered = 0;
  const register = (subject: string, extra: Record<string, unknown> = {}) =>
    registerIncoming(
      deps(),
      as('clerk'),
      incomingRegistrationSchema.parse({
        issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính [MẪU]' },
        codeNumber: String(100_000 + (registered += 1)),
        codeNotation: 'QĐ-BTC',
        promulgationDate: '2026-06-01',
        typeName: 'Quyết định',
        subject,
        ...extra,
      }),
    );
  const draft = (subject: string, extra: Record<string, unknown> = {}) =>
    createDraft(deps(), as('specialist', 'drafter'), outgoingDraftSchema.parse({ typeName: 'Công văn', subject, draftingUnitAbbreviation: 'VP', ...extra }));
  const issue = async (id: string) => {
    await submitOutgoing(deps(), as('specialist', 'drafter'), id);
    await approveOutgoing(deps(), as('leader'), id);
    return issueOutgoing(deps(), as('clerk'), id);
  };
  /** Every page of a search, as the caller sees it. */
  const search = async (q: string | undefined, options: { direction?: 'incoming' | 'outgoing'; role?: Role; sub?: string; limit?: number; status?: string } = {}) => {
    const ids: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await listDocuments(deps(), as(options.role ?? 'clerk', options.sub), {
        ...(q === undefined ? {} : { q }),
        ...(options.direction === undefined ? {} : { direction: options.direction }),
        ...(options.status === undefined ? {} : { status: options.status as never }),
        limit: options.limit ?? 25,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      ids.push(...page.items.map((document) => document.id));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== undefined && pages < 100);
    return ids;
  };
  return { organId, as, register, draft, issue, search };
}

/** What a search must answer: every document of `documents` that holds the words, newest first. */
function expected(documents: readonly Document[], q: string, direction?: 'incoming' | 'outgoing'): string[] {
  const words = searchWords(q);
  return documents
    .filter((document) => (direction === undefined || document.direction === direction) && (words === undefined || matchesWords(new Set(documentWords(document)), words)))
    .sort((a, b) => (`${b.createdAt}#${b.id}` < `${a.createdAt}#${a.id}` ? -1 : 1))
    .map((document) => document.id);
}

async function current(ids: readonly string[]): Promise<Document[]> {
  const documents = await Promise.all(ids.map((id) => store.getDocument(id)));
  return documents.filter((document): document is Document => document !== undefined);
}

/** The index items of an agency (postings, manifests of its documents, pending items), as a sorted list. */
function indexItems(organId: string, ids: readonly string[]): Promise<string[]> {
  const space = documentSpace(organId);
  return table.scan((item) => {
    const pk = String(item.pk);
    return pk.startsWith(space.postings) || pk === space.pending || (item.sk === 'SEARCH' && ids.includes(pk.slice('DOC#'.length)));
  });
}

describe('words: Vietnamese syllables, in any order, the last one as typed so far', () => {
  it('finds subject words with or without diacritics, in any order, and the last word as a prefix', async () => {
    // Prepare
    const a = await agency();
    const plan = await a.register('Kế hoạch phòng chống thiên tai năm 2026');
    const budget = await a.register('Về việc giao dự toán ngân sách nhà nước');
    // Act
    const found = {
      plain: await a.search('ke hoach phong chong'),
      accented: await a.search('Kế hoạch'),
      reordered: await a.search('thien tai ke hoach'),
      prefix: await a.search('phong ch'),
      prefixAlone: await a.search('thie'),
      dStroke: await a.search('du toan ngan sach'),
      miss: await a.search('khen thưởng'),
      missingWord: await a.search('ke hoach ngan sach'),
    };
    // Assess
    expect(found).toEqual({
      plain: [plan.id],
      accented: [plan.id],
      reordered: [plan.id],
      prefix: [plan.id],
      prefixAlone: [plan.id],
      dStroke: [budget.id],
      miss: [],
      missingWord: [],
    });
  });

  it('finds the number and notation in either order, and the issuer by name and code', async () => {
    // Prepare
    const a = await agency();
    const decision = await a.register('Về việc khen thưởng', {
      codeNumber: '15',
      codeNotation: 'QĐ-UBND',
      issuer: { organId: '000.00.00.H26', organName: 'Ủy ban nhân dân thành phố Hà Nội' },
    });
    await a.register('Về việc khen thưởng', { codeNumber: '16', codeNotation: 'QĐ-BTC' });
    // Act
    const found = {
      notation: await a.search('15/QĐ-UBND'),
      reversed: await a.search('qd-ubnd 15'),
      issuerName: await a.search('uy ban nhan dan ha noi'),
      issuerCode: await a.search('000.00.00.H26'),
      issuerShortCode: await a.search('khen thuong h26'),
    };
    // Assess
    expect(found).toEqual({ notation: [decision.id], reversed: [decision.id], issuerName: [decision.id], issuerCode: [decision.id], issuerShortCode: [decision.id] });
  });

  it('answers incoming and outgoing together, newest first, when no direction is given', async () => {
    // Prepare
    const a = await agency();
    const received = await a.register('Chuyển đổi số trong cơ quan nhà nước');
    const drafted = await a.draft('Báo cáo chuyển đổi số quý 2');
    // Act
    const both = await a.search('chuyen doi so');
    const incomingOnly = await a.search('chuyen doi so', { direction: 'incoming' });
    const everything = await a.search(undefined);
    // Assess
    expect(both).toEqual([drafted.id, received.id]);
    expect(incomingOnly).toEqual([received.id]);
    expect(everything).toEqual([drafted.id, received.id]);
  });
});

describe('the index stays exact', () => {
  it('follows create, edit, issue, register, withdraw and an accepted update', async () => {
    // Prepare
    const a = await agency();
    const draft = await a.draft('Tờ trình về việc mua sắm trang thiết bị');
    const arrived = await receiveIncoming(
      deps(),
      {
        organId: a.organId,
        metadata: {
          issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính [MẪU]' },
          codeNumber: '88',
          codeNotation: 'CV-BTC',
          promulgationDate: '2026-06-01',
          typeName: 'Công văn',
          subject: 'Hướng dẫn quyết toán kinh phí',
          urgency: 'normal',
          secrecy: 'none',
        } as never,
        source: { channel: 'axis', senderCode: '000.00.00.G12' } as never,
        receivedBy: { sub: 'axis', organId: a.organId, roles: ['clerk'], name: 'axis' },
      },
      'c',
    );
    // Act + Assess: edit
    expect(await a.search('mua sam')).toEqual([draft.id]);
    await editDraft(deps(), a.as('specialist', 'drafter'), draft.id, { subject: 'Tờ trình về việc sửa chữa trụ sở' });
    expect(await a.search('mua sam')).toEqual([]);
    expect(await a.search('sua chua tru so')).toEqual([draft.id]);
    // issue: the printed number becomes searchable
    const issued = await a.issue(draft.id);
    expect(await a.search(`${issued.issue?.codeNumber}/${issued.issue?.codeNotation}`)).toEqual([draft.id]);
    // register an arrived document: found before and after, with its status
    expect(await a.search('quyet toan kinh phi', { status: 'arrived' })).toEqual([arrived.id]);
    await registerArrived(deps(), a.as('clerk'), arrived.id);
    expect(await a.search('quyet toan kinh phi', { status: 'arrived' })).toEqual([]);
    expect(await a.search('quyet toan kinh phi', { status: 'registered' })).toEqual([arrived.id]);
    // withdraw with an accepted update of the subject (as an accepted sender request writes it)
    const before = (await store.getDocument(arrived.id)) as Document;
    const withdrawn = { ...before, status: 'withdrawn', subject: 'Hướng dẫn thanh toán kinh phí', version: before.version + 1 } as Document;
    const event = historyEvent({
      documentId: arrived.id,
      sequence: withdrawn.version,
      action: 'withdrawn',
      at: now,
      principal: a.as('clerk').principal,
      before: null,
      after: {},
      correlationId: 'c',
    });
    expect(await store.updateDocument(withdrawn, before, event)).toBe('saved');
    expect(await a.search('quyet toan')).toEqual([]);
    expect(await a.search('thanh toan kinh phi', { status: 'withdrawn' })).toEqual([arrived.id]);
  });

  it('shows a secret document only to those who may read it', async () => {
    // Prepare
    const a = await agency();
    const secret = await a.register('Kế hoạch bảo vệ bí mật nhà nước', { secrecy: 'secret' });
    // Act
    const clerk = await a.search('bao ve bi mat');
    const leader = await a.search('bao ve bi mat', { role: 'leader' });
    const specialist = await a.search('bao ve bi mat', { role: 'specialist', sub: 'someone' });
    // Assess
    expect({ clerk, leader, specialist }).toEqual({ clerk: [secret.id], leader: [secret.id], specialist: [] });
  });

  it('finds a document whose indexing stopped after its write (a crash), and a rebuild completes it', async () => {
    // Prepare: the write committed with its pending item, the postings never came
    const a = await agency();
    const written = await a.register('Phương án phòng cháy chữa cháy');
    const space = documentSpace(a.organId);
    const left = (await indexItems(a.organId, [written.id])).map((text) => JSON.parse(text) as { pk: string; sk: string });
    for (const item of left) await client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
    await client.send(new PutCommand({ TableName: TABLE, Item: { pk: space.pending, sk: written.id, position: `${written.createdAt}#${written.id}`, version: written.version } }));
    // Act
    const found = await a.search('phong chay chua chay');
    const rebuilt = await rebuildDocumentIndex(client, TABLE, a.organId);
    // Assess
    expect(found).toEqual([written.id]);
    expect(rebuilt.entries).toBe(1);
    expect((await indexItems(a.organId, [written.id])).filter((text) => text.includes('"SearchPending"'))).toEqual([]);
    expect(await a.search('phuong an phong chay')).toEqual([written.id]);
  });

  it('the sweeper indexes what a stopped write left pending for more than a minute, and leaves a younger one to its write', async () => {
    // Prepare: two writes whose indexing never ran, one two minutes ago, one just now
    const a = await agency();
    const old = await a.register('Quy chế quản lý tài sản công');
    const young = await a.register('Quy chế chi tiêu nội bộ');
    const space = documentSpace(a.organId);
    for (const [written, at] of [
      [old, new Date(now.getTime() - 120_000)],
      [young, now],
    ] as const) {
      const left = (await indexItems(a.organId, [written.id])).map((text) => JSON.parse(text) as { pk: string; sk: string; id?: string; entity: string });
      for (const item of left.filter((i) => i.id === written.id || i.sk === written.id || i.pk === `DOC#${written.id}`))
        await client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
      await client.send(new PutCommand({ TableName: TABLE, Item: { ...pendingItem(TABLE, space, documentEntry(written)).Put.Item, at: at.toISOString() } }));
    }
    const agencies = {
      list: async () => ({ items: [{ code102: a.organId }] }),
      finishIndexing: async () => ({ finished: 0, removed: 0, left: 0 }),
    } as unknown as Dependencies['agencies'];
    // Act
    const report = await finishIndexing({ agencies, clock: { now: () => now }, documents: store }, { timeLeftMs: () => 60_000 });
    // Assess
    expect(report).toMatchObject({ finished: 1, left: 1, agencies: 1 });
    const pending = (await indexItems(a.organId, [old.id, young.id])).filter((text) => text.includes('"SearchPending"'));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toContain(young.id);
    expect(await a.search('quy che')).toEqual([young.id, old.id]);
  });

  it('after a random concurrent workload: every query answers what a reading of every document answers, and rebuilt = live', async () => {
    // Prepare
    const a = await agency();
    const syllables = ['kế hoạch', 'phòng chống', 'thiên tai', 'dự toán', 'ngân sách', 'chuyển đổi số', 'khen thưởng', 'quyết toán', 'đầu tư', 'công', 'cống', 'cộng'];
    const subject = (i: number) => `${syllables[i % syllables.length]} ${syllables[(i * 7 + 3) % syllables.length]} lần ${i}`;
    const ids: string[] = [];
    const drafts: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const i = round * 10 + k;
          const kind = i % 4;
          if (kind === 0 || kind === 1) ids.push((await a.register(subject(i), i % 9 === 0 ? { secrecy: 'secret' } : {})).id);
          if (kind === 2) {
            const created = await a.draft(subject(i));
            ids.push(created.id);
            drafts.push(created.id);
          }
          if (kind === 3 && drafts.length > 0) {
            // Two editors of the same draft at once: one wins, the other is told the draft changed.
            const id = drafts[i % drafts.length] ?? '';
            await Promise.allSettled([
              editDraft(deps(), a.as('specialist', 'drafter'), id, { subject: subject(i + 1) }),
              editDraft(deps(), a.as('specialist', 'drafter'), id, { subject: subject(i + 2) }),
            ]);
            if (i % 3 === 0) await a.issue(id).catch(() => undefined);
          }
        }),
      );
    }
    const documents = await current(ids);
    const queries = ['ke hoach', 'thien tai ke', 'cong', 'co', 'chuyen doi so', 'lan 1', 'khen thuong dau tu', 'ngan', 'khong co', 'snv', 'cv'];
    // Act
    const answers = await Promise.all(queries.map(async (q) => ({ q, found: await a.search(q, { limit: 7 }) })));
    const live = await indexItems(a.organId, ids);
    const report = await rebuildDocumentIndex(client, TABLE, a.organId);
    const rebuilt = await indexItems(a.organId, ids);
    // Assess
    for (const { q, found } of answers) expect({ q, found }).toEqual({ q, found: expected(documents, q) });
    expect(report).toMatchObject({ entries: documents.length, orphansDeleted: 0 });
    expect(rebuilt).toEqual(live);
    expect(live.filter((text) => text.includes('"SearchPending"'))).toEqual([]);
  });
});

describe('reconciles of two versions of one entry, in any order or at once', () => {
  it('always ends with the newer version indexed, its postings only, and no pending item', async () => {
    for (let trial = 0; trial < 12; trial += 1) {
      // Prepare: versions 2 and 3 committed (each put its pending item), neither indexed yet
      const space: IndexSpace = { postings: `TERM#T${trial}#`, vocabulary: `WORDS#T${trial}`, pending: `INDEXQ#T${trial}`, descending: true };
      const entry = (version: number, words: string[]) => ({
        id: 'e1',
        position: '2026-06-15T03:00:00.000Z#e1',
        words,
        version,
        manifest: { pk: `ENTRY#T${trial}`, sk: 'SEARCH' },
      });
      await reconcile(client, TABLE, space, entry(1, ['mot', 'chung']));
      const v2 = entry(2, ['hai', 'chung']);
      const v3 = entry(3, ['ba', 'chung']);
      await client.send(new PutCommand(pendingItem(TABLE, space, v3).Put));
      // Act
      if (trial % 3 === 0) await Promise.all([reconcile(client, TABLE, space, v2), reconcile(client, TABLE, space, v3)]);
      if (trial % 3 === 1) await reconcile(client, TABLE, space, v3).then(() => reconcile(client, TABLE, space, v2));
      if (trial % 3 === 2) await Promise.all([reconcile(client, TABLE, space, v3), reconcile(client, TABLE, space, v2)]);
      // Assess
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const result: ScanCommandOutput = await client.send(new ScanCommand({ TableName: TABLE, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) }));
        items.push(...(result.Items ?? []).filter((item) => String(item.pk).startsWith(space.postings) || item.pk === space.pending || item.pk === `ENTRY#T${trial}`));
        startKey = result.LastEvaluatedKey;
      } while (startKey !== undefined);
      const postings = items.filter((item) => item.entity === 'SearchPosting').map((item) => `${String(item.pk).slice(space.postings.length)}@${String(item.version)}`);
      expect({ trial, postings: postings.sort() }).toEqual({ trial, postings: ['*@3', 'ba@3', 'chung@3'] });
      expect(items.find((item) => item.entity === 'SearchManifest')).toMatchObject({ version: 3, words: ['*', 'ba', 'chung'] });
      expect(items.filter((item) => item.entity === 'SearchPending')).toEqual([]);
    }
  });
});

describe('the engine at its limits (small settings, synthetic entries)', () => {
  // 60 entries over 30 words: w0 … w29 spread so that each word is common; "ngX" words give a prefix 30 completions.
  const space: IndexSpace = { postings: 'TERM#LIMITS#', vocabulary: 'WORDS#LIMITS', pending: 'INDEXQ#LIMITS', descending: true };
  const entries = Array.from({ length: 60 }, (_, i) => ({
    id: `e${String(i).padStart(2, '0')}`,
    position: `2026-06-15T03:00:${String(i).padStart(2, '0')}.000Z#e${i}`,
    words: [`w${i % 2}`, `w${2 + (i % 3)}`, `ng${i % 30}`, ...(i === 7 ? ['hiem'] : [])],
    version: 1,
    manifest: { pk: `ENTRY#LIMITS#${i}`, sk: 'SEARCH' },
  }));
  const stored = new Map(entries.map((entry) => [entry.id, entry]));
  const run = async (q: string, limits = defaultSearchLimits) => {
    const found: string[] = [];
    const pages: number[] = [];
    let after: string | undefined;
    do {
      const page = await search(
        client,
        TABLE,
        space,
        {
          ...(searchWords(q) === undefined ? {} : { words: searchWords(q) }),
          ...(after === undefined ? {} : { after }),
          limit: 5,
          load: async (ids) => ids.flatMap((id) => (stored.has(id) ? [stored.get(id) as unknown as Record<string, unknown>] : [])),
          describe: (item) => ({ id: String(item.id), position: String(item.position), words: new Set(item.words as string[]) }),
          accept: () => true,
        },
        limits,
      );
      found.push(...page.items.map((item) => String(item.id)));
      pages.push(page.items.length);
      after = page.after;
    } while (after !== undefined && pages.length < 200);
    return { found, pages };
  };
  const oracle = (q: string) => {
    const words = searchWords(q);
    return entries
      .filter((entry) => words === undefined || matchesWords(new Set(entry.words), words))
      .sort((a, b) => (a.position < b.position ? 1 : -1))
      .map((entry) => entry.id);
  };

  beforeAll(async () => {
    for (const entry of entries) await reconcile(client, TABLE, space, entry);
  });

  it('answers a rare conjunction of common words with short pages and a token when its rounds run out, and every page together is exact', async () => {
    // Act: w0, w1 and w3 are each in 20–30 entries; all three in none (w0 and w1 never meet), w1 ∧ w3 in 10.
    // Tiny limits make each page stop after one round.
    const tight = {
      none: await run('w0 w1 w3', { ...defaultSearchLimits, probe: 2, walk: 2, rounds: 1 }),
      some: await run('w1 w3', { ...defaultSearchLimits, probe: 2, walk: 2, rounds: 1 }),
    };
    const roomy = await run('w0 w1 w3');
    // Assess
    expect(tight.none.found).toEqual([]);
    expect(tight.none.pages.length).toBeGreaterThan(1);
    expect(tight.some.found).toEqual(oracle('w1 w3'));
    expect(tight.some.pages.some((n) => n < 5)).toBe(true);
    expect(roomy).toEqual({ found: [], pages: [0] });
  });

  it.each(['ng', 'w0 ng', 'w3 ng1', 'ng2', 'w1 w4', 'zz', ''])('"%s": every page together is exactly the matching entries, in order', async (q) => {
    const result = await run(q);
    expect(result.found).toEqual(oracle(q));
  });
});

describe('an entry of more words than one transaction holds', () => {
  it('a write that stopped half-way, then an older set of words again: every posting right, none pending, rebuild changes nothing', async () => {
    // Prepare: v2 indexed with 120 words (more than one transaction), then v3 (other words) stops after its first two transactions
    const space: IndexSpace = { postings: 'TERM#LONG#', vocabulary: 'WORDS#LONG', pending: 'INDEXQ#LONG', descending: true };
    const many = (tag: string) => Array.from({ length: 120 }, (_, i) => `${tag}${i}`);
    const entry = (version: number, words: string[]) => ({ id: 'long', position: '2026-06-15T03:00:00.000Z#long', words, version, manifest: { pk: 'ENTRY#LONG', sk: 'SEARCH' } });
    await reconcile(client, TABLE, space, entry(2, ['chung', ...many('a')]));
    let transactions = 0;
    const stopping = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    stopping.middlewareStack.add(
      (next) => async (args) => {
        if ((args as { input?: { TransactItems?: unknown } }).input?.TransactItems !== undefined && ++transactions > 2) throw new Error('the function stopped');
        return next(args);
      },
      { step: 'initialize', name: 'stopAfterTwoTransactions' },
    );
    await client.send(new PutCommand(pendingItem(TABLE, space, entry(3, [])).Put));
    await expect(reconcile(stopping, TABLE, space, entry(3, ['chung', ...many('b')]))).rejects.toThrow('the function stopped');
    // Act: v4 has v2's words again
    await client.send(new PutCommand(pendingItem(TABLE, space, entry(4, [])).Put));
    await reconcile(client, TABLE, space, entry(4, ['chung', ...many('a')]));
    const live = await table.scan((item) => String(item.pk).startsWith(space.postings) || item.pk === space.pending || item.pk === 'ENTRY#LONG');
    // Assess
    const postings = live.map((text) => JSON.parse(text) as Record<string, unknown>).filter((item) => item.entity === 'SearchPosting');
    expect(postings.map((item) => String(item.pk).slice(space.postings.length)).sort()).toEqual(['*', 'chung', ...many('a')].sort());
    expect(new Set(postings.map((item) => `${String(item.version)}|${String(item.words)}`)).size).toBe(1);
    expect(postings[0]).toMatchObject({ version: 4, words: ` ${['*', 'chung', ...many('a')].join(' ')} ` });
    expect(live.filter((text) => text.includes('SearchPending'))).toEqual([]);
    expect(JSON.parse(live.find((text) => text.includes('SearchManifest')) ?? '{}')).not.toHaveProperty('writing');
  });
});

describe('cost of a first page', () => {
  it('reads the same number of DynamoDB requests for a rare word, a common word and a miss at 60 and 240 documents', async () => {
    // Prepare
    const cost = async (size: number) => {
      const a = await agency();
      await a.register('Quyết định về việc phê duyệt đề án hiếm có');
      for (let i = 0; i < size; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => a.register(`Quyết định giao nhiệm vụ số ${i + k}`)));
      const measure = async (q: string) => {
        table.resetRequests();
        const page = await listDocuments(deps(), a.as('clerk'), { q, limit: 25 });
        return { requests: table.requests(), items: page.items.length };
      };
      return { rare: await measure('hiem co'), common: await measure('giao nhiem vu'), miss: await measure('khong ton tai') };
    };
    // Act
    const small = await cost(60);
    const large = await cost(240);
    // Assess
    expect(small).toEqual(large);
    expect(large.rare.items).toBe(1);
    expect(large.common.items).toBe(25);
    expect(large.miss.items).toBe(0);
  });
});
