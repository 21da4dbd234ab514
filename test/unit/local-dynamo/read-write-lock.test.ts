import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from '#infra/local/dynamo/read-write-lock';

/** A promise with its resolve handle, to hold a lock open for as long as a test wants. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadWriteLock', () => {
  it('lets shared holders run together', async () => {
    // Prepare
    const lock = new ReadWriteLock();
    const held = gate();
    const running: string[] = [];
    // Act
    const first = lock.shared(async () => {
      running.push('first');
      await held.promise;
    });
    const second = lock.shared(async () => {
      running.push('second');
      await held.promise;
    });
    await tick();
    // Assess
    expect(running).toEqual(['first', 'second']);
    held.open();
    await Promise.all([first, second]);
  });

  it('runs an exclusive holder only once every shared holder has finished', async () => {
    // Prepare
    const lock = new ReadWriteLock();
    const held = gate();
    const events: string[] = [];
    const reader = lock.shared(async () => {
      await held.promise;
      events.push('reader done');
    });
    // Act
    const writer = lock.exclusive(async () => {
      events.push('writer runs');
    });
    await tick();
    const beforeRelease = [...events];
    held.open();
    await Promise.all([reader, writer]);
    // Assess
    expect(beforeRelease).toEqual([]);
    expect(events).toEqual(['reader done', 'writer runs']);
  });

  it('makes readers that arrive after a waiting writer wait behind it, so writers are not starved', async () => {
    // Prepare
    const lock = new ReadWriteLock();
    const held = gate();
    const events: string[] = [];
    const firstReader = lock.shared(() => held.promise);
    const writer = lock.exclusive(async () => {
      events.push('writer');
    });
    // Act
    const lateReader = lock.shared(async () => {
      events.push('late reader');
    });
    await tick();
    const whileFirstReaderHolds = [...events];
    held.open();
    await Promise.all([firstReader, writer, lateReader]);
    // Assess
    expect(whileFirstReaderHolds).toEqual([]);
    expect(events).toEqual(['writer', 'late reader']);
  });

  it('keeps everyone else out while an exclusive holder runs', async () => {
    // Prepare
    const lock = new ReadWriteLock();
    const held = gate();
    const events: string[] = [];
    const writer = lock.exclusive(() => held.promise);
    // Act
    const reader = lock.shared(async () => {
      events.push('reader');
    });
    const otherWriter = lock.exclusive(async () => {
      events.push('other writer');
    });
    await tick();
    const whileHeld = [...events];
    held.open();
    await Promise.all([writer, reader, otherWriter]);
    // Assess
    expect(whileHeld).toEqual([]);
    expect(events).toEqual(['reader', 'other writer']);
  });

  it('releases the lock when the work fails, and passes the failure on', async () => {
    // Prepare
    const lock = new ReadWriteLock();
    // Act
    const failed = lock.exclusive(() => Promise.reject(new Error('boom')));
    // Assess
    await expect(failed).rejects.toThrow('boom');
    await expect(lock.exclusive(async () => 'next')).resolves.toBe('next');
  });
});
