/**
 * Failures of the national axis, split by what the caller should do: give up (`AxisRejectedError`) or try
 * again later (`AxisUnavailableError`). They are not DomainErrors: no user request maps to them directly;
 * the sender and the receiver turn them into delivery states and retries.
 */

/** Why a call's outcome is unknown or could not be had. */
export type UnavailableReason = 'network' | 'timeout' | 'http-status' | 'malformed-answer';

interface AxisErrorOptions {
  /** The VDXP operation, e.g. `sendEdoc`. */
  readonly operation: string;
  /** The HTTP status of the answer, when there was one. */
  readonly httpStatus?: number;
  readonly cause?: unknown;
}

export abstract class AxisError extends Error {
  /** True when the same request may succeed later. */
  abstract readonly retryable: boolean;
  readonly operation: string;
  readonly httpStatus: number | undefined;

  constructor(message: string, options: AxisErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
  }
}

/**
 * The axis refused the request (`status: FAIL`, or a 4xx such as unknown credentials): sending the same
 * request again gets the same answer. `errorCode`/`errorDesc` are the axis's own words.
 * @example
 * try { await axis.sendEdoc(request); } catch (error) {
 *   if (error instanceof AxisRejectedError) markDeliveryFailed(error.errorCode, error.errorDesc);
 *   else throw error; // AxisUnavailableError: let the queue retry
 * }
 */
export class AxisRejectedError extends AxisError {
  readonly retryable = false;
  readonly errorCode: string;
  readonly errorDesc: string;

  constructor(errorCode: string, errorDesc: string, options: AxisErrorOptions) {
    super(`the axis refused ${options.operation}: ${errorCode} ${errorDesc}`.trim(), options);
    this.errorCode = errorCode;
    this.errorDesc = errorDesc;
  }
}

/**
 * The axis could not be reached or did not answer usably (network fault, 5xx, 408/429, timeout, an answer
 * that is not VDXP JSON). The request may or may not have taken effect: retry, and deduplicate on receipt.
 */
export class AxisUnavailableError extends AxisError {
  readonly retryable = true;
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, message: string, options: AxisErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}
