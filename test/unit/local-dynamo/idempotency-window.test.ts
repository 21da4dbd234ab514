import { describe, expect, it } from 'vitest';
import { IdempotencyWindow, requestFingerprint } from '#infra/local/dynamo/idempotency-window';

function clock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('IdempotencyWindow', () => {
  it('answers a repeat of the same request with the first answer', () => {
    // Prepare
    const window = new IdempotencyWindow();
    window.remember('token', 'fingerprint', '{}');
    // Act
    const seen = window.lookup('token', 'fingerprint');
    // Assess
    expect(seen).toEqual({ kind: 'repeat', body: '{}' });
  });

  it('reports a different request under the same token as a mismatch', () => {
    // Prepare
    const window = new IdempotencyWindow();
    window.remember('token', 'fingerprint', '{}');
    // Act
    const seen = window.lookup('token', 'other fingerprint');
    // Assess
    expect(seen).toEqual({ kind: 'mismatch' });
  });

  it('forgets a token once ten minutes have passed', () => {
    // Prepare
    const time = clock();
    const window = new IdempotencyWindow({ now: time.now });
    window.remember('token', 'fingerprint', '{}');
    // Act
    time.advance(10 * 60_000 - 1);
    const justInside = window.lookup('token', 'fingerprint');
    time.advance(1);
    const expired = window.lookup('token', 'fingerprint');
    // Assess
    expect(justInside.kind).toBe('repeat');
    expect(expired).toEqual({ kind: 'new' });
  });

  it('drops the oldest tokens beyond its capacity', () => {
    // Prepare
    const window = new IdempotencyWindow({ capacity: 2 });
    // Act
    for (const token of ['a', 'b', 'c']) window.remember(token, 'f', '{}');
    // Assess
    expect(['a', 'b', 'c'].map((token) => window.lookup(token, 'f').kind)).toEqual(['new', 'repeat', 'repeat']);
  });
});

describe('requestFingerprint', () => {
  it('ignores the token and the order of members', () => {
    // Act
    const first = requestFingerprint({ ClientRequestToken: 'a', TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: '1' } } } }] });
    const second = requestFingerprint({ TransactItems: [{ Put: { Item: { pk: { S: '1' } }, TableName: 't' } }], ClientRequestToken: 'b' });
    // Assess
    expect(first).toBe(second);
  });

  it('changes with any value', () => {
    // Act
    const first = requestFingerprint({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: '1' } } } }] });
    const second = requestFingerprint({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: '2' } } } }] });
    // Assess
    expect(first).not.toBe(second);
  });
});
