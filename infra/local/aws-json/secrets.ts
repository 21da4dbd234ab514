/**
 * The local Secrets Manager: CreateSecret, PutSecretValue, GetSecretValue, DescribeSecret and
 * DeleteSecret, with version stages (AWSCURRENT, AWSPREVIOUS and the caller's own) and deletion after a
 * recovery window. A secret is found by its name, its ARN or its ARN without the random suffix.
 */
import { randomInt, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ACCOUNT_ID, AwsJsonError, blob, epochSeconds, parseInput, type AwsJsonService, type Operation, type RequestContext } from './protocol.ts';

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const maxSecretBytes = 65_536;
const dayMilliseconds = 24 * 60 * 60 * 1000;

const storedVersion = z.object({
  id: z.string(),
  string: z.string().optional(),
  /** base64 */
  binary: z.string().optional(),
  stages: z.array(z.string()),
  created: z.number(),
});
type StoredVersion = z.infer<typeof storedVersion>;

const tag = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) });

const storedSecret = z.object({
  name: z.string(),
  /** The six random characters that end the ARN. */
  suffix: z.string(),
  description: z.string().optional(),
  kmsKeyId: z.string().optional(),
  tags: z.array(tag).optional(),
  created: z.number(),
  lastChanged: z.number(),
  /** When the secret goes for good; set once DeleteSecret scheduled it. */
  deletion: z.number().optional(),
  versions: z.array(storedVersion),
});
type StoredSecret = z.infer<typeof storedSecret>;

export const secretsState = z.object({ secrets: z.array(storedSecret) });
export type SecretsState = z.infer<typeof secretsState>;

const secretId = z.string().min(1).max(2048);
const requestToken = z.string().min(32).max(64);
const secretString = z.string().max(maxSecretBytes);
const secretBinary = blob.refine((bytes) => bytes.length <= maxSecretBytes, `Member must have length less than or equal to ${maxSecretBytes}`);
const stage = z.string().min(1).max(256);

const createSecretInput = z.object({
  Name: z.string().regex(/^[A-Za-z0-9/_+=.@!-]{1,512}$/, 'Member must satisfy regular expression pattern: [A-Za-z0-9/_+=.@!-]{1,512}'),
  ClientRequestToken: requestToken.optional(),
  Description: z.string().max(2048).optional(),
  KmsKeyId: z.string().max(2048).optional(),
  SecretString: secretString.optional(),
  SecretBinary: secretBinary.optional(),
  Tags: z.array(tag).optional(),
});
const putSecretValueInput = z.object({
  SecretId: secretId,
  ClientRequestToken: requestToken.optional(),
  SecretString: secretString.optional(),
  SecretBinary: secretBinary.optional(),
  VersionStages: z.array(stage).min(1).max(20).optional(),
});
const getSecretValueInput = z.object({ SecretId: secretId, VersionId: requestToken.optional(), VersionStage: stage.optional() });
const describeSecretInput = z.object({ SecretId: secretId });
const deleteSecretInput = z.object({ SecretId: secretId, RecoveryWindowInDays: z.number().int().optional(), ForceDeleteWithoutRecovery: z.boolean().optional() });

interface SecretValue {
  readonly string?: string;
  readonly binary?: string;
}

export class SecretsEmulator implements AwsJsonService {
  readonly targetPrefix = 'secretsmanager';
  readonly internalErrorType = 'InternalServiceError';
  private readonly secrets = new Map<string, StoredSecret>();

  private readonly operations: Readonly<Record<string, Operation>> = {
    CreateSecret: (input, context) => this.createSecret(input, context),
    PutSecretValue: (input, context) => this.putSecretValue(input, context),
    GetSecretValue: (input, context) => this.getSecretValue(input, context),
    DescribeSecret: (input, context) => describe(this.find(parseInput(describeSecretInput, input).SecretId), context),
    DeleteSecret: (input, context) => this.deleteSecret(input, context),
  };

  constructor(state: SecretsState = { secrets: [] }) {
    for (const secret of state.secrets) this.secrets.set(secret.name, secret);
  }

  operation(name: string): Operation | undefined {
    return Object.hasOwn(this.operations, name) ? this.operations[name] : undefined;
  }

