import type { z } from 'zod';
import type { HttpMethod } from '#infra/definitions';
import type { Role } from '#domain/identity/principal';

/**
 * The contract of one HTTP route: what it takes and what it answers. Handlers are built from it
 * (layers/http/route.ts) and the OpenAPI document is generated from all of them (layers/http/openapi.ts),
 * so the documentation cannot drift from the validation.
 */
export type RouteAuth = 'jwt' | 'none' | 'signed';

type Part = z.ZodType | undefined;

export interface RouteContract<B extends Part = Part, Q extends Part = Part, P extends Part = Part, R extends z.ZodType = z.ZodType, A extends RouteAuth = RouteAuth> {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly auth: A;
  /** Who may call it (documentation; the use case enforces the permission matrix). */
  readonly roles?: readonly Role[];
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
  /** Error statuses this route can answer, for the OpenAPI document. */
  readonly errors: readonly number[];
  /** What an error status means on this route (the OpenAPI response description); the rest say "Problem". */
  readonly errorDescriptions?: Readonly<Partial<Record<number, string>>>;
  /** Media types of the success response when not JSON (e.g. CSV, XML alternatives). */
  readonly responseTypes?: readonly string[];
  /**
   * How the route honours `Idempotency-Key`: `use-case` (the key goes to the use case, which keeps it in
   * its own transaction) or `replay` (the route keeps the first answer and replays it; layers/http/idempotency.ts).
   */
  readonly idempotency?: 'use-case' | 'replay';
}

export type Infer<T> = [T] extends [z.ZodType] ? z.output<T> : undefined;

export function defineContract<B extends Part, Q extends Part, P extends Part, R extends z.ZodType, A extends RouteAuth>(
  contract: RouteContract<B, Q, P, R, A>,
): RouteContract<B, Q, P, R, A> {
  return contract;
}
