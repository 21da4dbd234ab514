/**
 * TransactGetItems on top of dynalite's GetItem. The caller holds the front's lock exclusively, so the
 * items are read from one moment of the table: no write lands between the first read and the last.
 */
import * as z from 'zod';
import { DynamoAnswerError } from './answers.ts';
import type { DynaliteClient } from './dynalite-client.ts';
import { rejectRepeatedItems } from './table-keys.ts';
import { attributeMap, type AttributeMap, type TransactGetRequest } from './transact-requests.ts';

/** DynamoDB's answer: one entry per requested item, in order, `{}` where the item does not exist. */
export interface TransactGetOutput {
  readonly Responses: readonly { readonly Item?: AttributeMap }[];
}

const getItemOutput = z.object({ Item: attributeMap.optional() });

export async function transactGet(request: TransactGetRequest, dynalite: DynaliteClient): Promise<TransactGetOutput> {
  rejectRepeatedItems(request.TransactItems.map(({ Get }) => ({ tableName: Get.TableName, key: Get.Key })));
  const responses = await Promise.all(
    request.TransactItems.map(async ({ Get }) => {
      const outcome = await dynalite.call('GetItem', { ...Get, ConsistentRead: true }, getItemOutput);
      if (!outcome.ok) throw new DynamoAnswerError(outcome.answer);
      return outcome.output.Item === undefined ? {} : { Item: outcome.output.Item };
    }),
  );
  return { Responses: responses };
}