  mutates(name: string): boolean {
    return name === 'CreateSecret' || name === 'PutSecretValue' || name === 'DeleteSecret';
  }

  snapshot(): SecretsState {
    return { secrets: [...this.secrets.values()] };
  }

  private createSecret(input: unknown, context: RequestContext): unknown {
    const request = parseInput(createSecretInput, input);
    const value = secretValueOf(request);
    const versionId = request.ClientRequestToken ?? randomUUID();
    this.purgeDeleted();
    const existing = this.secrets.get(request.Name);
    if (existing?.deletion !== undefined) {
      throw new AwsJsonError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
    }
    if (existing !== undefined) {
      // A retry of the very same request (same token, same value) succeeds again, as on AWS.
      const retried = existing.versions.find((version) => version.id === versionId);
      if (value !== undefined && retried !== undefined && sameValue(retried, value)) return { ARN: arnOf(existing, context), Name: existing.name, VersionId: retried.id };
      throw new AwsJsonError('ResourceExistsException', `The operation failed because the secret ${request.Name} already exists.`);
    }
    const now = Date.now();
    const secret: StoredSecret = {
      name: request.Name,
      suffix: randomSuffix(),
      created: now,
      lastChanged: now,
      versions: value === undefined ? [] : [{ id: versionId, ...value, stages: [CURRENT], created: now }],
      ...(request.Description === undefined ? {} : { description: request.Description }),
      ...(request.KmsKeyId === undefined ? {} : { kmsKeyId: request.KmsKeyId }),
      ...(request.Tags === undefined ? {} : { tags: request.Tags }),
    };
    this.secrets.set(secret.name, secret);
    return { ARN: arnOf(secret, context), Name: secret.name, ...(value === undefined ? {} : { VersionId: versionId }) };
  }

  private putSecretValue(input: unknown, context: RequestContext): unknown {
    const request = parseInput(putSecretValueInput, input);
    const value = secretValueOf(request);
    if (value === undefined) throw new AwsJsonError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    const secret = this.findActive(request.SecretId);
    const versionId = request.ClientRequestToken ?? randomUUID();
    const existing = secret.versions.find((version) => version.id === versionId);
    if (existing !== undefined) {
      if (!sameValue(existing, value))
        throw new AwsJsonError('ResourceExistsException', `You can't modify an existing version, you can only create a new version. Version ${versionId} exists.`);
      return { ARN: arnOf(secret, context), Name: secret.name, VersionId: existing.id, VersionStages: existing.stages };
    }
    const now = Date.now();
    const stages = [...new Set(request.VersionStages ?? [CURRENT])];
    const current = secret.versions.find((version) => version.stages.includes(CURRENT));
    const moved = stages.includes(CURRENT) && current !== undefined ? [...stages, PREVIOUS] : stages;
    const others = secret.versions.map((version) => ({ ...version, stages: version.stages.filter((s) => !moved.includes(s)) }));
    const previous = others.find((version) => version.id === current?.id);
    if (previous !== undefined && stages.includes(CURRENT)) previous.stages.push(PREVIOUS);
    const version: StoredVersion = { id: versionId, ...value, stages, created: now };
    // Like AWS, a version that lost every stage is deprecated; the local store forgets it.
    this.secrets.set(secret.name, { ...secret, lastChanged: now, versions: [...others.filter((v) => v.stages.length > 0), version] });
    return { ARN: arnOf(secret, context), Name: secret.name, VersionId: version.id, VersionStages: version.stages };
  }

