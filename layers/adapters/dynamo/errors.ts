import { BusyError } from '#domain/errors';
/** Translation of DynamoDB errors the adapters expect; anything else propagates unchanged. */
export interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
}

export function isTransactionCanceled(error: unknown): error is Error & { CancellationReasons?: CancellationReason[] } {
  return error instanceof Error && error.name === 'TransactionCanceledException';
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * A transaction DynamoDB kept cancelling for conflicts with other transactions until the attempts ran
 * out; nothing of it was written. Not a domain error: the caller did nothing wrong and the same request
 * may well succeed a moment later (HTTP answers 500 "nothing was changed"; a queue redelivers the message).
 */
export class TransactionContendedError extends BusyError {
  constructor(
    readonly context: { readonly subject: string; readonly attempts: number; readonly conflicted: readonly string[] },
    options?: { cause?: unknown },
  ) {
    const items = context.conflicted.length === 0 ? '' : ` (last in conflict: ${context.conflicted.join(', ')})`;
    super(`Dữ liệu đang được cập nhật đồng thời; chưa ghi gì. Hãy thử lại sau giây lát. (${context.subject}: still contended after ${context.attempts} attempts${items})`, options);
  }
}
