/** A fetch that records what the client sends and answers from a script: the adapter's unit tests need no network. */

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  /** The body as sent (a stream body is read to the end). */
  readonly body: Buffer;
  readonly duplex: string | undefined;
}

export type Answer =
  | { readonly status?: number; readonly json?: unknown; readonly text?: string }
  | ((request: RecordedRequest, signal: AbortSignal | undefined) => Promise<Response>);

export interface FakeFetch {
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RecordedRequest[];
}

/** Answers the n-th request with `answers[n]` (the last one repeats). */
export function fakeFetch(...answers: Answer[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init.body === undefined || init.body === null ? Buffer.alloc(0) : Buffer.from(await new Response(init.body).arrayBuffer());
    const request: RecordedRequest = { url: String(input), method: init.method ?? 'GET', headers, body, duplex: (init as { duplex?: string }).duplex };
    requests.push(request);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)] ?? { json: { status: 'OK' } };
    if (typeof answer === 'function') return answer(request, init.signal ?? undefined);
    const text = answer.text ?? JSON.stringify(answer.json);
    return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export function ok(fields: Record<string, unknown> = {}): Answer {
  return { json: { status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', ...fields } };
}

export function fail(errorCode: string, errorDesc: string, status = 200): Answer {
  return { status, json: { status: 'FAIL', ErrorCode: errorCode, ErrorDesc: errorDesc } };
}

/** Never answers; rejects when the client's signal aborts, as fetch does. */
export function hang(): Answer {
  return (_request, signal) =>
    new Promise<Response>((_resolve, reject) => {
      if (signal === undefined) return;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
}
