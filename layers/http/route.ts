import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Dependencies } from '#app/context';
import { TooLargeError, ValidationError, type FieldIssue } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import type { Principal } from '#domain/identity/principal';
import { idempotencyStore } from '#adapters/idempotency';
import { optional } from '#adapters/config';
import { env } from '#adapters/environment';
import { composePorts, type PortFactories } from '#adapters/ports/compose';
import { instrument } from '#observability/invocation';
import { createLogger, emitMetric, type Logger } from '#observability/log';
import { principalFromEvent } from './claims.ts';
import { idempotencyOf, type Infer, type PortName, type RouteContract } from './contract.ts';
import { requestFingerprint, scopedIdempotencyKey, withIdempotency } from './idempotency.ts';
import { requestLanguage, zodErrorMap, type Language } from './language.ts';
import { refusalIn, routeMessages } from './messages.ts';
import { problemResponse, timeoutResponse, validationError, validationFromZod } from './problem.ts';

/** Time kept back from the function's timeout to answer 504 and log it before Lambda stops the function. */
export const TIMEOUT_MARGIN_MS = 1000;

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
   * The caller's `Idempotency-Key` bound to the caller and the operation (scopedIdempotencyKey): a use case
   * that writes in one transaction may keep it there too, so a retry after a lost claim finds its work.
   */
  readonly idempotencyKey?: string;
  /** The ports the operation declares, built on first use; any other port throws. */
  readonly deps: Dependencies;
  readonly logger: Logger;
  readonly event: APIGatewayProxyEventV2;
  /** The language the request asks for in its Accept-Language (layers/http/language.ts): the route's own words use it. */
  readonly language: Language;
}

export type RouteResult<C extends RouteContract> = z.input<C['response']> | { readonly $response: APIGatewayProxyStructuredResultV2 };

/**
 * Builds the Lambda handler of an operation: refuse a caller the permission matrix does not allow (403),
 * parse and validate the request against the declaration, honour its `Idempotency-Key`, run the use case
 * with the ports the operation declares, answer JSON or problem+json — and 504 with a log line and a
 * metric when the function is about to time out. Problem titles, the route's own refusals and validation
 * messages are in the language of the request's Accept-Language (English unless it asks for `vi`).
 * Handlers stay thin: they only call one use case.
 *
 * @example
 * export const handler = httpRoute(getDocumentContract, { clock, documents }, ({ deps, params, principal, correlationId, requestId }) =>
 *   getDocument(deps, { principal, correlationId, requestId }, params.id));
 */
export function httpRoute<C extends RouteContract>(contract: C, factories: PortFactories, run: (input: RouteInput<C>) => Promise<RouteResult<C>>) {
  assertSamePorts(contract, Object.keys(factories));
  const deps = composePorts(contract.operationId, factories);
  const dimensions = { operation: contract.operationId };
  const handler = (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> =>
    instrument(context, { operation: contract.operationId }, () => answerRequest(event, context));
  const answerRequest = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const correlationId = clientCorrelationId(event) ?? requestId;
    const logger = createLogger({ correlationId, requestId });
    const language = requestLanguage(event);
    const started = Date.now();
    let response: APIGatewayProxyStructuredResultV2;
    let timer: NodeJS.Timeout | undefined;
    try {
      const input = parseRequest(contract, event, { correlationId, requestId, language }, logger, deps);
      const execute = async () => {
        const result = await run(input);
        return isRawResponse(result) ? result.$response : json(contract.status, result, correlationId);
      };
      const key = header(event, 'idempotency-key');
      const principal: Principal | undefined = input.principal;
      const answer: Promise<APIGatewayProxyStructuredResultV2> =
        idempotencyOf(contract) === 'key' && key !== undefined && principal !== undefined
          ? withIdempotency(
              idempotencyStore(),
              {
                scope: { organId: principal.organId, sub: principal.sub, operation: contract.operationId, key },
                fingerprint: requestFingerprint({ method: contract.method, path: event.rawPath, body: event.body, roles: principal.roles }, optional(env.pageTokenKey)),
                now: new Date(),
              },
              execute,
            ).then((replayable) => withCorrelation(replayable, correlationId))
          : execute();
      // Lambda stops a function at its timeout without a word; answer first, while there is time to log.
      const budget = remainingMs(context) - TIMEOUT_MARGIN_MS;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, budget))));
      const outcome = await Promise.race([answer, timedOut]);
      if (outcome === 'timeout') {
        response = timeoutResponse(correlationId, language);
        logger.error('request timed out', { budgetMs: budget, ms: Date.now() - started });
        emitMetric('Timeouts', 1, 'Count', dimensions);
        // The work may still finish or fail; its outcome is not this answer's. Keep it from surfacing as unhandled.
        answer.catch((error: unknown) => logger.error('request failed after its timeout', { error }));
      } else {
        response = outcome;
      }
    } catch (error) {
      response = problemResponse(error, correlationId, language);
      const status = response.statusCode ?? 500;
      if (status >= 500) logger.error('request failed', { error });
      else logger.info('request refused', { status, type: (error as { type?: string }).type });
    } finally {
      clearTimeout(timer);
    }
    const status = response.statusCode ?? 200;
    logger.info('request', { method: contract.method, route: contract.path, status, ms: Date.now() - started });
    // One EMF line per request: the counts and the latency of the operation share its one dimension.
    emitMetric('Requests', 1, 'Count', dimensions);
    emitMetric('Failed', status >= 500 ? 1 : 0, 'Count', dimensions);
    emitMetric('Refused', status >= 400 && status < 500 ? 1 : 0, 'Count', dimensions);
    emitMetric('Latency', Date.now() - started, 'Milliseconds', dimensions);
    return response;
  };
  return Object.assign(handler, { operation: contract, ports: Object.keys(factories) as readonly PortName[] });
}

