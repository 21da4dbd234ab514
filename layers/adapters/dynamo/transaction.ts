/**
 * TransactWriteItems with labelled items. DynamoDB explains a cancelled transaction with one reason per
 * item, in the order the items were sent; here each reason is paired with the label its item was built
 * with, in the one place that knows that order, so a store asks "did the file-code marker refuse?" and
 * never "was reason 1 ConditionalCheckFailed?".
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransactionCanceled, TransactionContendedError } from './errors.ts';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** An item of a transaction, named so that a refusal says which item refused. */
export interface LabelledItem<L extends string = string> {
  readonly label: L;
  readonly item: TransactItem;
}

/** Why DynamoDB cancelled a transaction, by label; each label once. */
export interface Cancellation<L extends string> {
  /** Items whose condition failed. */
  readonly refusedBy: readonly L[];
  /** Items another transaction was changing at the same moment. */
  readonly conflicted: readonly L[];
  /** Nothing but conflicts or throttling: the same transaction, sent again, may commit. */
  readonly transient: boolean;
}

/** The result of `transactWrite`: committed, or refused by the labelled items named (`error` is DynamoDB's). */
export type TransactOutcome<L extends string> = { readonly committed: true } | { readonly committed: false; readonly refusedBy: readonly L[]; readonly error: Error };

export interface TransactOptions {
  /** Names the write in a TransactionContendedError, e.g. `update of document 01J…`. */
  readonly subject: string;
  /** Sends in all, the first included (default 8). */
  readonly maxAttempts?: number;
}

/**
 * Commits `items` in one transaction. A cancellation caused by nothing but conflicts with other
 * transactions is sent again (the same items: a cancelled transaction wrote nothing) after a jittered,
 * growing pause, at most `maxAttempts` times in all, then a TransactionContendedError. A failed condition
 * is returned as the labels that refused; any other error or reason is thrown as DynamoDB gave it.
 *
 * @example
 * const outcome = await transactWrite(client, [{ label: 'record', item: putRecord }, { label: 'fileCode', item: putMarker }], { subject: `record ${id}` });
 * if (!outcome.committed && outcome.refusedBy.includes('fileCode')) return { kind: 'duplicate' };
 */
export async function transactWrite<L extends string>(client: DynamoDBDocumentClient, items: readonly LabelledItem<L>[], options: TransactOptions): Promise<TransactOutcome<L>> {
  const maxAttempts = options.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items.map(({ item }) => item) }));
      return { committed: true };
    } catch (error) {
      const cancellation = cancellationOf(error, items);
      if (cancellation === undefined || !(error instanceof Error)) throw error;
      if (!cancellation.transient) {
        if (cancellation.refusedBy.length === 0) throw error;
        return { committed: false, refusedBy: cancellation.refusedBy, error };
      }
      if (attempt >= maxAttempts) throw new TransactionContendedError({ subject: options.subject, attempts: attempt, conflicted: cancellation.conflicted }, { cause: error });
      await sleep(backoffMs(attempt));
    }
  }
}

/**
 * The labelled reasons of a TransactionCanceledException for `items`, the items it was sent with;
 * undefined for any other error, or when the reasons do not pair one to one with the items.
 */
export function cancellationOf<L extends string>(error: unknown, items: readonly LabelledItem<L>[]): Cancellation<L> | undefined {
  if (!isTransactionCanceled(error)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  if (reasons.length !== items.length) return undefined;
  const refusedBy = new Set<L>();
  const conflicted = new Set<L>();
  let transient = true;
  items.forEach(({ label }, index) => {
    const code = reasons[index]?.Code ?? 'None';
    if (code === 'ConditionalCheckFailed') refusedBy.add(label);
    if (code === 'TransactionConflict') conflicted.add(label);
    if (!transientCodes.has(code)) transient = false;
  });
  return { refusedBy: [...refusedBy], conflicted: [...conflicted], transient };
}

/** Labels every item of `items` with `label` (events, outbox entries, counters: one role, several items). */
export function labelled<L extends string>(label: L, items: readonly TransactItem[]): LabelledItem<L>[] {
  return items.map((item) => ({ label, item }));
}

/** Full jitter over 10, 20, 40 … ms, capped at 200 ms: racing writers spread out instead of meeting again. */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(200, 10 * 2 ** (attempt - 1));
}

/** Codes of items that would have passed (`None`) or that met a passing obstacle. */
const transientCodes: ReadonlySet<string> = new Set(['None', 'TransactionConflict', 'ThrottlingError']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
