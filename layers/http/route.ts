import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { TooLargeError, ValidationError, type FieldIssue } from '#domain/errors';
import type { Principal } from '#domain/identity/principal';
import { createLogger, emitMetric, type Logger } from '#observability/log';
import { principalFromEvent } from './claims.ts';
import type { Infer, RouteContract } from './contract.ts';
import { idempotencyStore } from '#adapters/idempotency';
import { requestFingerprint, scopedIdempotencyKey, withIdempotency } from './idempotency.ts';
import { problemResponse, validationError, validationFromZod } from './problem.ts';

/** JSON bodies above this size are refused before parsing (413). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export interface RouteInput<C extends RouteContract> {
  readonly body: Infer<C['body']>;
  readonly query: Infer<C['query']>;
  readonly params: Infer<C['params']>;
  /** The caller; routes with `auth: 'none'` get none. */
  readonly principal: [C['auth']] extends ['jwt'] ? Principal : undefined;
  /**
   * Ties the request's log lines and answers together: the caller's `x-correlation-id` when it is well
   * formed (1–128 of A–Z a–z 0–9 . _ : -), the server's request id otherwise. Chosen by the client: fine
   * for tracing, never evidence.
   */
  readonly correlationId: string;
  /** The server's own id of this request (API Gateway's requestId, or Lambda's awsRequestId): what the history records. */
  readonly requestId: string;
  /**
   * For `idempotency: 'use-case'` routes: the caller's `Idempotency-Key` already bound to the caller and
   * the operation (scopedIdempotencyKey), so the use case stores it as it is and another user's same key
   * never meets it.
   */
  readonly idempotencyKey?: string;
  readonly logger: Logger;
  readonly event: APIGatewayProxyEventV2;
}

export type RouteResult<C extends RouteContract> = z.input<C['response']> | { readonly $response: APIGatewayProxyStructuredResultV2 };

/**
 * Builds a Lambda handler for an HTTP API route: parse and validate the request against the contract,
 * resolve the caller, run the use case, answer JSON or problem+json. Handlers stay thin: they only call
 * one use case inside `run`.
 *
 * @example
 * export const handler = httpRoute(getDocumentContract, ({ params, principal, correlationId }) =>
 *   getDocument(dependencies(), { principal, correlationId }, params.id));
 */
export function httpRoute<C extends RouteContract>(contract: C, run: (input: RouteInput<C>) => Promise<RouteResult<C>>) {
  const core = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const correlationId = clientCorrelationId(event) ?? requestId;
    const logger = createLogger({ correlationId, requestId, operation: contract.operationId });
    const started = Date.now();
    let response: APIGatewayProxyStructuredResultV2;
    try {
      const input = parseRequest(contract, event, { correlationId, requestId }, logger);
      const execute = async () => {
        const result = await run(input);
        return isRawResponse(result) ? result.$response : json(contract.status, result, correlationId);
      };
      const key = header(event, 'idempotency-key');
      const principal: Principal | undefined = input.principal;
      response =
        contract.idempotency === 'replay' && key !== undefined && principal !== undefined
          ? withCorrelation(
              await withIdempotency(
                idempotencyStore(),
                {
                  scope: { organId: principal.organId, sub: principal.sub, operation: contract.operationId, key },
                  fingerprint: requestFingerprint({ method: contract.method, path: event.rawPath, body: event.body, roles: principal.roles }),
                  now: new Date(),
                },
                execute,
              ),
              correlationId,
            )
          : await execute();
    } catch (error) {
      response = problemResponse(error, correlationId);
      const status = response.statusCode ?? 500;
      if (status >= 500) logger.error('request failed', { error });
      else logger.info('request refused', { status, type: (error as { type?: string }).type });
    }
    const status = response.statusCode ?? 200;
    logger.info('request', { method: contract.method, route: contract.path, status, ms: Date.now() - started });
    emitMetric('Requests', 1, 'Count', { operation: contract.operationId, outcome: status >= 500 ? 'error' : status >= 400 ? 'refused' : 'ok' });
    emitMetric('Latency', Date.now() - started, 'Milliseconds', { operation: contract.operationId });
    return response;
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(core);
}

/** A client's correlation id is used only when it is well formed; anything else is dropped unseen (not logged, not echoed). */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function clientCorrelationId(event: APIGatewayProxyEventV2): string | undefined {
  const value = header(event, 'x-correlation-id');
  return value !== undefined && CORRELATION_ID.test(value) ? value : undefined;
}

function parseRequest<C extends RouteContract>(contract: C, event: APIGatewayProxyEventV2, ids: { correlationId: string; requestId: string }, logger: Logger): RouteInput<C> {
  const principal = contract.auth === 'jwt' ? principalFromEvent(event) : undefined;
  const issues: FieldIssue[] = [];
  const body = contract.body === undefined ? undefined : validate('body', contract.body, parseJsonBody(event, contract.body.safeParse(undefined).success), issues);
  const query = contract.query === undefined ? undefined : validate('query', contract.query, event.queryStringParameters ?? {}, issues);
  const params = contract.params === undefined ? undefined : validate('path', contract.params, event.pathParameters ?? {}, issues);
  if (issues.length > 0) throw validationError(issues);
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
    throw new ValidationError('The Idempotency-Key header must be 8–128 letters, digits or ._:-', {
      errors: [{ path: 'header.idempotency-key', message: 'expected 8–128 characters of A–Z a–z 0–9 . _ : -' }],
    });
  }
  return {
    body,
    query,
    params,
    principal,
    correlationId: ids.correlationId,
    requestId: ids.requestId,
    logger: principal === undefined ? logger : logger.child({ organId: principal.organId, sub: principal.sub }),
    event,
    ...(idempotencyKey === undefined || contract.idempotency !== 'use-case' || principal === undefined
      ? {}
      : { idempotencyKey: scopedIdempotencyKey({ organId: principal.organId, sub: principal.sub, operation: contract.operationId, key: idempotencyKey }) }),
  } as RouteInput<C>;
}

/** The JSON body; an empty one is `undefined` where the contract's body is optional. */
function parseJsonBody(event: APIGatewayProxyEventV2, optional: boolean): unknown {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_JSON_BODY_BYTES) {
    throw new TooLargeError(`The request body is larger than ${MAX_JSON_BODY_BYTES} bytes.`, { errors: [{ path: 'body', message: 'too large' }] });
  }
  if (raw.trim() === '' && optional) return undefined;
  if (raw.trim() === '') throw new ValidationError('The request needs a JSON body.', { errors: [{ path: 'body', message: 'is required' }] });
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ValidationError('The request body is not valid JSON.', { errors: [{ path: 'body', message: (error as Error).message }] });
  }
}

/** Validates one part of the request, collecting its issues so that one answer names every bad field. */
function validate<S extends z.ZodType>(where: 'body' | 'query' | 'path', schema: S, value: unknown, issues: FieldIssue[]): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) issues.push(...validationFromZod(where, result.error).errors);
  return result.data as z.output<S>;
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function json(status: number, body: unknown, correlationId: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': correlationId }, body: JSON.stringify(body) };
}

/** A replayed answer carries this request's correlation id, not the first one's. */
function withCorrelation(response: APIGatewayProxyStructuredResultV2, correlationId: string): APIGatewayProxyStructuredResultV2 {
  return { ...response, headers: { ...response.headers, 'x-correlation-id': correlationId } };
}

function isRawResponse(result: unknown): result is { $response: APIGatewayProxyStructuredResultV2 } {
  return typeof result === 'object' && result !== null && '$response' in result;
}
