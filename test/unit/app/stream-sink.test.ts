/** The bridge from the parser's attachment sink to an S3 upload that pulls its body (receive.ts). */
import { describe, expect, it } from 'vitest';
import { pipeToConsumer } from '#app/axis/stream-sink';

const bytes = (n: number) => new Uint8Array([n]);

describe('pipeToConsumer', () => {
  it('hands every chunk over in order and resolves end() only once the consumer is done', async () => {
    // Prepare
    const seen: number[] = [];
    let finished = false;
    const { sink, result } = pipeToConsumer(async (body) => {
      for await (const chunk of body) seen.push(chunk[0] ?? -1);
      finished = true;
      return seen.length;
    });
    // Act
    for (let i = 0; i < 5; i += 1) await sink.write(bytes(i));
    await sink.end();
    // Assess
    expect(finished).toBe(true);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await result).toBe(5);
  });

  it('keeps the writer at most one chunk ahead of a slow consumer', async () => {
    // Prepare
    let taken = 0;
    let written = 0;
    let maxAhead = 0;
    const { sink } = pipeToConsumer(async (body) => {
      for await (const _ of body) {
        taken += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    // Act
    for (let i = 0; i < 20; i += 1) {
      await sink.write(bytes(i));
      written += 1;
      maxAhead = Math.max(maxAhead, written - taken);
    }
    await sink.end();
    // Assess
    expect(taken).toBe(20);
    expect(maxAhead).toBeLessThanOrEqual(1);
  });

  it('fails the writer when the consumer fails, and passes an abort to the consumer as an error', async () => {
    // Prepare
    const failing = pipeToConsumer(async (body) => {
      for await (const _ of body) throw new Error('S3 is down');
    });
    let aborted: unknown;
    const aborting = pipeToConsumer(async (body) => {
      try {
        for await (const _ of body) void _;
      } catch (error) {
        aborted = error;
        throw error;
      }
    });
    // Act + Assess
    await expect(
      (async () => {
        await failing.sink.write(bytes(1));
        await failing.sink.write(bytes(2));
      })(),
    ).rejects.toThrow('S3 is down');
    await aborting.sink.write(bytes(1));
    await aborting.sink.abort?.(new Error('truncated package'));
    expect(aborted).toEqual(new Error('truncated package'));
  });
});
