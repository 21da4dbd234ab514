import * as z from 'zod';
import { labelsOf } from '#domain/vocabulary/index';
import { answersOf, idempotencyOf, rolesOf, type RouteContract } from './contract.ts';
import { problemSchema } from './problem.ts';
import { allContracts } from './operations/index.ts';

/** Where the document is served: in AWS (the deployed stacks) or by the local runtime (infra/local). */
export type ServedBy = 'aws' | 'local';

export interface OpenApiOptions {
  readonly version: string;
  readonly servedBy: ServedBy;
  /** Default: every operation. */
  readonly contracts?: readonly RouteContract[];
}

/**
 * The OpenAPI 3.1 document, generated from the route contracts (the same zod schemas that validate
 * requests), so the reference cannot drift from the code. It lists the operations the runtime serves: in
 * AWS never the `localOnly` ones such as POST /dev/token. Each lists every answer it can give (`answersOf`).
 *
 * @example
 * openApiDocument({ version: '1.4.0', servedBy: 'aws' }).paths; // no '/dev/token'
 */
export function openApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const { version, servedBy, contracts = allContracts } = options;
  const listed = contracts.filter((contract) => servedBy === 'local' || contract.runtime?.localOnly !== true);
  const components: Components = { Problem: schema(problemSchema, 'output', {}) };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of listed) {
    paths[contract.path] ??= {};
    const operations = paths[contract.path] ?? {};
    operations[contract.method.toLowerCase()] = operation(contract, components);
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
      schemas: components,
    },
    paths,
  };
}

function operation(contract: RouteContract, components: Components): Record<string, unknown> {
  const parameters = [
    ...objectParameters(contract.params, 'path', components),
    ...objectParameters(contract.query, 'query', components),
    ...objectParameters(contract.headers, 'header', components),
    ...(idempotencyOf(contract) === 'key'
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]{8,128}$' } }]
      : []),
  ];
  const responses: Record<string, unknown> = {
    [String(contract.status)]: {
      description: 'Success',
      content: {
        'application/json': { schema: schema(contract.response, 'output', components) },
        ...Object.fromEntries((contract.responseTypes ?? []).map((type) => [type, { schema: { type: 'string' } }])),
      },
    },
  };
  for (const status of answersOf(contract)) {
    const meaning = contract.errorDescriptions?.[status];
    responses[String(status)] = {
      description: meaning === undefined ? 'Problem' : `Problem: ${meaning}`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    tags: [contract.tag],
    ...(contract.auth === 'jwt' ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(rolesOf(contract) === undefined ? {} : { 'x-roles': rolesOf(contract), 'x-permission': contract.permission }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBody(contract, components),
    responses,
  };
}

/** The parsed body of the contract, or the raw body its use case validates (signed webhooks); none without either. */
function requestBody(contract: RouteContract, components: Components): Record<string, unknown> {
  const [source, required, description] =
    contract.body !== undefined
      ? [contract.body, !contract.body.safeParse(undefined).success, undefined]
      : contract.rawBody !== undefined
        ? [contract.rawBody.schema, true, contract.rawBody.description]
        : [];
  if (source === undefined) return {};
  const examples = mediaExamples(source);
  return {
    requestBody: {
      ...(description === undefined ? {} : { description }),
      required,
      content: { 'application/json': { schema: schema(source, 'input', components), ...(examples === undefined ? {} : { examples }) } },
    },
  };
}

/**
 * The samples of a discriminated union's variants (their `.meta({ examples })`) as named media-type examples,
 * so that a reader picks one per event: `document.sent`, `document.sent #2`, `document.status`...
 */
function mediaExamples(source: z.ZodType): Record<string, { summary: string; value: unknown }> | undefined {
  const union = discriminatedUnion(source);
  if (union === undefined) return undefined;
  const entries = union.options.flatMap((option) => {
    const name = [...(option._zod.propValues?.[union.discriminator] ?? [])].map(String).join(' | ');
    const meta = z.globalRegistry.get(option);
    const examples = Array.isArray(meta?.examples) ? (meta.examples as unknown[]) : [];
    return examples.map((value, index) => [index === 0 ? name : `${name} #${index + 1}`, { summary: `${meta?.title ?? name} (sample ${index + 1})`, value }] as const);
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function discriminatedUnion(source: z.core.$ZodType): { discriminator: string; options: readonly z.core.$ZodType[] } | undefined {
  const def = source._zod.def as { type: string; discriminator?: unknown; options?: readonly z.core.$ZodType[] };
  return def.type === 'union' && typeof def.discriminator === 'string' && def.options !== undefined ? { discriminator: def.discriminator, options: def.options } : undefined;
}

function objectParameters(source: z.ZodType | undefined, where: 'path' | 'query' | 'header', components: Components): Record<string, unknown>[] {
  if (source === undefined) return [];
  const json = schema(source, 'input', components) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const required = where === 'path' || (json.required ?? []).includes(name);
    if (where !== 'header') return { name, in: where, required, schema: property };
    // A header's description and sample belong to the parameter, where readers and generators look for them.
    const { description, examples, ...rest } = property;
    return {
      name,
      in: where,
      required,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] } : {}),
    };
  });
}

