/**
 * A request body from chunks that arrive over time (an S3 object stream, the edXML builder's output), so
 * a large package is uploaded without ever being whole in memory. Pulled on demand: the next chunk is
 * read only when fetch wants it; a cancelled upload (timeout) closes the source.
 */
export function toRequestBody(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= chunks[Symbol.asyncIterator]();
      // An empty chunk is skipped here: a pull that enqueues nothing is not called again by the stream.
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return controller.close();
        if (next.value.length > 0) return controller.enqueue(next.value);
      }
    },
    async cancel(reason) {
      await iterator?.return?.(reason);
    },
  });
}
