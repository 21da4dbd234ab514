import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { TransactionContendedError } from '#adapters/dynamo/errors';
import { cancellationOf, transactWrite, type LabelledItem } from '#adapters/dynamo/transaction';

/** Three items; the labels, not the positions, are what a store asks about. */
const items: LabelledItem<'record' | 'slot' | 'member'>[] = [
  { label: 'record', item: { Put: { TableName: 't', Item: { pk: 'R', sk: 'RECORD' } } } },
  { label: 'slot', item: { Put: { TableName: 't', Item: { pk: 'R', sk: 'DOC#000001' } } } },
  { label: 'member', item: { Put: { TableName: 't', Item: { pk: 'R', sk: 'MEMBER#D' } } } },
];

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
}

/** A client whose sends fail with `failures` in turn, then succeed; it counts the sends. */
function scriptedClient(failures: readonly Error[]): { client: DynamoDBDocumentClient; sends: () => number } {
  let sends = 0;
  const send = async () => {
    const failure = failures[sends];
    sends += 1;
    if (failure !== undefined) throw failure;
    return {};
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, sends: () => sends };
}

describe('cancellationOf', () => {
  it('names the items that refused and those in conflict by their labels', () => {
    // Act
    const cancellation = cancellationOf(cancelled('TransactionConflict', 'None', 'ConditionalCheckFailed'), items);
    // Assess
    expect(cancellation).toEqual({ refusedBy: ['member'], conflicted: ['record'], transient: false });
  });

  it('calls a cancellation of nothing but conflicts transient', () => {
    // Act / Assess
    expect(cancellationOf(cancelled('None', 'TransactionConflict', 'None'), items)).toEqual({ refusedBy: [], conflicted: ['slot'], transient: true });
  });

  it('knows nothing of other errors, nor of reasons that do not pair with the items', () => {
    // Act / Assess
    expect(cancellationOf(new Error('network'), items)).toBeUndefined();
    expect(cancellationOf(cancelled('None', 'ConditionalCheckFailed'), items)).toBeUndefined();
  });
});

describe('transactWrite', () => {
  it('sends a transaction cancelled for conflicts again until it commits', async () => {
    // Prepare
    const { client, sends } = scriptedClient([cancelled('None', 'TransactionConflict', 'None'), cancelled('TransactionConflict', 'None', 'None')]);
    // Act
    const outcome = await transactWrite(client, items, { subject: 'test' });
    // Assess
    expect(outcome).toEqual({ committed: true });
    expect(sends()).toBe(3);
  });

  it('gives up with a TransactionContendedError after its attempts, naming the items in conflict', async () => {
    // Prepare
    const last = cancelled('None', 'None', 'TransactionConflict');
    const { client, sends } = scriptedClient([cancelled('TransactionConflict', 'None', 'None'), cancelled('None', 'TransactionConflict', 'None'), last]);
    // Act
    const error = await transactWrite(client, items, { subject: 'addition of D', maxAttempts: 3 }).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TransactionContendedError);
    expect(error).toMatchObject({ context: { subject: 'addition of D', attempts: 3, conflicted: ['member'] }, cause: last });
    expect(sends()).toBe(3);
  });

  it('returns a refusal by label at once, even beside a conflict', async () => {
    // Prepare
    const refusal = cancelled('TransactionConflict', 'ConditionalCheckFailed', 'None');
    const { client, sends } = scriptedClient([refusal]);
    // Act
    const outcome = await transactWrite(client, items, { subject: 'test' });
    // Assess
    expect(outcome).toEqual({ committed: false, refusedBy: ['slot'], error: refusal });
    expect(sends()).toBe(1);
  });

  it('throws any other cancellation or error as DynamoDB gave it', async () => {
    // Prepare
    const invalid = cancelled('None', 'ValidationError', 'None');
    const network = new Error('socket hang up');
    // Act
    const first = await transactWrite(scriptedClient([invalid]).client, items, { subject: 'test' }).catch((e: unknown) => e);
    const second = await transactWrite(scriptedClient([network]).client, items, { subject: 'test' }).catch((e: unknown) => e);
    // Assess
    expect(first).toBe(invalid);
    expect(second).toBe(network);
  });
});
