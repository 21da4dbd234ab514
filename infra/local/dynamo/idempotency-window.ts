/**
 * `ClientRequestToken` idempotency for TransactWriteItems: a token seen with the same request within ten
 * minutes returns the first answer without applying anything again; the same token with a different
 * request is an IdempotentParameterMismatchException. Only committed transactions are remembered: a
 * cancelled one changed nothing, so running it again is what a retry should do.
 */
import { createHash } from 'node:crypto';

export type TokenLookup = { readonly kind: 'new' } | { readonly kind: 'repeat'; readonly body: string } | { readonly kind: 'mismatch' };

export interface IdempotencyWindowOptions {
  /** How long a token is remembered (DynamoDB: 10 minutes). */
  readonly windowMs?: number;
  /** The most tokens kept; the oldest go first. Bounds memory when the app runs many transactions. */
  readonly capacity?: number;
  readonly now?: () => number;
}

export class IdempotencyWindow {
  readonly #entries = new Map<string, { fingerprint: string; body: string; at: number }>();
  readonly #windowMs: number;
  readonly #capacity: number;
  readonly #now: () => number;

  constructor(options: IdempotencyWindowOptions = {}) {
    this.#windowMs = options.windowMs ?? 10 * 60_000;
    this.#capacity = options.capacity ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  lookup(token: string, fingerprint: string): TokenLookup {
    this.#dropExpired();
    const entry = this.#entries.get(token);
    if (entry === undefined) return { kind: 'new' };
    return entry.fingerprint === fingerprint ? { kind: 'repeat', body: entry.body } : { kind: 'mismatch' };
  }

  remember(token: string, fingerprint: string, body: string): void {
    this.#entries.set(token, { fingerprint, body, at: this.#now() });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(oldest);
    }
  }

  #dropExpired(): void {
    const horizon = this.#now() - this.#windowMs;
    // Entries are in insertion order, which is time order: stop at the first one still inside the window.
    for (const [token, entry] of this.#entries) {
      if (entry.at > horizon) break;
      this.#entries.delete(token);
    }
  }
}

/** A digest of the request without its token: key order does not matter, every value does. */
export function requestFingerprint(request: object): string {
  return createHash('sha256').update(stableJson(request, 'ClientRequestToken')).digest('hex');
}

function stableJson(value: unknown, skip?: string): string {
  if (Array.isArray(value)) return `[${value.map((element) => stableJson(element)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((name) => name !== skip && record[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${stableJson(record[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
