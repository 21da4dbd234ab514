/**
 * Domain errors. Each names what went wrong in words a clerk can act on; the HTTP edge maps them to
 * problem+json (layers/http/problem.ts) by `kind`, so no use case knows about status codes.
 */
export interface FieldIssue {
  /** Where the problem is, e.g. `body.issuer.organName` or `query.limit`. */
  readonly path: string;
  readonly message: string;
}

export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable' | 'too-large' | 'busy';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  /** A stable slug for problem `type`, e.g. `duplicate-document`. */
  abstract readonly type: string;
  readonly errors: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, options: { errors?: readonly FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors ?? [];
    this.details = options.details ?? {};
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  readonly type = 'validation-failed';
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
  readonly type = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  readonly type = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly type = 'not-found';
}

export class TooLargeError extends DomainError {
  readonly kind = 'too-large';
  readonly type = 'payload-too-large';
}

/** A state conflict the caller can resolve: a duplicate, a stale version, an illegal transition. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  readonly type: string;
  constructor(type: string, message: string, options: { errors?: readonly FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options);
    this.type = type;
  }
}

/** Well-formed input that the rules refuse (e.g. content for a secret document). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
  readonly type: string;
  constructor(type: string, message: string, options: { errors?: readonly FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options);
    this.type = type;
  }
}

/**
 * Nothing was wrong with the request, and nothing was written, but the data it touches stayed busy with
 * other writes past every retry: try again in a moment (503).
 */
export class BusyError extends DomainError {
  readonly kind = 'busy';
  readonly type = 'busy';
}
