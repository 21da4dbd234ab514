/**
 * TransactWriteItems on top of dynalite's single-item calls. The caller holds the front's lock
 * exclusively, so nothing else reads or writes while this runs: each operation is applied with its own
 * condition, every condition is evaluated (so each item gets its reason), and if any fails the old images
 * are put back before DynamoDB's TransactionCanceledException is answered. A transaction the conflict
 * switch picks is cancelled before any operation is applied.
 */
import * as z from 'zod';
import { DynamoAnswerError, internalServerError, transactionCanceledError, transactionConflictReason, validationError, type CancellationReason } from './answers.ts';
import type { ConflictSwitch } from './conflicts.ts';
import type { DynaliteClient } from './dynalite-client.ts';
import { rejectRepeatedItems, type TableKeys } from './table-keys.ts';
import {
  attributeMap,
  type AttributeMap,
  type ConditionCheckOperation,
  type DeleteOperation,
  type PutOperation,
  type TransactWriteItem,
  type TransactWriteRequest,
  type UpdateOperation,
} from './transact-requests.ts';

export interface TransactionStore {
  readonly dynalite: DynaliteClient;
  readonly tableKeys: TableKeys;
  /** Cancels chosen transactions with TransactionConflict before they write anything (./conflicts.ts). */
  readonly conflicts?: ConflictSwitch;
}

/** Applies every write of `request` or none of them; throws a `DynamoAnswerError` carrying the answer otherwise. */
export async function transactWrite(request: TransactWriteRequest, store: TransactionStore): Promise<void> {
  const steps = await Promise.all(request.TransactItems.map((item) => planStep(item, store.tableKeys)));
  rejectRepeatedItems(steps);
  // After validation, as DynamoDB does: a malformed request is refused as such, never as a conflict.
  const conflicting = store.conflicts?.conflictingItem(steps.map((step) => step.key));
  if (conflicting !== undefined) {
    throw transactionCanceledError(steps.map((_step, index) => (index === conflicting ? transactionConflictReason : { Code: 'None' })));
  }
  // The items are distinct and nothing else runs meanwhile, so the operations can go to dynalite at once:
  // each is evaluated against its own item exactly as if the others had not happened.
  const settled = await Promise.allSettled(steps.map((step) => attempt(step, store.dynalite)));
  const attempts = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const written = attempts.filter((done) => done.result === 'written');
  const rejected = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected !== undefined) {
    await restore(store.dynalite, written, rejected.reason);
    throw rejected.reason;
  }
  if (attempts.every((done) => done.result !== 'conditionFailed')) return;
  await restore(store.dynalite, written, undefined);
  throw transactionCanceledError(attempts.map(reasonFor));
}

/** One operation of the transaction, with the key of the item it touches. */
type Step = { readonly tableName: string; readonly key: AttributeMap } & (
  | { readonly kind: 'Put'; readonly operation: PutOperation }
  | { readonly kind: 'Update'; readonly operation: UpdateOperation }
  | { readonly kind: 'Delete'; readonly operation: DeleteOperation }
  | { readonly kind: 'ConditionCheck'; readonly operation: ConditionCheckOperation }
);

/** What one operation did: its item is either written (to undo on cancel), merely checked, or untouched. */
interface Attempt {
  readonly step: Step;
  readonly oldImage: AttributeMap | undefined;
  readonly result: 'written' | 'checked' | 'conditionFailed';
}

const writeOutput = z.looseObject({});
const getItemOutput = z.object({ Item: attributeMap.optional() });

