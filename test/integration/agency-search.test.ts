import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAgencyStore } from '#adapters/dynamo/agency-store';
import { agencySpace } from '#adapters/dynamo/agency-search';
import { listAgencies } from '#app/agencies/directory';
import { newUnit, type OrganisationUnit } from '#domain/agency/unit';
import { main } from '#infra/cli/main';
import type { DynamoEmulator } from '#infra/local/dynamo/emulator';
import { fakeDependencies } from '../support/fake-dependencies.ts';
import { startTestTable, type TestTable } from '../support/dynamo-table.ts';

/**
 * Directory search over the word index against the DynamoDB emulator (issue 15): words of the name and
 * code in any order, the last one as typed so far, a whole code; a renamed unit found by its new name only;
 * the requests of a first page the same for a small and a larger directory; `vanthu search-index rebuild
 * --directory` leaves a live index as it is and restores a damaged one.
 */
const TABLE = 'agency-search';
let emulator: DynamoEmulator;
let client: DynamoDBDocumentClient;
let store: DynamoAgencyStore;
let table: TestTable;
const ctx = { principal: { sub: 'reader', organId: '000.00.00.H26', roles: ['clerk' as const], name: '[MẪU] reader' }, correlationId: 'c' };
const change = { at: '2026-06-15T03:00:00.000Z', by: { sub: 'test', name: 'test' }, source: 'sample' as const, before: null, after: {} };

beforeAll(async () => {
  table = await startTestTable(TABLE);
  ({ emulator, client } = table);
  store = new DynamoAgencyStore(client, TABLE);
});

afterAll(async () => {
  await emulator.close();
});

const deps = () => fakeDependencies({ agencies: store });
const unit = (code102: string, name: string): OrganisationUnit => newUnit({ code102, name: `${name} [MẪU]`, kind: 'agency' } as never, new Date('2026-06-15T03:00:00Z'));

async function save(units: readonly OrganisationUnit[]): Promise<void> {
  const outcomes = await store.save(units.map((u) => ({ unit: u, change })));
  expect(outcomes.every((outcome) => outcome === 'saved')).toBe(true);
}

async function find(q: string, options: { parent?: string; limit?: number } = {}): Promise<string[]> {
  const codes: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await listAgencies(deps(), ctx, {
      q,
      limit: options.limit ?? 25,
      ...(options.parent === undefined ? {} : { parent: options.parent }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    codes.push(...page.items.map((u) => u.code102));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return codes;
}

function indexItems(): Promise<string[]> {
  return table.scan((item) => String(item.pk).startsWith(agencySpace.postings) || item.pk === agencySpace.pending || item.sk === 'SEARCH');
}

describe('directory search', () => {
  it('finds name words in any order, without diacritics, the last as a prefix, a whole code, within a parent', async () => {
    // Prepare
    await save([
      unit('000.00.00.H26', 'Ủy ban nhân dân thành phố Hà Nội'),
      unit('000.00.91.H26', 'Sở Nội vụ'),
      unit('000.00.92.H26', 'Sở Tài chính'),
      unit('000.01.91.H26', 'Phòng Nội vụ quận Đống Đa'),
    ]);
    // Act
    const found = {
      words: await find('noi vu'),
      reordered: await find('vu noi so'),
      prefix: await find('dong d'),
      code102: await find('000.00.91.H26'),
      qd20: await find('H26.91'),
      underParent: await find('noi vu', { parent: '000.00.00.H26' }),
      miss: await find('bo quoc phong'),
    };
    // Assess
    expect(found).toEqual({
      words: ['000.01.91.H26', '000.00.91.H26'],
      reordered: ['000.00.91.H26'],
      prefix: ['000.01.91.H26'],
      code102: ['000.00.91.H26'],
      qd20: ['000.00.91.H26'],
      underParent: ['000.00.91.H26'],
      miss: [],
    });
  });

  it('refuses a directory cursor naming a start key DynamoDB cannot use with 400 on query.nextToken, never 500', async () => {
    const forged = Buffer.from(JSON.stringify({ partition: 0, key: { pk: 'AGENCY#x', gsi3pk: 'AGENCY_LEVEL#1' } })).toString('base64url');
    await expect(listAgencies(deps(), ctx, { level: 1, limit: 5, nextToken: forged })).rejects.toMatchObject({ kind: 'validation', errors: [{ path: 'query.nextToken' }] });
  });

  it('finds a renamed unit by its new name only', async () => {
    // Prepare
    const before = unit('000.00.93.H26', 'Sở Kế hoạch và Đầu tư');
    await save([before]);
    // Act
    await save([{ ...before, name: 'Sở Tài chính và Đầu tư công [MẪU]', version: before.version + 1 }]);
    // Assess
    expect(await find('ke hoach dau tu')).toEqual([]);
    expect(await find('dau tu cong')).toEqual(['000.00.93.H26']);
  });

  it('reads as many requests for a rare word, a common word and a miss at 120 and 480 units', async () => {
    const cost = async (size: number, block: number, village: string) => {
      const units = Array.from({ length: size }, (_, i) =>
        unit(`000.00.${String(i % 100).padStart(2, '0')}.${['G', 'H', 'A', 'B', 'C'][Math.floor(i / 100)]}${block}`, `Trường tiểu học ${village} số ${i}`),
      );
      for (let i = 0; i < units.length; i += 25) await save(units.slice(i, i + 25));
      await save([unit(`000.00.99.K${block}`, `Ban quản lý hiếm gặp ${village}`)]);
      const measure = async (q: string) => {
        table.resetRequests();
        const page = await listAgencies(deps(), ctx, { q, limit: 25 });
        return { requests: table.requests(), items: page.items.length };
      };
      return { rare: await measure(`hiem gap ${village}`), common: await measure(`${village} truong tieu hoc`), miss: await measure('khong ton tai') };
    };
    // Act
    const small = await cost(120, 41, 'Ninh');
    const large = await cost(480, 42, 'Thuận');
    // Assess
    expect(small).toEqual(large);
    expect(large.rare.items).toBe(1);
    expect(large.common.items).toBe(25);
  });

  it('`vanthu search-index rebuild --directory`: rebuilt = live, and a damaged index restored', async () => {
    // Prepare
    const live = await indexItems();
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    const names = ['TABLE_NAME', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'];
    const environment = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    Object.assign(process.env, { TABLE_NAME: TABLE, AWS_ENDPOINT_URL: emulator.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'local' });
    try {
      // Act
      const first = await main(['search-index', 'rebuild', '--directory'], io);
      const afterFirst = await indexItems();
      // Every posting of one unit lost (as if its postings had never been written), its manifest left as it was
      const lost = afterFirst
        .map((text) => JSON.parse(text) as { pk: string; sk: string; id?: string; entity: string })
        .filter((item) => item.entity === 'SearchPosting' && item.id === '000.00.91.H26');
      expect(lost.length).toBeGreaterThan(3);
      for (const posting of lost) await client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: posting.pk, sk: posting.sk } }));
      const damaged = await find('noi vu');
      const second = await main(['search-index', 'rebuild', '--directory'], io);
      // Assess
      expect({ first, second }).toEqual({ first: 0, second: 0 });
      expect(afterFirst).toEqual(live);
      expect(damaged).toEqual(['000.01.91.H26']);
      expect(await indexItems()).toEqual(live);
      expect(await find('noi vu')).toEqual(['000.01.91.H26', '000.00.91.H26']);
      expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ directory: { orphansDeleted: 0 } });
    } finally {
      for (const [name, value] of Object.entries(environment)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
