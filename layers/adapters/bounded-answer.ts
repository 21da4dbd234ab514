/** An HTTP answer larger than the reader accepts (announced or actual); the body was cancelled. */
export class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge';
}

/**
 * The bytes of an HTTP answer, refusing more than `maxBytes` — announced by Content-Length or actually
 * sent — so that a peer (the axis, a signing service, a CRL host) cannot make the function hold what it
 * wants. Throws {@link AnswerTooLarge} after cancelling the body.
 *
 * @example
 * const bytes = await readBoundedAnswer(response, 1024 * 1024);
 */
export async function readBoundedAnswer(response: Response, maxBytes: number): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLarge(`announced ${announced} bytes`);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}
