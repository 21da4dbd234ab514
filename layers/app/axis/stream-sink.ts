import type { AttachmentSink } from '#edxml/index';

/**
 * Bridges the parser's push-style attachment sink to a consumer that pulls an async iterable (an S3
 * upload): each `write` resolves once the consumer has taken the chunk, so at most one chunk waits between
 * the two and a slow upload slows the parser instead of filling memory.
 *
 * @example
 * const { sink, result } = pipeToConsumer((body) => deps.files.content.storeStream(key, body, type));
 * await sink.write(bytes); await sink.end(); const { sha256 } = await result;
 */
export function pipeToConsumer<R>(consume: (body: AsyncIterable<Uint8Array>) => Promise<R>): { sink: AttachmentSink; result: Promise<R> } {
  type Item = { readonly chunk: Uint8Array } | { readonly end: true } | { readonly error: unknown };
  const waiting: { item: Item; taken: () => void }[] = [];
  let wake: (() => void) | undefined;
  let consumerDone = false;

  const offer = (item: Item): Promise<void> =>
    new Promise((taken) => {
      if (consumerDone) return taken();
      waiting.push({ item, taken });
      wake?.();
    });

  async function* body(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = waiting.shift();
      if (next === undefined) continue;
      next.taken();
      if ('chunk' in next.item) yield next.item.chunk;
      else if ('error' in next.item) throw next.item.error;
      else return;
    }
  }

  const result = consume(body()).finally(() => {
    consumerDone = true;
    for (const pending of waiting.splice(0)) pending.taken();
  });
  // The caller awaits `result` through end(); an abort's rejection is expected and must not go unhandled.
  result.catch(() => undefined);
  return {
    result,
    sink: {
      write: async (chunk) => {
        await offer({ chunk });
        if (consumerDone) await result;
      },
      end: async () => {
        await offer({ end: true });
        await result;
      },
      abort: async (reason) => {
        await offer({ error: reason });
        await result.catch(() => undefined);
      },
    },
  };
}
