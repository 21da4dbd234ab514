import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgencyLevel } from '#domain/agency/code';
import type { AgencyQuery, AgencyStore, UnitChange } from '#domain/agency/store';
import type { IndexingReport } from '#domain/documents/store';
import type { OrganisationUnit } from '#domain/agency/unit';
import type { Page } from '#domain/documents/store';
import { ValidationError } from '#domain/errors';
import { foldVietnamese } from '#domain/text';
import { pad, SCHEMA_VERSION, stripStorage } from './keys.ts';
import { transactWrite } from './transaction.ts';
import { batchGetAll } from './batch-get.ts';
import { queryPages } from './query-all.ts';
import { agencyPending, finishAgencyIndexing, indexAgencies, searchAgencies } from './agency-search.ts';

const ROWS_PER_TRANSACTION = 25;
const LEVELS: readonly AgencyLevel[] = [1, 2, 3, 4];

const agencyKey = (code102: string) => ({ pk: `AGENCY#${code102}`, sk: 'AGENCY' });

/** The agency directory on the single table (docs/DATA.md, patterns 15–17). */
export class DynamoAgencyStore implements AgencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(code102: string): Promise<OrganisationUnit | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: agencyKey(code102) }));
    return result.Item === undefined ? undefined : stripStorage<OrganisationUnit>(result.Item);
  }

  async getByQd20(qd20: string): Promise<OrganisationUnit | undefined> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `AGENCYCODE#${qd20}` },
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    return item === undefined ? undefined : stripStorage<OrganisationUnit>(item);
  }

  async getMany(codes102: readonly string[]): Promise<ReadonlyMap<string, OrganisationUnit>> {
    const items = await this.getManyItems(codes102, false);
    return new Map([...items].map(([code, item]) => [code, stripStorage<OrganisationUnit>(item)]));
  }

  /** The stored items of these agencies, by code102 (`consistent` for a search's check of its candidates). */
  private async getManyItems(codes102: readonly string[], consistent = true): Promise<Map<string, Record<string, unknown>>> {
    const items = await batchGetAll(this.client, this.tableName, codes102.map(agencyKey), { consistent });
    return new Map(items.map((item) => [String(item.code102), item]));
  }

  async list(query: AgencyQuery): Promise<Page<OrganisationUnit>> {
    if (query.words !== undefined) return searchAgencies(this.client, this.tableName, query, async (codes) => [...(await this.getManyItems(codes)).values()]);
    const cursor = decodeCursor(query.nextToken);
    const partitions =
      query.parent !== undefined
        ? [{ index: 'gsi2', pk: `AGENCY_PARENT#${query.parent}` }]
        : (query.level === undefined ? LEVELS : [query.level]).map((level) => ({ index: 'gsi3', pk: `AGENCY_LEVEL#${level}` }));
    const items: OrganisationUnit[] = [];
    let position = cursor?.partition ?? 0;
    let startKey = cursor?.key;
    while (position < partitions.length && items.length < query.limit) {
      const partition = partitions[position];
      if (partition === undefined) break;
      if (startKey !== undefined && startKey[`${partition.index}pk`] !== partition.pk) throw invalidToken();
      const result = await this.client
        .send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: partition.index,
            KeyConditionExpression: `${partition.index}pk = :p`,
            ExpressionAttributeValues: { ':p': partition.pk },
            Limit: query.limit - items.length,
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        )
        .catch((error: unknown) => {
          // A cursor naming a start key DynamoDB cannot use: the caller's token, not our fault (400, never 500).
          if (startKey !== undefined && error instanceof Error && error.name === 'ValidationException') throw invalidToken();
          throw error;
        });
      const page = result.Items ?? [];
      const room = query.limit - items.length;
      items.push(...page.slice(0, room).map((item) => stripStorage<OrganisationUnit>(item)));
      if (page.length > room) {
        const last = page[room - 1];
        startKey =
          last === undefined
            ? undefined
            : { pk: last.pk, sk: last.sk, [`${partition.index}pk`]: last[`${partition.index}pk`], [`${partition.index}sk`]: last[`${partition.index}sk`] };
        break;
      }
      startKey = result.LastEvaluatedKey;
      if (startKey === undefined) position += 1;
    }
    const done = position >= partitions.length;
    return { items, ...(done ? {} : { nextToken: encodeCursor({ partition: position, ...(startKey === undefined ? {} : { key: startKey }) }) }) };
  }

  finishIndexing(before: string, timeLeftMs: () => number): Promise<IndexingReport> {
    return finishAgencyIndexing(this.client, this.tableName, before, timeLeftMs, (code102) => this.get(code102));
  }

  async history(code102: string): Promise<readonly (UnitChange & { version: number })[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': agencyKey(code102).pk, ':v': 'VERSION#' },
      }),
    );
    return (result.Items ?? []).map((item) => stripStorage<UnitChange & { version: number }>(item));
  }

  async save(changes: readonly { unit: OrganisationUnit; change: UnitChange }[]): Promise<readonly ('saved' | 'conflict')[]> {
    const outcomes: ('saved' | 'conflict')[] = [];
    for (let i = 0; i < changes.length; i += ROWS_PER_TRANSACTION) {
      const chunk = changes.slice(i, i + ROWS_PER_TRANSACTION);
      if (await this.write(chunk)) {
        outcomes.push(...chunk.map(() => 'saved' as const));
        continue;
      }
      // One row lost a race: write the rows one by one to know which.
      for (const single of chunk) outcomes.push((await this.write([single])) ? 'saved' : 'conflict');
    }
    return outcomes;
  }

  /** False when a row's condition failed (it changed meanwhile); transaction conflicts are retried. */
  private async write(changes: readonly { unit: OrganisationUnit; change: UnitChange }[]): Promise<boolean> {
    const items = changes.flatMap(({ unit, change }) => [
      { label: 'unit', item: this.putUnit(unit) },
      { label: 'version', item: this.putVersion(unit, change) },
      { label: 'search', item: agencyPending(this.tableName, unit) },
    ]);
    const outcome = await transactWrite(this.client, items, { subject: `agency directory rows ${changes.map(({ unit }) => unit.code102).join(', ')}` });
    if (outcome.committed)
      await indexAgencies(
        this.client,
        this.tableName,
        changes.map(({ unit }) => unit),
      );
    return outcome.committed;
  }

  private putUnit(unit: OrganisationUnit) {
    const name = foldVietnamese(unit.name);
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...agencyKey(unit.code102),
          entity: 'Agency',
          schemaVersion: SCHEMA_VERSION,
          ...unit,
          gsi1pk: `AGENCYCODE#${unit.qd20}`,
          gsi1sk: 'AGENCY',
          ...(unit.parentCode102 === null ? {} : { gsi2pk: `AGENCY_PARENT#${unit.parentCode102}`, gsi2sk: `${name}#${unit.code102}` }),
          gsi3pk: `AGENCY_LEVEL#${unit.level}`,
          gsi3sk: `${name}#${unit.code102}`,
        },
        ...(unit.version === 1
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': unit.version - 1 } }),
      },
    };
  }

  private putVersion(unit: OrganisationUnit, change: UnitChange) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: agencyKey(unit.code102).pk, sk: `VERSION#${pad(unit.version, 6)}`, entity: 'AgencyVersion', schemaVersion: SCHEMA_VERSION, version: unit.version, ...change },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
}

