import { z } from 'zod';
import { functions, type FunctionDefinition } from '#infra/definitions';
import { deployedFunctions } from '#infra/stacks/system';
import type { RouteContract } from './contract.ts';
import { problemSchema } from './problem.ts';
import { allContracts } from './contracts/index.ts';

/** Where the document is served: in AWS (the deployed stacks) or by the local runtime (infra/local). */
export type ServedBy = 'aws' | 'local';

export interface OpenApiOptions {
  readonly version: string;
  readonly servedBy: ServedBy;
  /** Default: infra/definitions.ts. */
  readonly definitions?: readonly FunctionDefinition[];
  /** Default: every route contract. */
  readonly contracts?: readonly RouteContract[];
}

/**
 * The OpenAPI 3.1 document, generated from the route contracts (the same zod schemas that validate
 * requests), so the reference cannot drift from the code. It lists the routes the runtime serves: the
 * routes of the functions in infra/definitions.ts, in AWS only those the stacks deploy (never the
 * `localOnly` ones such as POST /dev/token).
 *
 * @example
 * openApiDocument({ version: '1.4.0', servedBy: 'aws' }).paths; // no '/dev/token'
 */
export function openApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const { version, servedBy, definitions = functions, contracts = allContracts } = options;
  const served = new Set((servedBy === 'aws' ? deployedFunctions(definitions) : definitions).flatMap(routeKeys));
  const listed = contracts.filter((contract) => served.has(`${contract.method} ${contract.path}`));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of listed) {
    paths[contract.path] ??= {};
    const operations = paths[contract.path] ?? {};
    operations[contract.method.toLowerCase()] = operation(contract);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'vanthu — hệ thống quản lý văn bản và điều hành',
      version,
      description: 'Document management and administration for the agencies of Hanoi. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(listed.map((c) => c.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: schema(problemSchema, 'output') },
    },
    paths,
  };
}

function routeKeys(definition: FunctionDefinition): string[] {
  return definition.trigger.kind === 'http' ? definition.trigger.routes.map((route) => `${route.method} ${route.path}`) : [];
}

function operation(contract: RouteContract): Record<string, unknown> {
  const parameters = [
    ...objectParameters(contract.params, 'path'),
    ...objectParameters(contract.query, 'query'),
    ...(contract.idempotency !== undefined ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 128 } }] : []),
  ];
  const responses: Record<string, unknown> = {
    [String(contract.status)]: {
      description: 'Success',
      content: {
        'application/json': { schema: schema(contract.response, 'output') },
        ...Object.fromEntries((contract.responseTypes ?? []).map((type) => [type, { schema: { type: 'string' } }])),
      },
    },
  };
  for (const status of contract.errors) {
    responses[String(status)] = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    tags: [contract.tag],
    ...(contract.auth === 'jwt' ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(contract.roles === undefined ? {} : { 'x-roles': contract.roles }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(contract.body === undefined ? {} : { requestBody: { required: !contract.body.safeParse(undefined).success, content: { 'application/json': { schema: schema(contract.body, 'input') } } } }),
    responses,
  };
}

function objectParameters(source: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (source === undefined) return [];
  const json = schema(source, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function schema(source: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(source, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
