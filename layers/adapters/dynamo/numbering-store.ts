import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { numberingConfigSchema } from '#domain/documents/numbering';
import type { RegisterCounter } from '#domain/documents/numbering-change';
import type { NumberingStore, StoredNumbering } from '#domain/documents/numbering-store';
import { keys, SCHEMA_VERSION } from './keys.ts';
import { queryAll } from './query-all.ts';
import { labelled, transactWrite } from './transaction.ts';

/**
 * NumberingStore on the single table: the configuration item `AGENCY#<organId>` / `NUMBERING` and the counters
 * under `COUNTER#<organId>` (docs/DATA.md).
 */
export class DynamoNumberingStore implements NumberingStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async numbering(organId: string): Promise<StoredNumbering> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.numbering(organId), ConsistentRead: true }));
    const parsed = numberingConfigSchema.safeParse(result.Item?.config);
    const version = typeof result.Item?.version === 'number' ? result.Item.version : 0;
    return parsed.success ? { config: parsed.data, version } : { version };
  }

  async arrivalCounters(organId: string, year: number): Promise<{ main: number; secret: number }> {
    const read = async (series: 'main' | 'secret') => {
      const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.arrivalCounter(organId, year, series), ConsistentRead: true }));
      return typeof result.Item?.value === 'number' ? result.Item.value : 0;
    };
    const [main, secret] = await Promise.all([read('main'), read('secret')]);
    return { main, secret };
  }

  async registerCounters(organId: string, year: number): Promise<RegisterCounter[]> {
    const items = await queryAll(this.client, this.tableName, `COUNTER#${organId}`, keys.registerCounterPrefix, { consistent: true });
    return items.flatMap((item) => {
      const match = /^REG#(.+)#(\d{4})$/.exec(String(item.sk));
      if (match === null || Number(match[2]) !== year) return [];
      const lastByFamily = Object.fromEntries(
        Object.entries(item).flatMap(([name, value]) => (name.startsWith(FAMILY_MARK) && typeof value === 'number' ? [[name.slice(FAMILY_MARK.length), value]] : [])),
      );
      return [
        {
          registerId: match[1] ?? '',
          year,
          value: typeof item.value === 'number' ? item.value : 0,
          lastByFamily,
          ...(typeof item.startedAfter === 'number' ? { startedAfter: item.startedAfter } : {}),
        },
      ];
    });
  }

  async saveNumbering(organId: string, input: Parameters<NumberingStore['saveNumbering']>[1]): Promise<'saved' | 'conflict'> {
    const { config, expectedVersion, guards, starts } = input;
    const outcome = await transactWrite(
      this.client,
      [
        {
          label: 'config',
          item: {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.numbering(organId), entity: 'NumberingConfig', schemaVersion: SCHEMA_VERSION, config, version: expectedVersion + 1 },
              ...versionCondition(expectedVersion),
            },
          },
        },
        // The counters the change was planned on must not have moved (or appeared) since.
        ...labelled(
          'guard',
          guards.map((guard) => ({
            ConditionCheck: { TableName: this.tableName, Key: keys.registerCounter(organId, guard.registerId, guard.year), ...counterCondition(guard.value) },
          })),
        ),
        // A started register must still be as planned: unused.
        ...labelled(
          'start',
          starts.map((start) => ({
            Update: {
              TableName: this.tableName,
              Key: keys.registerCounter(organId, start.registerId, start.year),
              UpdateExpression: 'SET #value = :after, startedAfter = :after, entity = :entity, schemaVersion = :version',
              ConditionExpression: counterCondition(start.expectedValue).ConditionExpression,
              ExpressionAttributeNames: { '#value': 'value' },
              ExpressionAttributeValues: {
                ...counterCondition(start.expectedValue).ExpressionAttributeValues,
                ':after': start.after,
                ':entity': 'Counter',
                ':version': SCHEMA_VERSION,
              },
            },
          })),
        ),
      ],
      { subject: `numbering of ${organId}` },
    );
    // Any refusal means the configuration or a counter moved since the change was planned.
    return outcome.committed ? 'saved' : 'conflict';
  }
}

/** The condition that a counter is as planned: absent, unused (absent or 0), or at a value. */
function counterCondition(value: number | 'absent'): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (value === 'absent') return { ConditionExpression: 'attribute_not_exists(pk)' };
  return value === 0
    ? { ConditionExpression: 'attribute_not_exists(pk) OR #value = :zero', ExpressionAttributeNames: { '#value': 'value' }, ExpressionAttributeValues: { ':zero': 0 } }
    : { ConditionExpression: '#value = :value', ExpressionAttributeNames: { '#value': 'value' }, ExpressionAttributeValues: { ':value': value } };
}

/** Counter attributes that keep the last number of a notation family: `last:QĐ`. */
const FAMILY_MARK = 'last:';

export function familyMark(family: string): string {
  return `${FAMILY_MARK}${family}`;
}

/** A condition that the numbering configuration is still at `version`. */
export function versionCondition(version: number) {
  // 0: none stored, or an item from before versions (it has no `version` attribute).
  return version === 0
    ? { ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } }
    : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': version } };
}
