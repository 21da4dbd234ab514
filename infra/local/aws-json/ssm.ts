/**
 * The local SSM Parameter Store: PutParameter, GetParameter, GetParameters, GetParametersByPath and
 * DeleteParameter. Only the latest version of a parameter is kept (no history, labels or selectors);
 * SecureString values are stored as given and read back in clear only WithDecryption.
 */
import * as z from 'zod';
import { ACCOUNT_ID, AwsJsonError, epochSeconds, parseInput, type AwsJsonService, type Operation, type RequestContext } from './protocol.ts';

const parameterTypes = ['String', 'StringList', 'SecureString'] as const;
const tiers = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
/** The longest value of each tier, in characters. */
const maxValueLength = { Standard: 4096, Advanced: 8192 } as const;
const maxHierarchyLevels = 15;
const maxResultsPerPage = 10;
const namePattern = /^[A-Za-z0-9_.\-/]+$/;

const storedParameter = z.object({
  name: z.string(),
  type: z.enum(parameterTypes),
  value: z.string(),
  version: z.number().int().positive(),
  tier: z.enum(['Standard', 'Advanced']),
  description: z.string().optional(),
  keyId: z.string().optional(),
  lastModified: z.number(),
});
type StoredParameter = z.infer<typeof storedParameter>;

export const ssmState = z.object({ parameters: z.array(storedParameter) });
export type SsmState = z.infer<typeof ssmState>;

const name = z.string().min(1).max(2048);

const putParameterInput = z.object({
  Name: name,
  Value: z.string().min(1),
  Type: z.enum(parameterTypes).optional(),
  Description: z.string().max(1024).optional(),
  KeyId: z.string().min(1).max(256).optional(),
  Overwrite: z.boolean().optional(),
  Tier: z.enum(tiers).optional(),
  DataType: z.literal('text').optional(),
});
const getParameterInput = z.object({ Name: name, WithDecryption: z.boolean().optional() });
const getParametersInput = z.object({ Names: z.array(name).min(1).max(10), WithDecryption: z.boolean().optional() });
const getParametersByPathInput = z.object({
  Path: name,
  Recursive: z.boolean().optional(),
  WithDecryption: z.boolean().optional(),
  MaxResults: z.number().int().min(1).max(maxResultsPerPage).optional(),
  NextToken: z.string().min(1).optional(),
  ParameterFilters: z.array(z.unknown()).max(0, 'ParameterFilters are not supported by the local SSM').optional(),
});
const deleteParameterInput = z.object({ Name: name });

/** Where the previous page of GetParametersByPath ended, handed back as NextToken. */
const pageToken = z.object({ path: z.string(), after: z.string() });

export class SsmEmulator implements AwsJsonService {
  readonly targetPrefix = 'AmazonSSM';
  readonly internalErrorType = 'InternalServerError';
  private readonly parameters = new Map<string, StoredParameter>();

  private readonly operations: Readonly<Record<string, Operation>> = {
    PutParameter: (input) => this.putParameter(input),
    GetParameter: (input, context) => {
      const request = parseInput(getParameterInput, input);
      return { Parameter: answer(this.find(request.Name), request.WithDecryption === true, context) };
    },
    GetParameters: (input, context) => {
      const request = parseInput(getParametersInput, input);
      const names = [...new Set(request.Names)];
      const found = names.map((n) => this.parameters.get(n)).filter((parameter) => parameter !== undefined);
      return {
        Parameters: found.map((parameter) => answer(parameter, request.WithDecryption === true, context)),
        InvalidParameters: names.filter((n) => !this.parameters.has(n)),
      };
    },
    GetParametersByPath: (input, context) => this.getParametersByPath(input, context),
    DeleteParameter: (input) => {
      const request = parseInput(deleteParameterInput, input);
      this.find(request.Name);
      this.parameters.delete(request.Name);
      return {};
    },
  };

  constructor(state: SsmState = { parameters: [] }) {
    for (const parameter of state.parameters) this.parameters.set(parameter.name, parameter);
  }

  operation(operationName: string): Operation | undefined {
    return Object.hasOwn(this.operations, operationName) ? this.operations[operationName] : undefined;
  }

  mutates(operationName: string): boolean {
    return operationName === 'PutParameter' || operationName === 'DeleteParameter';
  }

  snapshot(): SsmState {
    return { parameters: [...this.parameters.values()] };
  }

