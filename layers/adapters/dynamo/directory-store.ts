import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#domain/documents/store';
import type { Role } from '#domain/identity/principal';
import type { DirectoryStore } from '#domain/people/directory';
import { matchesPerson, personSearchText, type Person, type PersonQuery } from '#domain/people/person';
import type { Unit } from '#domain/people/unit';
import { foldVietnamese } from '#domain/text';
import { batchGetAll } from './batch-get.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { SCHEMA_VERSION, stripStorage, type Key } from './keys.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { queryAll } from './query-all.ts';

/** The agency's directory partition: its units `UNIT#<unitId>` and users `USER#<sub>` (docs/DATA.md, "People"). */
const partition = (organId: string) => `DIR#${organId}`;
const unitKey = (organId: string, unitId: string): Key => ({ pk: partition(organId), sk: `UNIT#${unitId}` });
const personKey = (organId: string, sub: string): Key => ({ pk: partition(organId), sk: `USER#${sub}` });

/**
 * The people directory on the single table: one partition per agency, so every read names the agency and a
 * directory is never read across agencies. A user list or an audience reads the agency's users in one Query
 * (a few hundred small items; about 1,000 users fit in one 1 MB page) and filters them here: no index to keep,
 * no Scan. Writes are conditional on the version read (optimistic locking).
 */
export class DynamoDirectoryStore implements DirectoryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async units(organId: string): Promise<readonly Unit[]> {
    const items = await queryAll(this.client, this.tableName, partition(organId), 'UNIT#');
    return items.map((item) => stripStorage<Unit>(item));
  }

  async getUnits(organId: string, unitIds: readonly string[]): Promise<ReadonlyMap<string, Unit>> {
    const items = await batchGetAll(
      this.client,
      this.tableName,
      unitIds.map((id) => unitKey(organId, id)),
    );
    return new Map(items.map((item) => stripStorage<Unit>(item)).map((unit) => [unit.unitId, unit]));
  }

  saveUnit(unit: Unit): Promise<'saved' | 'conflict'> {
    return this.save({ ...unitKey(unit.organId, unit.unitId), entity: 'Unit', ...unit }, unit.version);
  }

  async people(query: PersonQuery): Promise<Page<Person>> {
    const scope = {
      index: '',
      partition: partition(query.organId),
      bound: JSON.stringify([query.unit ?? '', query.role ?? '', foldVietnamese(query.q ?? ''), query.includeInactive === true]),
    };
    // The position is the last name returned (folded, then the sub), carried as the token's sort key.
    const after = query.nextToken === undefined ? undefined : decodePageToken(query.nextToken, scope).sk;
    const matching = (await this.allPeople(query.organId))
      .filter((person) => matchesPerson(person, query))
      .map((person) => ({ person, order: orderOf(person) }))
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      .filter((entry) => after === undefined || entry.order > after);
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((entry) => entry.person),
      ...(matching.length > query.limit && last !== undefined ? { nextToken: encodePageToken({ pk: scope.partition, sk: last.order }, scope) } : {}),
    };
  }

  async getPeople(organId: string, subs: readonly string[]): Promise<ReadonlyMap<string, Person>> {
    const items = await batchGetAll(
      this.client,
      this.tableName,
      subs.map((sub) => personKey(organId, sub)),
    );
    return new Map(items.map((item) => stripStorage<Person>(item)).map((person) => [person.sub, person]));
  }

  savePerson(person: Person): Promise<'saved' | 'conflict'> {
    return this.save({ ...personKey(person.organId, person.sub), entity: 'Person', searchText: personSearchText(person), ...person }, person.version);
  }

  async audience(organId: string, who: { readonly units?: readonly string[]; readonly roles?: readonly Role[] }): Promise<readonly Person[]> {
    const units = new Set(who.units ?? []);
    const roles = new Set(who.roles ?? []);
    return (await this.allPeople(organId)).filter((person) => person.active && (person.units.some((unit) => units.has(unit)) || person.roles.some((role) => roles.has(role))));
  }

  private async allPeople(organId: string): Promise<Person[]> {
    const items = await queryAll(this.client, this.tableName, partition(organId), 'USER#');
    return items.map((item) => stripStorage<Person>(item));
  }

  private async save(item: Record<string, unknown> & { version: number }, version: number): Promise<'saved' | 'conflict'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, schemaVersion: SCHEMA_VERSION },
          ...(version === 1
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': version - 1 } }),
        }),
      );
      return 'saved';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'conflict';
      throw error;
    }
  }
}

/** Users are listed by name as a reader sorts them (folded), then by sub. */
function orderOf(person: Person): string {
  return `${foldVietnamese(person.name)}\u0000${person.sub}`;
}
