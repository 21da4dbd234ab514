import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldIssue } from '#domain/errors';
import { problemResponse, validationError } from '#http/problem';
import type { FunctionDefinition, HttpRoute } from '../definitions.ts';
import { verifyLocalToken } from './jwt.ts';
import { invoke, type EnvironmentOf } from './lambda-context.ts';
import { isPortalPath, servePortal } from './portal-files.ts';
import { isS3RelayPath, relayToS3 } from './s3-relay.ts';

/** API Gateway's payload limit; larger requests get 413 before any handler runs. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly route: HttpRoute;
  readonly fn: FunctionDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export interface ApiServerOptions {
  readonly root: string;
  readonly functions: readonly FunctionDefinition[];
  /** Each function's own environment: a handler sees only its own variables. */
  readonly environmentOf: EnvironmentOf;
  readonly jwt: { readonly secret: string; readonly issuer: string };
  readonly port: number;
  readonly host: string;
  /** The S3 emulator, which `/_local/s3/…` relays to (s3-relay.ts). */
  readonly s3Endpoint?: string;
}

/**
 * The local API Gateway: turns HTTP requests into HTTP API payload v2 events (with the verified JWT
 * claims, as the JWT authorizer passes them) and calls the handler of the matching route.
 */
export async function startApiServer(options: ApiServerOptions): Promise<{ server: Server; url: string }> {
  const routes = compileRoutes(options.functions);
  const server = createServer((request, response) => {
    handle(options, routes, request, response).catch((error: unknown) => {
      const timedOut = (error as Error).name === 'TimeoutError';
      process.stderr.write(`local api: ${timedOut ? `${request.method} ${request.url} timed out` : ((error as Error).stack ?? String(error))}\n`);
      if (response.headersSent) return;
      send(
        response,
        timedOut ? problem(504, 'Timed out', 'The function did not answer within its timeout.') : problem(500, 'Internal error', 'The local runtime failed to invoke the handler.'),
      );
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { server, url: `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}` };
}

async function handle(options: ApiServerOptions, routes: readonly CompiledRoute[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  // Presigned uploads and downloads of the portal, streamed whole to the S3 emulator (any size, no body read here).
  if (options.s3Endpoint !== undefined && isS3RelayPath(new URL(request.url ?? '/', 'http://local').pathname)) return relayToS3(options.s3Endpoint, request, response);
  const body = await readBody(request);
  if (body === undefined) return send(response, problem(413, 'Too large', `Requests are limited to ${MAX_REQUEST_BYTES} bytes.`));
  const target = requestTarget(request.url);
  if (!target.ok) return send(response, problemResponse(validationError([target.issue]), randomUUID()));
  const { url } = target;
  if (isPortalPath(method, url.pathname)) return servePortal(options.root, url.pathname, response);
  const match = findRoute(routes, method, url.pathname);
  if (match === undefined) return send(response, problem(404, 'Not found', `No route ${method} ${url.pathname}.`));
  let claims: Record<string, string> | undefined;
  if (match.compiled.route.auth === 'jwt') {
    claims = await verifyLocalToken(request.headers.authorization, options.jwt.secret, options.jwt.issuer);
    if (claims === undefined) return send(response, problem(401, 'Not signed in', 'Send Authorization: Bearer <token>; get one from POST /dev/token.'));
  }
  const event = toEvent(request, url, body, match, claims);
  const { fn } = match.compiled;
  const result = (await invoke(options.root, fn, options.environmentOf(fn), event)) as APIGatewayProxyStructuredResultV2 | string | undefined;
  send(response, normalise(result));
}

/**
 * The request's URL, refused when its path or query holds percent-encoding that does not decode (`%ZZ`, a
 * cut UTF-8 sequence): decoding path parameters would throw inside the runtime, and handlers must never
 * see a parameter the client did not mean.
 */
function requestTarget(raw: string | undefined): { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly issue: FieldIssue } {
  let url: URL;
  try {
    url = new URL(raw ?? '/', 'http://local');
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, issue: { path: 'path', message: 'is not a valid URL' } };
    throw error;
  }
  if (!decodes(url.pathname)) return { ok: false, issue: { path: 'path', message: 'has malformed percent-encoding' } };
  const query = url.search.slice(1);
  if (query !== '' && !query.split('&').every((pair) => decodes(pair.replace(/\+/g, ' '))))
    return { ok: false, issue: { path: 'query', message: 'has malformed percent-encoding' } };
  return { ok: true, url };
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch (error) {
    if (error instanceof URIError) return false;
    throw error;
  }
}

function compileRoutes(functions: readonly FunctionDefinition[]): CompiledRoute[] {
  return functions.flatMap((fn) =>
    fn.trigger.kind !== 'http'
      ? []
      : fn.trigger.routes.map((route) => {
          const names: string[] = [];
          const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a?: string, b?: string) => {
            names.push(a ?? b ?? '');
            return '([^/]+)';
          });
          return { route, fn, pattern: new RegExp(`^${source}$`), names };
        }),
  );
}

function findRoute(routes: readonly CompiledRoute[], method: string, path: string) {
  for (const compiled of routes) {
    if (compiled.route.method !== method) continue;
    const found = compiled.pattern.exec(path);
    if (found === null) continue;
    const params: Record<string, string> = {};
    compiled.names.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    return { compiled, params };
  }
  return undefined;
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  match: { compiled: CompiledRoute; params: Record<string, string> },
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const textual = /json|text|xml|x-www-form-urlencoded/.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const { route } = match.compiled;
  const event = {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.params).length > 0 ? { pathParameters: match.params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims === undefined ? {} : { authorizer: { jwt: { claims, scopes: [] } } }),
    },
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
  return event as APIGatewayProxyEventV2;
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** API Gateway's payload v2 rules: a string or object without statusCode is a 200 JSON body. */
function normalise(result: APIGatewayProxyStructuredResultV2 | string | undefined): APIGatewayProxyStructuredResultV2 {
  if (result === undefined) return { statusCode: 200, body: '' };
  if (typeof result === 'string' || result.statusCode === undefined)
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
  return result;
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body === undefined ? Buffer.alloc(0) : result.isBase64Encoded === true ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
  response.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined), 'content-length': String(body.length) });
  response.end(body);
}

function problem(status: number, title: string, detail: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: JSON.stringify({ type: 'about:blank', title, status, detail }) };
}
