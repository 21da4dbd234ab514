/** Translation of DynamoDB errors the adapters expect; anything else propagates unchanged. */
export interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
}

export function isTransactionCanceled(error: unknown): error is Error & { CancellationReasons?: CancellationReason[] } {
  return error instanceof Error && error.name === 'TransactionCanceledException';
}

/** The per-item codes of a cancelled transaction, `None` for items that would have passed. */
export function cancellationCodes(error: Error & { CancellationReasons?: CancellationReason[] }): string[] {
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