/**
 * The vocabulary beside an enum of strings: the entries that label it and the label of each value (left
 * out where every label is the value itself, as the document types' names are).
 */
function labelEnum(jsonSchema: Record<string, unknown>): void {
  const values = jsonSchema.enum;
  if (!Array.isArray(values) || values.length === 0 || !values.every((value) => typeof value === 'string')) return;
  const found = labelsOf(values);
  if (found === undefined) return;
  jsonSchema['x-vocabulary'] = found.names;
  if (values.some((value) => found.labels[value] !== value)) jsonSchema['x-enumDescriptions'] = found.labels;
}

/** The named schemas of the document (`#/components/schemas/…`): Problem, and every zod schema given a meta `id`. */
type Components = Record<string, Record<string, unknown>>;

const DEFS_REF = '#/$defs/';
const COMPONENTS_REF = '#/components/schemas/';

/**
 * The JSON Schema of a zod schema. Schemas with a meta `id` become components (and are referenced), a
 * discriminated union of such schemas gets its OpenAPI `discriminator` with the mapping, and the `examples`
 * of a `.meta()` stay on the request side: they are wire samples, which zod drops from the input side of a
 * transforming schema (an agency code that becomes its parsed form). An enum whose values the vocabulary
 * labels (layers/domain/vocabulary, `GET /vocabulary`) names its entries in `x-vocabulary` and carries the
 * Vietnamese label of each value in `x-enumDescriptions`.
 */
function schema(source: z.ZodType, io: 'input' | 'output', components: Components): Record<string, unknown> {
  const converted = z.toJSONSchema(source, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const examples = z.globalRegistry.get(zodSchema)?.examples;
      if (io === 'input' && jsonSchema.examples === undefined && Array.isArray(examples)) jsonSchema.examples = examples;
      labelEnum(jsonSchema);
      const union = discriminatedUnion(zodSchema);
      const branches = jsonSchema.oneOf ?? jsonSchema.anyOf;
      const names = (branches ?? []).map((branch) => (typeof branch === 'object' && branch.$ref?.startsWith(DEFS_REF) ? branch.$ref.slice(DEFS_REF.length) : ''));
      // Only a union of named schemas (components) gets a mapping: an OpenAPI mapping names schemas by reference.
      if (union === undefined || names.length !== union.options.length || names.some((name) => name === '' || name.startsWith('__schema'))) return;
      const mapping = Object.fromEntries(
        union.options.flatMap((option, index) =>
          [...(option._zod.propValues?.[union.discriminator] ?? [])].map((value) => [String(value), `${COMPONENTS_REF}${names[index] ?? ''}`]),
        ),
      );
      jsonSchema.discriminator = { propertyName: union.discriminator, mapping };
    },
  }) as Record<string, unknown>;
  const { $schema: _ignored, $defs, ...rest } = converted as { $schema?: string; $defs?: Record<string, unknown> };
  // Defs zod names itself (`__schema0`: a cycle) stay inline; only `id`s become components.
  const named = Object.keys($defs ?? {}).filter((name) => !name.startsWith('__schema'));
  if (named.length > 0 && named.length !== Object.keys($defs ?? {}).length) {
    throw new Error(`OpenAPI: a schema with components (${named.join(', ')}) also has unnamed recursive parts; give them a meta id.`);
  }
  const rehome = (value: unknown): Record<string, unknown> =>
    JSON.parse(JSON.stringify(value), (key, v: unknown) =>
      key === '$ref' && typeof v === 'string' && v.startsWith(DEFS_REF) && named.includes(v.slice(DEFS_REF.length)) ? COMPONENTS_REF + v.slice(DEFS_REF.length) : v,
    ) as Record<string, unknown>;
  for (const name of named) {
    const component = rehome($defs?.[name]);
    const existing = components[name];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(component)) throw new Error(`OpenAPI: two different schemas are named ${name}.`);
    components[name] = component;
  }
  return rehome(named.length > 0 ? rest : { ...rest, ...($defs === undefined ? {} : { $defs }) });
}
