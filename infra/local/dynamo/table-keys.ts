/**
 * Knows each table's key attributes, so a transaction can name the item a Put writes and spot two
 * operations on one item. Key schemas are read once through DescribeTable and forgotten when a table
 * is created, updated or deleted.
 */
import * as z from 'zod';
import { DynamoAnswerError, validationError } from './answers.ts';
import type { DynaliteClient } from './dynalite-client.ts';
import type { AttributeMap } from './transact-requests.ts';

const describeTableOutput = z.object({
  Table: z.object({ KeySchema: z.array(z.object({ AttributeName: z.string() })) }),
});

export class TableKeys {
  readonly #keyNames = new Map<string, readonly string[]>();

  constructor(private readonly dynalite: DynaliteClient) {}

  /** The key part of `item` in `tableName`; DynamoDB's ValidationException when a key attribute is missing. */
  async keyOf(tableName: string, item: AttributeMap): Promise<AttributeMap> {
    const names = await this.#namesOf(tableName);
    const key: AttributeMap = {};
    for (const name of names) {
      const value = item[name];
      if (value === undefined) throw validationError('One of the required keys was not given a value');
      key[name] = value;
    }
    return key;
  }

  /** Drops what is known about every table: called when a table's definition may have changed. */
  forget(): void {
    this.#keyNames.clear();
  }

  async #namesOf(tableName: string): Promise<readonly string[]> {
    const known = this.#keyNames.get(tableName);
    if (known !== undefined) return known;
    const outcome = await this.dynalite.call('DescribeTable', { TableName: tableName }, describeTableOutput);
    if (!outcome.ok) throw new DynamoAnswerError(outcome.answer);
    const names = outcome.output.Table.KeySchema.map((element) => element.AttributeName);
    this.#keyNames.set(tableName, names);
    return names;
  }
}

/** DynamoDB refuses a transaction that touches one item twice, whatever the operations are. */
export function rejectRepeatedItems(targets: readonly { readonly tableName: string; readonly key: AttributeMap }[]): void {
  const seen = new Set<string>();
  for (const { tableName, key } of targets) {
    const identity = itemIdentity(tableName, key);
    if (seen.has(identity)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
  }
}

/** One string per item: the table and its key attributes in name order. */
function itemIdentity(tableName: string, key: AttributeMap): string {
  const attributes = Object.keys(key)
    .sort()
    .map((name) => [name, key[name]]);
  return JSON.stringify([tableName, attributes]);
}
