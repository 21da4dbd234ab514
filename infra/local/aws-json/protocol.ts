/**
 * What the three emulated services (./kms.ts, ./ssm.ts, ./secrets.ts) share: the AWS JSON 1.1 error
 * answer, input checking with zod, and the conventions of the local account.
 */
import * as z from 'zod';

/** The account every emulated resource belongs to (LocalStack's, so ARNs read the same). */
export const ACCOUNT_ID = '000000000000';

/** Answered as HTTP `status` with `{"__type": type, "message": message}`; the SDK names its error `type`. */
export class AwsJsonError extends Error {
  override readonly name = 'AwsJsonError';

  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** What a request tells about its caller: the region of its SigV4 credential scope. */
export interface RequestContext {
  readonly region: string;
}

/** One emulated service: its operations by name, and the state kept across restarts. */
export interface AwsJsonService {
  /** `X-Amz-Target` prefix: `TrentService`, `AmazonSSM`, `secretsmanager`. */
  readonly targetPrefix: string;
  /** The error type of an unexpected failure (KMSInternalException, InternalServerError, ...). */
  readonly internalErrorType: string;
  /** Answers `operation`, or undefined when the service does not know it. */
  operation(name: string): Operation | undefined;
  /** True when a successful `operation` changed the state to persist. */
  mutates(name: string): boolean;
}

export type Operation = (input: unknown, context: RequestContext) => unknown;

/** `input` checked against `schema`; a ValidationException naming the first wrong field otherwise. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, errorType = 'ValidationException'): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'request' : issue.path.join('.');
  throw new AwsJsonError(errorType, `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue?.message ?? 'invalid'}`);
}

/** A blob field: base64 in JSON, bytes once parsed. */
export const blob = z.base64().transform((text) => Buffer.from(text, 'base64'));

/** JSON 1.1 timestamps: seconds since the epoch, with milliseconds. */
export function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}
