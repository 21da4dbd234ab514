import type { z } from 'zod';
import type { QueueName } from '#domain/outbox';
import { permissions, type Action } from '#domain/identity/permissions';
import type { Role } from '#domain/identity/principal';
import type { Dependencies } from '#app/context';

/**
 * The declaration of one operation (one HTTP route): what it takes and answers, who may call it, the ports
 * it uses and how its function runs. Everything else is derived from it: the handler's validation and
 * composition (layers/http/route.ts), the OpenAPI entry with every answer it can give (layers/http/openapi.ts),
 * the function definition with its IAM access and environment (infra/operations.ts).
 */
export type RouteAuth = 'jwt' | 'none' | 'signed';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

type Part = z.ZodType | undefined;

export interface RouteContract<B extends Part = Part, Q extends Part = Part, P extends Part = Part, R extends z.ZodType = z.ZodType, A extends RouteAuth = RouteAuth> {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly auth: A;
  /**
   * The action of the permission matrix (layers/domain/identity/permissions.ts) the operation performs: the
   * route refuses (403) a caller none of whose roles may, before it reads the request, and the use case
   * checks again whichever edge calls it. None: any authenticated caller (their own data), or no caller.
   */
  readonly permission?: Action;
  /**
   * The ports of `Dependencies` its handler composes (each from layers/adapters/ports/<port>.ts); they
   * decide the function's table access and environment (infra/operations.ts). A handler that touches a
   * port not listed here fails on the spot, locally as in AWS.
   */
  readonly ports: readonly PortName[];
  /** The queues it sends to (through the outbox, the webhook outbox). */
  readonly sends?: readonly QueueName[];
  /** Grants its ports do not imply: the bucket, the webhook secrets key. */
  readonly grants?: OperationGrants;
  /** How its function runs, where it differs from the usual 10 s and 512 MB. */
  readonly runtime?: OperationRuntime;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly response: R;
  /**
   * A body the route leaves unparsed (`body: undefined`) because something is checked over its raw bytes
   * first — a webhook signature: the use case validates it with this same schema after that check, and the
   * OpenAPI document describes it as the route's requestBody (required).
   */
  readonly rawBody?: { readonly schema: z.ZodType; readonly description: string };
  /**
   * Request headers the route requires and its use case checks (the Standard Webhooks headers), as a zod
   * object: documentation only, they become OpenAPI header parameters.
   */
  readonly headers?: z.ZodType;
  readonly status: number;
  /**
   * The error statuses of its own logic (404, 409, 422…); those every route of its kind can answer (400,
   * 401, 403, 413, the Idempotency-Key's 409/422, 504) are added by `answers`.
   */
  readonly errors: readonly number[];
  /** What an error status means on this route (the OpenAPI response description); the rest say "Problem". */
  readonly errorDescriptions?: Readonly<Partial<Record<number, string>>>;
  /** Media types of the success response when not JSON (e.g. CSV, XML alternatives). */
  readonly responseTypes?: readonly string[];
  /**
   * Only for the signed webhook route, whose `webhook-id` is its idempotency key (checked after the
   * signature). Every other write honours `Idempotency-Key` (`idempotencyOf`).
   */
  readonly idempotency?: 'webhook-id';
}

export type PortName = keyof Dependencies;

export interface OperationGrants {
  readonly bucket?: 'read' | 'readwrite';
  /** May destroy uploaded objects under `files/`: a secret document's content only. */
  readonly destroysSecretContent?: boolean;
  readonly secrets?: 'encrypt' | 'decrypt';
  /** With the signing port: `personal` (the remote signer's client secret) or `seal` (kms:Sign on the seal keys); else parameters only. */
  readonly signing?: 'personal' | 'seal';
}

export interface OperationRuntime {
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /** Prints PDFs (layers/print): the bundle ships the fonts. */
  readonly printsPdf?: boolean;
  /** Signs PDFs (layers/signature/sign): the bundle ships the fonts of the number stamp and the signing engine. */
  readonly signsPdf?: boolean;
  /** Only in the local runtime, never deployed (the development token issuer). */
  readonly localOnly?: boolean;
}

/** The usual function of an operation: API Gateway's 29 s cap is far; most answer in tens of ms. */
export const defaultRuntime = { timeoutSeconds: 10, memoryMb: 512 } as const;

/** Who may call it: the matrix's roles for its permission. */
export function rolesOf(operation: RouteContract): readonly Role[] | undefined {
  return operation.permission === undefined ? undefined : permissions[operation.permission];
}

/**
 * How it honours a retry: `key` (the caller's `Idempotency-Key`, layers/http/idempotency.ts) for every write
 * of a signed-in caller, `webhook-id` for the signed webhook, none for reads and the development token.
 */
export function idempotencyOf(operation: RouteContract): 'key' | 'webhook-id' | 'none' {
  if (operation.idempotency === 'webhook-id') return 'webhook-id';
  return operation.auth === 'jwt' && operation.method !== 'GET' ? 'key' : 'none';
}

/**
 * Every error status the route can answer: its own, and those of its kind — 400 (a request it validates,
 * or an Idempotency-Key), 401 and 403 (a caller, a permission), 413 (a body), 409 and 422 (a key in
 * progress, a key reused), 504 (the function ran out of time).
 */
export function answersOf(operation: RouteContract): readonly number[] {
  const validates = operation.body !== undefined || operation.query !== undefined || operation.params !== undefined || operation.rawBody !== undefined;
  const idempotency = idempotencyOf(operation);
  const implied = [
    ...(validates || idempotency === 'key' ? [400] : []),
    ...(operation.auth === 'jwt' || operation.auth === 'signed' ? [401] : []),
    ...(operation.permission !== undefined ? [403] : []),
    ...(operation.body !== undefined || operation.rawBody !== undefined ? [413] : []),
    ...(idempotency !== 'none' ? [409, 422] : []),
    // A write whose transaction stays contended past its retries: nothing written, try again.
    ...(operation.method !== 'GET' ? [503] : []),
    504,
  ];
  return [...new Set([...operation.errors, ...implied])].sort((a, b) => a - b);
}

export type Infer<T> = [T] extends [z.ZodType] ? z.output<T> : undefined;

export function defineContract<B extends Part, Q extends Part, P extends Part, R extends z.ZodType, A extends RouteAuth>(
  contract: RouteContract<B, Q, P, R, A>,
): RouteContract<B, Q, P, R, A> {
  return contract;
}
