import type { TransportResult, WebhookTransport } from '#domain/webhook-keys/ports';

/**
 * POSTs a webhook with `fetch`: no redirects followed (a 3xx is an answer like any other, so an endpoint
 * cannot bounce us to an address the URL check refused), a hard timeout, and the response body discarded
 * unread beyond what closing the stream needs.
 *
 * @example
 * const result = await fetchTransport.post({ url, headers, body, timeoutMs: 10_000 });
 */
export const fetchTransport: WebhookTransport = {
  async post(request): Promise<TransportResult> {
    const started = Date.now();
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'vanthu-webhooks/1', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      await response.body?.cancel();
      return { statusCode: response.status, durationMs: Date.now() - started };
    } catch (error) {
      const message = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : describe(error)) : String(error);
      return { error: message, durationMs: Date.now() - started };
    }
  },
};

/** fetch wraps connection errors in "fetch failed"; the cause says what happened (ECONNREFUSED...). */
function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