/**
 * The code102 of every agency of the directory (Query gsi3 `AGENCY_LEVEL#<level>` for each level, projecting
 * the code alone): the keys by which the KPI report reads the agencies' counters (kpi-store.ts).
 */
export async function directoryCodes(client: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const levels = await Promise.all(
    LEVELS.map(async (level) => {
      const codes: string[] = [];
      for await (const item of levelItems(client, tableName, level, 'code102')) if (typeof item.code102 === 'string') codes.push(item.code102);
      return codes;
    }),
  );
  return levels.flat();
}

/** Every unit of the directory, level by level (a rebuild of its word index reads them). */
export async function* directoryUnits(client: DynamoDBDocumentClient, tableName: string): AsyncIterable<OrganisationUnit> {
  for (const level of LEVELS) for await (const item of levelItems(client, tableName, level)) yield stripStorage<OrganisationUnit>(item);
}

function levelItems(client: DynamoDBDocumentClient, tableName: string, level: AgencyLevel, projection?: string): AsyncIterable<Record<string, unknown>> {
  return queryPages(client, {
    TableName: tableName,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :p',
    ExpressionAttributeValues: { ':p': `AGENCY_LEVEL#${level}` },
    ...(projection === undefined ? {} : { ProjectionExpression: projection }),
  });
}

interface Cursor {
  readonly partition: number;
  readonly key?: Record<string, unknown>;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string | undefined): Cursor | undefined {
  if (token === undefined) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    const keyOk =
      cursor.key === undefined ||
      (typeof cursor.key === 'object' && Object.values(cursor.key).every((v) => typeof v === 'string') && String(cursor.key.pk ?? '').startsWith('AGENCY#'));
    if (Number.isInteger(cursor.partition) && cursor.partition >= 0 && cursor.partition < 4 && keyOk) return cursor;
  } catch {
    // fall through
  }
  throw invalidToken();
}

function invalidToken(): ValidationError {
  return new ValidationError('The nextToken is not valid for this list; start again without it.', {
    errors: [{ path: 'query.nextToken', message: 'not a token issued for this list' }],
  });
}
