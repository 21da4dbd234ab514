/**
 * The TransactionConflict switch of the local DynamoDB. DynamoDB cancels a TransactWriteItems when another
 * transaction is changing one of its items at the same moment; dynalite behind the front runs one
 * transaction at a time and so never does. With the switch on, the front cancels chosen transactions
 * exactly as DynamoDB does (TransactionCanceledException, `TransactionConflict` for one item and `None`
 * for the others) before anything is written, so every retry path of the application can be exercised.
 * Decisions come from a seeded random source and happen under the front's exclusive lock: the same seed
 * and the same order of transactions give the same conflicts.
 */
import * as z from 'zod';
import { mulberry32 } from '../axis-simulator/switches.ts';
import type { AttributeMap } from './transact-requests.ts';

/** Partial switches, as accepted at start and by `setTransactionConflicts`. */
export const transactionConflictsInput = z
  .object({
    /** Share of transactions cancelled for a conflict (0 off, 1 every one). */
    rate: z.number().min(0).max(1),
    /** The next `next` transactions are cancelled whatever the rate; counts down as they are. */
    next: z.number().int().min(0),
    /**
     * Only transactions with an item whose key (partition or sort key, a string) starts with this are
     * cancelled, and the conflict is reported on such an item; '' matches every item.
     */
    keyPrefix: z.string(),
    /** Seed of the random source; setting it restarts the sequence. */
    seed: z.number().int(),
  })
  .partial()
  .strict();

export type TransactionConflictsInput = z.input<typeof transactionConflictsInput>;

export interface TransactionConflicts {
  readonly rate: number;
  readonly next: number;
  readonly keyPrefix: string;
  readonly seed: number;
  /** Transactions cancelled by the switch since the emulator started. */
  readonly injected: number;
}

/** The variable that sets `rate` when the emulator is started without switches (e.g. by `npm start`). */
export const conflictRateVariable = 'VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE';

/** The switches and the random source behind every decision. */
export class ConflictSwitch {
  #switches: Omit<TransactionConflicts, 'injected'> = { rate: 0, next: 0, keyPrefix: '', seed: 1 };
  #random: () => number;
  #injected = 0;

  constructor(initial: TransactionConflictsInput = {}) {
    this.#random = mulberry32(this.#switches.seed);
    this.set(initial);
  }

  get state(): TransactionConflicts {
    return { ...this.#switches, injected: this.#injected };
  }

  /** Applies a partial change; a `seed` restarts the random sequence. Throws a ZodError on bad input. */
  set(change: TransactionConflictsInput): TransactionConflicts {
    const parsed = transactionConflictsInput.parse(change);
    this.#switches = { ...this.#switches, ...parsed };
    if (parsed.seed !== undefined) this.#random = mulberry32(parsed.seed);
    return this.state;
  }

  /**
   * Whether the transaction touching `keys` (its items' keys, in order) is cancelled, and if so the index
   * of the item reported in conflict; undefined lets it run.
   */
  conflictingItem(keys: readonly AttributeMap[]): number | undefined {
    const { rate, next, keyPrefix } = this.#switches;
    if (rate === 0 && next === 0) return undefined;
    const candidates = keys.flatMap((key, index) => (matches(key, keyPrefix) ? [index] : []));
    if (candidates.length === 0) return undefined;
    if (next > 0) this.#switches = { ...this.#switches, next: next - 1 };
    else if (this.#random() >= rate) return undefined;
    this.#injected += 1;
    return candidates[Math.floor(this.#random() * candidates.length)];
  }
}

/** Switches from `VANTHU_LOCAL_TRANSACTION_CONFLICT_RATE` (a number from 0 to 1); none when it is unset or empty. */
export function conflictsFromEnvironment(env: Readonly<Record<string, string | undefined>>): TransactionConflictsInput {
  const text = env[conflictRateVariable]?.trim();
  if (text === undefined || text === '') return {};
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`${conflictRateVariable} must be a number from 0 to 1, got '${text}'`);
  return { rate };
}

function matches(key: AttributeMap, prefix: string): boolean {
  if (prefix === '') return true;
  return Object.values(key).some((value) => typeof value.S === 'string' && value.S.startsWith(prefix));
}
