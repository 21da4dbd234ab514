/**
 * An in-process read-write lock: ordinary DynamoDB requests hold it shared, a transaction holds it
 * exclusively, so no request ever sees a transaction half applied. Grants are first come, first served:
 * a waiting transaction stops later readers from overtaking it, so a steady stream of ordinary requests
 * (the app writes about 1,000 items a second) cannot starve transactions.
 */
export class ReadWriteLock {
  #readers = 0;
  #writer = false;
  readonly #waiting: Waiter[] = [];

  /** Runs `work` while holding the lock in shared mode (alongside other shared holders). */
  async shared<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire(false);
    try {
      return await work();
    } finally {
      this.#readers -= 1;
      this.#grantWaiting();
    }
  }

  /** Runs `work` while holding the lock alone. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire(true);
    try {
      return await work();
    } finally {
      this.#writer = false;
      this.#grantWaiting();
    }
  }

  #acquire(exclusive: boolean): Promise<void> {
    if (this.#waiting.length === 0 && this.#canGrant(exclusive)) {
      this.#take(exclusive);
      return Promise.resolve();
    }
    return new Promise((grant) => this.#waiting.push({ exclusive, grant }));
  }

  #grantWaiting(): void {
    for (let next = this.#waiting[0]; next !== undefined && this.#canGrant(next.exclusive); next = this.#waiting[0]) {
      this.#waiting.shift();
      this.#take(next.exclusive);
      next.grant();
    }
  }

  #canGrant(exclusive: boolean): boolean {
    return !this.#writer && (!exclusive || this.#readers === 0);
  }

  #take(exclusive: boolean): void {
    if (exclusive) this.#writer = true;
    else this.#readers += 1;
  }
}

interface Waiter {
  readonly exclusive: boolean;
  readonly grant: () => void;
}
