import type { IdempotencyStore, StoredResponse } from '#domain/idempotency';

/** The idempotency store in memory, for the route tests: what the DynamoDB store does, without its expiry. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, { fingerprint: string; response?: StoredResponse }>();
  async claim(key: string, fingerprint: string) {
    const record = this.records.get(key);
    if (record === undefined) {
      this.records.set(key, { fingerprint });
      return { kind: 'claimed' as const };
    }
    return record.response === undefined ? { kind: 'in-progress' as const } : { kind: 'done' as const, fingerprint: record.fingerprint, response: record.response };
  }
  async complete(key: string, response: StoredResponse) {
    const record = this.records.get(key);
    if (record !== undefined) record.response = response;
  }
  async release(key: string) {
    this.records.delete(key);
  }
}