  private getSecretValue(input: unknown, context: RequestContext): unknown {
    const request = parseInput(getSecretValueInput, input);
    const secret = this.findActive(request.SecretId);
    const wantedStage = request.VersionStage ?? (request.VersionId === undefined ? CURRENT : undefined);
    const version = secret.versions.find((v) => (request.VersionId === undefined || v.id === request.VersionId) && (wantedStage === undefined || v.stages.includes(wantedStage)));
    if (version === undefined) {
      const wanted = request.VersionId === undefined ? `staging label: ${wantedStage}` : `VersionId: ${request.VersionId}`;
      throw new AwsJsonError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${wanted}`);
    }
    return {
      ARN: arnOf(secret, context),
      Name: secret.name,
      VersionId: version.id,
      ...(version.string === undefined ? {} : { SecretString: version.string }),
      ...(version.binary === undefined ? {} : { SecretBinary: version.binary }),
      VersionStages: version.stages,
      CreatedDate: epochSeconds(version.created),
    };
  }

  private deleteSecret(input: unknown, context: RequestContext): unknown {
    const request = parseInput(deleteSecretInput, input);
    const force = request.ForceDeleteWithoutRecovery === true;
    if (force && request.RecoveryWindowInDays !== undefined) {
      throw new AwsJsonError('InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const days = request.RecoveryWindowInDays ?? 30;
    if (days < 7 || days > 30) throw new AwsJsonError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    const secret = this.find(request.SecretId);
    if (force) {
      this.secrets.delete(secret.name);
      return { ARN: arnOf(secret, context), Name: secret.name, DeletionDate: epochSeconds(Date.now()) };
    }
    if (secret.deletion !== undefined) {
      throw new AwsJsonError('InvalidRequestException', "You can't perform this operation on the secret because it was already scheduled for deletion.");
    }
    const deletion = Date.now() + days * dayMilliseconds;
    this.secrets.set(secret.name, { ...secret, deletion });
    return { ARN: arnOf(secret, context), Name: secret.name, DeletionDate: epochSeconds(deletion) };
  }

  /** The secret named by `id` (name, ARN, or ARN without its suffix), even one scheduled for deletion. */
  private find(id: string): StoredSecret {
    this.purgeDeleted();
    const arn = /^arn:aws:secretsmanager:[^:]*:[0-9]*:secret:(.+)$/.exec(id);
    const found = arn === null ? this.secrets.get(id) : [...this.secrets.values()].find((s) => `${s.name}-${s.suffix}` === arn[1] || s.name === arn[1]);
    if (found === undefined) throw new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return found;
  }

  private findActive(id: string): StoredSecret {
    const secret = this.find(id);
    if (secret.deletion !== undefined) throw new AwsJsonError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
    return secret;
  }

  /** Secrets whose recovery window is over are gone. */
  private purgeDeleted(): void {
    const now = Date.now();
    for (const [name, secret] of this.secrets) if (secret.deletion !== undefined && secret.deletion <= now) this.secrets.delete(name);
  }
}

function describe(secret: StoredSecret, context: RequestContext): unknown {
  return {
    ARN: arnOf(secret, context),
    Name: secret.name,
    ...(secret.description === undefined ? {} : { Description: secret.description }),
    ...(secret.kmsKeyId === undefined ? {} : { KmsKeyId: secret.kmsKeyId }),
    ...(secret.tags === undefined ? {} : { Tags: secret.tags }),
    CreatedDate: epochSeconds(secret.created),
    LastChangedDate: epochSeconds(secret.lastChanged),
    ...(secret.deletion === undefined ? {} : { DeletedDate: epochSeconds(secret.deletion) }),
    VersionIdsToStages: Object.fromEntries(secret.versions.map((version) => [version.id, version.stages])),
  };
}

/** The value a request carries: SecretString or SecretBinary, not both; undefined for neither. */
function secretValueOf(request: { SecretString?: string | undefined; SecretBinary?: Buffer | undefined }): SecretValue | undefined {
  if (request.SecretString !== undefined && request.SecretBinary !== undefined) {
    throw new AwsJsonError('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (request.SecretString !== undefined) return { string: request.SecretString };
  if (request.SecretBinary !== undefined) return { binary: request.SecretBinary.toString('base64') };
  return undefined;
}

function sameValue(version: StoredVersion, value: SecretValue): boolean {
  return version.string === value.string && version.binary === value.binary;
}

function arnOf(secret: StoredSecret, context: RequestContext): string {
  return `arn:aws:secretsmanager:${context.region}:${ACCOUNT_ID}:secret:${secret.name}-${secret.suffix}`;
}

const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomSuffix(): string {
  return Array.from({ length: 6 }, () => suffixAlphabet[randomInt(suffixAlphabet.length)]).join('');
}