  private putParameter(input: unknown): unknown {
    const request = parseInput(putParameterInput, input);
    checkName(request.Name);
    const existing = this.parameters.get(request.Name);
    if (existing !== undefined && request.Overwrite !== true)
      throw new AwsJsonError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    const type = request.Type ?? existing?.type;
    if (type === undefined) throw new AwsJsonError('ValidationException', 'A parameter type is required when you create a parameter.');
    if (existing !== undefined && request.Type !== undefined && request.Type !== existing.type && (request.Type === 'SecureString') !== (existing.type === 'SecureString')) {
      throw new AwsJsonError('HierarchyTypeMismatchException', `Parameter ${request.Name} is a ${existing.type}: it cannot become a ${request.Type}.`);
    }
    const tier = tierOf(request.Tier, request.Value, existing);
    if (request.Value.length > maxValueLength[tier]) {
      throw new AwsJsonError(
        'ValidationException',
        tier === 'Standard'
          ? `Standard tier parameters support a maximum parameter value of ${maxValueLength.Standard} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`
          : `Advanced tier parameters support a maximum parameter value of ${maxValueLength.Advanced} characters.`,
      );
    }
    const description = request.Description ?? existing?.description;
    const keyId = type === 'SecureString' ? (request.KeyId ?? existing?.keyId ?? 'alias/aws/ssm') : undefined;
    const stored: StoredParameter = {
      name: request.Name,
      type,
      value: request.Value,
      version: (existing?.version ?? 0) + 1,
      tier,
      lastModified: Date.now(),
      ...(description === undefined ? {} : { description }),
      ...(keyId === undefined ? {} : { keyId }),
    };
    this.parameters.set(request.Name, stored);
    return { Version: stored.version, Tier: stored.tier };
  }

  private getParametersByPath(input: unknown, context: RequestContext): unknown {
    const request = parseInput(getParametersByPathInput, input);
    if (!request.Path.startsWith('/') || !namePattern.test(request.Path))
      throw new AwsJsonError('ValidationException', `The path ${request.Path} must begin with / and hold letters, digits, '_', '.', '-' and '/' only.`);
    const prefix = request.Path.endsWith('/') ? request.Path : `${request.Path}/`;
    const after = request.NextToken === undefined ? undefined : readPageToken(request.NextToken, prefix);
    const matching = [...this.parameters.keys()]
      .filter((n) => n.startsWith(prefix) && n.length > prefix.length && (request.Recursive === true || !n.slice(prefix.length).includes('/')))
      .sort()
      .filter((n) => after === undefined || n > after);
    const page = matching.slice(0, request.MaxResults ?? maxResultsPerPage);
    const last = page.at(-1);
    return {
      Parameters: page.map((n) => answer(this.find(n), request.WithDecryption === true, context)),
      ...(matching.length > page.length && last !== undefined ? { NextToken: Buffer.from(JSON.stringify({ path: prefix, after: last })).toString('base64url') } : {}),
    };
  }

  private find(parameterName: string): StoredParameter {
    const parameter = this.parameters.get(parameterName);
    if (parameter === undefined) throw new AwsJsonError('ParameterNotFound', `Parameter ${parameterName} not found.`);
    return parameter;
  }
}

function answer(parameter: StoredParameter, withDecryption: boolean, context: RequestContext): Record<string, unknown> {
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: parameter.type === 'SecureString' && !withDecryption ? sealed(parameter) : parameter.value,
    Version: parameter.version,
    LastModifiedDate: epochSeconds(parameter.lastModified),
    ARN: `arn:aws:ssm:${context.region}:${ACCOUNT_ID}:parameter/${parameter.name.replace(/^\//, '')}`,
    DataType: 'text',
  };
}

/**
 * What a SecureString reads as without decryption: an opaque stand-in for KMS ciphertext, never the value
 * itself, so that code forgetting WithDecryption fails locally as it would on AWS.
 */
function sealed(parameter: StoredParameter): string {
  return Buffer.from(`local-ssm-ciphertext:${parameter.keyId ?? ''}:${parameter.name}:${parameter.version}`).toString('base64');
}

function checkName(parameterName: string): void {
  if (!namePattern.test(parameterName)) throw new AwsJsonError('ValidationException', `Parameter name ${parameterName} may hold letters, digits, '_', '.', '-' and '/' only.`);
  if (parameterName.includes('/') && !parameterName.startsWith('/')) throw new AwsJsonError('ValidationException', 'Parameter name must be a fully qualified name.');
  if (/^\/?(aws|ssm)/i.test(parameterName))
    throw new AwsJsonError('ParameterPatternMismatchException', 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  if (parameterName.split('/').length - 1 > maxHierarchyLevels) {
    throw new AwsJsonError('HierarchyLevelLimitExceededException', `A parameter name can have at most ${maxHierarchyLevels} levels of hierarchy.`);
  }
}

/** The tier a put leaves: Intelligent-Tiering picks the smallest that fits; an Advanced parameter stays Advanced. */
function tierOf(requested: (typeof tiers)[number] | undefined, value: string, existing: StoredParameter | undefined): 'Standard' | 'Advanced' {
  if (existing?.tier === 'Advanced' && requested === 'Standard') {
    throw new AwsJsonError(
      'ValidationException',
      'This parameter uses the advanced-parameter tier. You cannot downgrade a parameter from the advanced-parameter tier to the standard-parameter tier.',
    );
  }
  if (requested === 'Advanced' || existing?.tier === 'Advanced') return 'Advanced';
  if (requested === 'Intelligent-Tiering' && value.length > maxValueLength.Standard) return 'Advanced';
  return 'Standard';
}

function readPageToken(token: string, prefix: string): string {
  let parsed: z.ZodSafeParseResult<z.infer<typeof pageToken>>;
  try {
    parsed = pageToken.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new AwsJsonError('InvalidNextToken', 'The specified token is not valid.');
  }
  if (!parsed.success || parsed.data.path !== prefix) throw new AwsJsonError('InvalidNextToken', 'The specified token is not valid.');
  return parsed.data.after;
}
