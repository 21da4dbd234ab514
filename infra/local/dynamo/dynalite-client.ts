/**
 * The front's own line to dynalite, for the single-item calls a transaction is made of. The calls go
 * straight into dynalite's request handler in this process, with no socket and no HTTP parsing: a
 * transaction makes four or more of them, and over loopback HTTP each would cost as much CPU as the
 * application's own request.
 */
import type http from 'node:http';
import { Readable } from 'node:stream';
import * as z from 'zod';
import type { DynamoAnswer } from './answers.ts';

/** Result of one call: the parsed output, or DynamoDB's error type (short name) and the answer as it came. */
export type CallOutcome<T> = { readonly ok: true; readonly output: T } | { readonly ok: false; readonly errorType: string; readonly answer: DynamoAnswer };

export class DynaliteClient {
  /** `store` is the server dynalite returned; only its request handler is used. */
  constructor(private readonly store: http.Server) {}

  /** Sends `input` as the JSON body of `operation` and parses a success with `output`. */
  async call<T>(operation: string, input: object, output: z.ZodType<T>): Promise<CallOutcome<T>> {
    const answer = await this.#send(operation, JSON.stringify(input));
    const body = parseJson(answer.body);
    if (answer.status === 200) return { ok: true, output: output.parse(body) };
    return { ok: false, errorType: errorTypeOf(body), answer };
  }

  #send(operation: string, body: string): Promise<DynamoAnswer> {
    return new Promise((resolve) => {
      const request = Object.assign(Readable.from([Buffer.from(body)]), {
        method: 'POST',
        url: '/',
        headers: { ...signaturePlaceholder, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
      });
      this.store.emit('request', request, new CapturedResponse(resolve));
    });
  }
}

/**
 * The part of http.ServerResponse dynalite's handler uses (status, headers, one `end` with the body),
 * capturing the answer instead of writing it to a socket.
 */
class CapturedResponse {
  statusCode = 200;
  contentType = '';

  constructor(private readonly resolve: (answer: DynamoAnswer) => void) {}

  setHeader(): void {
    // Headers (request id, CRC32, length) only matter on the wire; the front sends its own.
  }

  end(body?: string | Buffer): void {
    this.resolve({ status: this.statusCode, body: body === undefined ? '' : body.toString() });
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
