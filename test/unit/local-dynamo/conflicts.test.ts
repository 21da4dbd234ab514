import { describe, expect, it } from 'vitest';
import { ConflictSwitch, conflictsFromEnvironment } from '#infra/local/dynamo/conflicts';

/** Keys as the front sees them: attribute maps in DynamoDB's wire shape. */
const key = (pk: string, sk = 'X') => ({ pk: { S: pk }, sk: { S: sk } });
const transaction = [key('DOC#1'), key('COUNTER#A', 'ARRIVAL#2026'), key('KPI#2026#A', 'AGENCY')];

describe('the TransactionConflict switch', () => {
  it('lets every transaction run while it is off', () => {
    // Prepare
    const conflicts = new ConflictSwitch();
    // Act
    const picks = Array.from({ length: 20 }, () => conflicts.conflictingItem(transaction));
    // Assess
    expect(picks.every((pick) => pick === undefined)).toBe(true);
    expect(conflicts.state.injected).toBe(0);
  });

  it('cancels exactly the next N transactions, then none', () => {
    // Prepare
    const conflicts = new ConflictSwitch({ next: 2 });
    // Act
    const picks = Array.from({ length: 4 }, () => conflicts.conflictingItem(transaction));
    // Assess
    expect(picks.map((pick) => pick !== undefined)).toEqual([true, true, false, false]);
    expect(conflicts.state).toMatchObject({ next: 0, injected: 2 });
  });

  it('only cancels transactions touching the key prefix, and names an item that has it', () => {
    // Prepare
    const conflicts = new ConflictSwitch({ rate: 1, keyPrefix: 'COUNTER#' });
    // Act
    const untouched = conflicts.conflictingItem([key('DOC#1'), key('DOC#1', 'EVENT#000001')]);
    const picks = Array.from({ length: 10 }, () => conflicts.conflictingItem(transaction));
    // Assess
    expect(untouched).toBeUndefined();
    expect(new Set(picks)).toEqual(new Set([1]));
  });

  it('matches the prefix on the sort key too', () => {
    // Prepare
    const conflicts = new ConflictSwitch({ next: 1, keyPrefix: 'ARRIVAL#' });
    // Act
    const pick = conflicts.conflictingItem(transaction);
    // Assess
    expect(pick).toBe(1);
  });

  it('draws the same conflicts, on the same items, from the same seed', () => {
    // Prepare
    const conflicts = new ConflictSwitch({ rate: 0.5, seed: 7 });
    const draw = () => Array.from({ length: 30 }, () => conflicts.conflictingItem(transaction));
    // Act
    const first = draw();
    conflicts.set({ seed: 7 });
    const second = draw();
    // Assess
    expect(second).toEqual(first);
    expect(first.filter((pick) => pick !== undefined).length).toBeGreaterThan(5);
    expect(new Set(first.filter((pick) => pick !== undefined)).size).toBeGreaterThan(1);
  });

  it('refuses a rate outside 0..1 and unknown switches', () => {
    // Prepare
    const conflicts = new ConflictSwitch();
    // Act / Assess
    expect(() => conflicts.set({ rate: 1.5 })).toThrow();
    expect(() => conflicts.set({ next: -1 })).toThrow();
    expect(() => conflicts.set({ rat: 0.5 } as never)).toThrow();
    expect(conflicts.state).toMatchObject({ rate: 0, next: 0 });
  });
});

describe('VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE', () => {
  it('sets the rate, and nothing when unset or empty', () => {
    // Act / Assess
    expect(conflictsFromEnvironment({ VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE: '0.3' })).toEqual({ rate: 0.3 });
    expect(conflictsFromEnvironment({ VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE: ' ' })).toEqual({});
    expect(conflictsFromEnvironment({})).toEqual({});
  });

  it('refuses what is not a share from 0 to 1', () => {
    // Act / Assess
    expect(() => conflictsFromEnvironment({ VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE: '30%' })).toThrow(/from 0 to 1/);
    expect(() => conflictsFromEnvironment({ VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE: '2' })).toThrow(/from 0 to 1/);
  });
});
