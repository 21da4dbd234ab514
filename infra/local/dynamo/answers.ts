/**
 * What the front sends back: an HTTP status and a JSON body in DynamoDB's wire shape. Answers that come
 * from dynalite keep their original text, so its errors reach the client exactly as dynalite worded them.
 */
export interface DynamoAnswer {
  readonly status: number;
  readonly body: string;
}

/** Error namespaces as DynamoDB writes them in `__type`. */
const dynamoNamespace = 'com.amazonaws.dynamodb.v20120810';
const validateNamespace = 'com.amazon.coral.validate';
const serviceNamespace = 'com.amazon.coral.service';

/**
 * Thrown anywhere inside a transaction to stop it with a ready answer (after the caller has rolled back).
 * The front sends `answer` as is.
 */
export class DynamoAnswerError extends Error {
  override readonly name = 'DynamoAnswerError';

  constructor(
    readonly answer: DynamoAnswer,
    options?: { cause?: unknown },
  ) {
    super(`DynamoDB request answered ${answer.status}: ${answer.body}`, options);
  }
}

export function successAnswer(payload: object): DynamoAnswer {
  return { status: 200, body: JSON.stringify(payload) };
}

export function validationError(message: string): DynamoAnswerError {
  return errorAnswer(`${validateNamespace}#ValidationException`, message);
}

export function serializationError(message: string): DynamoAnswerError {
  return errorAnswer(`${serviceNamespace}#SerializationException`, message);
}

export function idempotentParameterMismatchError(): DynamoAnswerError {
  return errorAnswer(`${dynamoNamespace}#IdempotentParameterMismatchException`, 'The request uses the same client token as a previous, but non-identical request.');
}

export function internalServerError(cause: unknown): DynamoAnswerError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DynamoAnswerError({ status: 500, body: JSON.stringify({ __type: `${dynamoNamespace}#InternalServerError`, message: `Internal server error: ${detail}` }) }, { cause });
}

/** One entry of `CancellationReasons`, in the order of `TransactItems`. */
export interface CancellationReason {
  readonly Code: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

/** The reason DynamoDB gives an item another transaction is changing at the same moment. */
export const transactionConflictReason: CancellationReason = { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' };

/**
 * `TransactionCanceledException` exactly as DynamoDB answers it: the summary lists every code in order and
 * the member is `Message` (capital M), which is both what the service sends and what SDK v3 models.
 */
export function transactionCanceledError(reasons: readonly CancellationReason[]): DynamoAnswerError {
  const summary = reasons.map((reason) => reason.Code).join(', ');
  return new DynamoAnswerError({
    status: 400,
    body: JSON.stringify({
      __type: `${dynamoNamespace}#TransactionCanceledException`,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${summary}]`,
      CancellationReasons: reasons,
    }),
  });
}

function errorAnswer(type: string, message: string): DynamoAnswerError {
  return new DynamoAnswerError({ status: 400, body: JSON.stringify({ __type: type, message }) });
}
