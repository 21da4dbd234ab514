import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys.ts';
import { TransactionContendedError } from './errors.ts';
import { cancellationOf, type LabelledItem, type TransactItem } from './transaction.ts';

/** The result of a numbered write: committed with its number, or refused by the labelled items named. */
export type NumberedOutcome = { readonly committed: true; readonly number: number } | { readonly committed: false; readonly refusedBy: readonly string[] };

/**
 * Gap-free, duplicate-free numbering (số đến, số đi, the secret series): the counter update and the
 * items that carry the number commit in one transaction, conditional on the counter still holding the
 * value read. Losers of a race re-read and retry; nothing is ever reserved and then lost, so no gaps.
 *
 * Within one process, writes to the same counter queue behind each other and the last committed value
 * is cached, so the common case is a single TransactWriteItems request. Across processes (Lambda
 * containers) the condition decides and the loser retries with jittered backoff.
 */
export class CounterAllocator {
  private readonly lastCommitted = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly maxAttempts = 60,
  ) {}

  /**
   * Commits `build(n)` with the counter at `counter` moved to n = current + 1; `marks` are attributes of
   * the counter item set to n in the same update (the last number of a notation family).
   */
  async commit(counter: Key, build: (n: number) => readonly LabelledItem[] | Promise<readonly LabelledItem[]>, marks: readonly string[] = []): Promise<NumberedOutcome> {
    const id = `${counter.pk}|${counter.sk}`;
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.then(
      () => this.attempt(id, counter, build, marks),
      () => this.attempt(id, counter, build, marks),
    );
    this.queues.set(id, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
    }
  }

  /**
   * Retries, after re-reading the counter, when the counter moved (its condition failed), when it or any
   * item was in conflict with another transaction, and nothing else refused; the same attempts bound both.
   */
  private async attempt(
    id: string,
    counter: Key,
    build: (n: number) => readonly LabelledItem[] | Promise<readonly LabelledItem[]>,
    marks: readonly string[],
  ): Promise<NumberedOutcome> {
    let conflicted: readonly string[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const current = this.lastCommitted.get(id) ?? (await this.read(counter));
      const next = current + 1;
      const items: readonly LabelledItem[] = [{ label: COUNTER, item: this.counterUpdate(counter, current, next, marks) }, ...(await build(next))];
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
        this.lastCommitted.set(id, next);
        return { committed: true, number: next };
      } catch (error) {
        const cancellation = cancellationOf(error, items);
        if (cancellation === undefined) throw error;
        const counterMoved = cancellation.refusedBy.includes(COUNTER) || cancellation.conflicted.includes(COUNTER);
        if (counterMoved || cancellation.transient) {
          conflicted = cancellation.conflicted;
          this.lastCommitted.delete(id);
          await sleep(Math.random() * Math.min(200, 5 * attempt));
          continue;
        }
        if (cancellation.refusedBy.length === 0) throw error;
        return { committed: false, refusedBy: cancellation.refusedBy };
      }
    }
    throw new TransactionContendedError({ subject: `counter ${id}`, attempts: this.maxAttempts, conflicted });
  }

  private async read(counter: Key): Promise<number> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: counter, ConsistentRead: true }));
    const value = result.Item?.value;
    return typeof value === 'number' ? value : 0;
  }

  private counterUpdate(counter: Key, current: number, next: number, marks: readonly string[]): TransactItem {
    const names = Object.fromEntries(marks.map((mark, i) => [`#mark${i}`, mark]));
    return {
      Update: {
        TableName: this.tableName,
        Key: counter,
        UpdateExpression: ['SET #value = :next, entity = :entity, schemaVersion = :version', ...Object.keys(names).map((name) => `${name} = :next`)].join(', '),
        ConditionExpression: current === 0 ? 'attribute_not_exists(pk) OR #value = :current' : '#value = :current',
        ExpressionAttributeNames: { '#value': 'value', ...names },
        ExpressionAttributeValues: { ':next': next, ':current': current, ':entity': 'Counter', ':version': 1 },
      },
    };
  }
}

/** The label of the counter's own update among the items of a numbered write. */
const COUNTER = '(counter)';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
