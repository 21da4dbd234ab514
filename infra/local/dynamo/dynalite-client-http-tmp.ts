/**
 * The front's own line to dynalite, for the single-item calls a transaction is made of. One keep-alive
 * agent serves these calls and the forwarded ordinary requests alike, so no request pays for a new socket.
 */
import http from 'node:http';
import { z } from 'zod';
import type { DynamoAnswer } from './answers.ts';

/** Result of one call: the parsed output, or DynamoDB's error type (short name) and the answer as it came. */
export type CallOutcome<T> =
  | { readonly ok: true; readonly output: T }
  | { readonly ok: false; readonly errorType: string; readonly answer: DynamoAnswer };

export class DynaliteClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });

  constructor(readonly upstream: URL) {}

  /** Sends `input` as the JSON body of `operation` and parses a success with `output`. */
  async call<T>(operation: string, input: object, output: z.ZodType<T>): Promise<CallOutcome<T>> {
    const answer = await this.#post(operation, JSON.stringify(input));
    const body = parseJson(answer.body);
    if (answer.status === 200) return { ok: true, output: output.parse(body) };
    return { ok: false, errorType: errorTypeOf(body), answer };
  }

  close(): void {
    this.agent.destroy();
  }

  #post(operation: string, body: string): Promise<DynamoAnswer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.upstream.hostname,
          port: this.upstream.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: { ...signaturePlaceholder, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => resolve({ status: response.statusCode ?? 500, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/**
 * dynalite insists on an `AWS4-` Authorization header with Credential, SignedHeaders and Signature and on an
 * X-Amz-Date, but never checks the signature: a fixed placeholder is enough for the calls the front makes.
 */
const signaturePlaceholder = {
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20200101T000000Z',
} as const;

/** dynalite answers JSON, except a bare 413 for oversized bodies: that one keeps its status as an unknown error. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const errorBody = z.object({ __type: z.string() });

/** `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` -> `ConditionalCheckFailedException`. */
function errorTypeOf(body: unknown): string {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return 'UnknownError';
  return parsed.data.__type.slice(parsed.data.__type.indexOf('#') + 1);
}