async function planStep(item: TransactWriteItem, tableKeys: TableKeys): Promise<Step> {
  const { Put, Update, Delete, ConditionCheck } = item;
  const count = [Put, Update, Delete, ConditionCheck].filter((operation) => operation !== undefined).length;
  if (count === 1) {
    if (Put) return { kind: 'Put', tableName: Put.TableName, key: await tableKeys.keyOf(Put.TableName, Put.Item), operation: Put };
    if (Update) return { kind: 'Update', tableName: Update.TableName, key: Update.Key, operation: Update };
    if (Delete) return { kind: 'Delete', tableName: Delete.TableName, key: Delete.Key, operation: Delete };
    if (ConditionCheck) return { kind: 'ConditionCheck', tableName: ConditionCheck.TableName, key: ConditionCheck.Key, operation: ConditionCheck };
  }
  throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
}

/** Reads the item's old image, then performs the operation with its condition; any other error is thrown. */
async function attempt(step: Step, dynalite: DynaliteClient): Promise<Attempt> {
  const oldImage = await readItem(dynalite, step.tableName, step.key);
  const outcome = await dynalite.call(...singleCall(step, oldImage), writeOutput);
  if (outcome.ok) return { step, oldImage, result: step.kind === 'ConditionCheck' ? 'checked' : 'written' };
  if (outcome.errorType === 'ConditionalCheckFailedException') return { step, oldImage, result: 'conditionFailed' };
  throw new DynamoAnswerError(outcome.answer);
}

/** The item as it is now (consistent read), or undefined when absent. */
async function readItem(dynalite: DynaliteClient, tableName: string, key: AttributeMap): Promise<AttributeMap | undefined> {
  const outcome = await dynalite.call('GetItem', { TableName: tableName, Key: key, ConsistentRead: true }, getItemOutput);
  if (!outcome.ok) throw new DynamoAnswerError(outcome.answer);
  return outcome.output.Item;
}

/**
 * The single-item call that performs `step` with its condition. A ConditionCheck must write nothing:
 * an existing item is put back unchanged under the condition, an absent one is "deleted" under it.
 */
function singleCall(step: Step, oldImage: AttributeMap | undefined): [string, object] {
  const { operation } = step;
  // ReturnValuesOnConditionCheckFailure is not passed on: dynalite ignores it, the old image is known here.
  const expression = {
    TableName: operation.TableName,
    ConditionExpression: operation.ConditionExpression,
    ExpressionAttributeNames: operation.ExpressionAttributeNames,
    ExpressionAttributeValues: operation.ExpressionAttributeValues,
  };
  switch (step.kind) {
    case 'Put':
      return ['PutItem', { ...expression, Item: step.operation.Item }];
    case 'Update':
      return ['UpdateItem', { ...expression, Key: step.key, UpdateExpression: step.operation.UpdateExpression }];
    case 'Delete':
      return ['DeleteItem', { ...expression, Key: step.key }];
    case 'ConditionCheck':
      return oldImage === undefined ? ['DeleteItem', { ...expression, Key: step.key }] : ['PutItem', { ...expression, Item: oldImage }];
  }
}

function reasonFor({ step, oldImage, result }: Attempt): CancellationReason {
  if (result !== 'conditionFailed') return { Code: 'None' };
  const wantsOldImage = step.operation.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && oldImage !== undefined;
  return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(wantsOldImage ? { Item: oldImage } : {}) };
}

/** Puts every written item back as it was; a failed restore is an internal error, never hidden. */
async function restore(dynalite: DynaliteClient, written: readonly Attempt[], original: unknown): Promise<void> {
  const undone = await Promise.allSettled(
    written.map(async ({ step, oldImage }) => {
      const outcome =
        oldImage === undefined
          ? await dynalite.call('DeleteItem', { TableName: step.tableName, Key: step.key }, writeOutput)
          : await dynalite.call('PutItem', { TableName: step.tableName, Item: oldImage }, writeOutput);
      if (!outcome.ok) throw new DynamoAnswerError(outcome.answer);
    }),
  );
  const failures = undone.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length === 0) return;
  const causes = original === undefined ? failures : [...failures, original];
  throw internalServerError(new AggregateError(causes, 'Rolling back a cancelled transaction failed'));
}