/** What is left of the invocation; a context without a clock (a test's) leaves the default budget of 29 s. */
function remainingMs(context: Context): number {
  return typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 29_000;
}

/** The factories a handler passes are the ports its operation declares: no fewer (a port missing at run time), no more (a grant it lacks). */
function assertSamePorts(contract: RouteContract, factories: readonly string[]): void {
  const declared = [...contract.ports].sort();
  const given = [...factories].sort();
  if (declared.join() !== given.join()) {
    throw new Error(`${contract.operationId}: the handler composes [${given.join(', ')}] but the operation declares [${declared.join(', ')}]`);
  }
}

/** A client's correlation id is used only when it is well formed; anything else is dropped unseen (not logged, not echoed). */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function clientCorrelationId(event: APIGatewayProxyEventV2): string | undefined {
  const value = header(event, 'x-correlation-id');
  return value !== undefined && CORRELATION_ID.test(value) ? value : undefined;
}

function parseRequest<C extends RouteContract>(
  contract: C,
  event: APIGatewayProxyEventV2,
  ids: { correlationId: string; requestId: string; language: Language },
  logger: Logger,
  deps: Dependencies,
): RouteInput<C> {
  const { language } = ids;
  const messages = routeMessages[language];
  const principal = contract.auth === 'jwt' ? caller(contract, event, language) : undefined;
  const issues: FieldIssue[] = [];
  const body =
    contract.body === undefined ? undefined : validate('body', contract.body, parseJsonBody(event, contract.body.safeParse(undefined).success, language), issues, language);
  const query = contract.query === undefined ? undefined : validate('query', contract.query, event.queryStringParameters ?? {}, issues, language);
  const params = contract.params === undefined ? undefined : validate('path', contract.params, event.pathParameters ?? {}, issues, language);
  if (issues.length > 0) throw validationError(issues, language);
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
    throw new ValidationError(messages.idempotencyKey, { errors: [{ path: 'header.idempotency-key', message: messages.idempotencyKeyIssue }] });
  }
  return {
    body,
    query,
    params,
    principal,
    correlationId: ids.correlationId,
    requestId: ids.requestId,
    language,
    logger: principal === undefined ? logger : logger.child({ organId: principal.organId, sub: principal.sub }),
    event,
    deps,
    ...(idempotencyKey === undefined || idempotencyOf(contract) !== 'key' || principal === undefined
      ? {}
      : { idempotencyKey: scopedIdempotencyKey({ organId: principal.organId, sub: principal.sub, operation: contract.operationId, key: idempotencyKey }) }),
  } as RouteInput<C>;
}

/**
 * The caller, refused before the request is read when the permission matrix does not allow the operation
 * (a caller who may not perform it learns nothing of its schema); both refusals in the request's language.
 */
function caller(contract: RouteContract, event: APIGatewayProxyEventV2, language: Language): Principal {
  let principal: Principal | undefined;
  try {
    principal = principalFromEvent(event);
    if (contract.permission !== undefined) authorize(principal, contract.permission);
    return principal;
  } catch (error) {
    throw refusalIn(language, error, principal);
  }
}

/** The JSON body; an empty one is `undefined` where the contract's body is optional. */
function parseJsonBody(event: APIGatewayProxyEventV2, optional: boolean, language: Language): unknown {
  const messages = routeMessages[language];
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_JSON_BODY_BYTES) {
    throw new TooLargeError(messages.bodyTooLarge(MAX_JSON_BODY_BYTES), { errors: [{ path: 'body', message: messages.tooLarge }] });
  }
  if (raw.trim() === '' && optional) return undefined;
  if (raw.trim() === '') throw new ValidationError(messages.bodyRequired, { errors: [{ path: 'body', message: messages.required }] });
  try {
    return JSON.parse(raw);
  } catch (error) {
    // The parser's own words (English, as Node writes them) say where the JSON breaks.
    throw new ValidationError(messages.bodyNotJson, { errors: [{ path: 'body', message: (error as Error).message }] });
  }
}

/**
 * Validates one part of the request, collecting its issues so that one answer names every bad field; zod
 * words the issues in the request's language, except where the schema wrote its own message.
 */
function validate<S extends z.ZodType>(where: 'body' | 'query' | 'path', schema: S, value: unknown, issues: FieldIssue[], language: Language): z.output<S> {
  const error = zodErrorMap(language);
  const result = error === undefined ? schema.safeParse(value) : schema.safeParse(value, { error });
  if (!result.success) issues.push(...validationFromZod(where, result.error, language).errors);
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
