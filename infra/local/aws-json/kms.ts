/**
 * The local KMS: asymmetric signing keys only (SIGN_VERIFY with RSA_2048, RSA_3072 or ECC_NIST_P256), the
 * operations the agency seal needs (CreateKey, CreateAlias, DescribeKey, GetPublicKey, Sign). A DIGEST
 * Sign signs the given SHA-256 hash as it is, as KMS does, so its signature verifies as an ordinary
 * SHA-256 signature of the message the hash was taken of.
 */
import { signSha256Digest } from '#signature/dev/digest-sign';
import type { SignatureAlgorithm } from '#domain/signing/ports';
import { constants, createPrivateKey, createPublicKey, generateKeyPair, randomUUID, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as z from 'zod';
import { ACCOUNT_ID, AwsJsonError, blob, epochSeconds, parseInput, type AwsJsonService, type Operation, type RequestContext } from './protocol.ts';

const signingKeySpecs = ['RSA_2048', 'RSA_3072', 'ECC_NIST_P256'] as const;
type SigningKeySpec = (typeof signingKeySpecs)[number];
type SigningAlgorithm = 'RSASSA_PKCS1_V1_5_SHA_256' | 'RSASSA_PSS_SHA_256' | 'ECDSA_SHA_256';

/** The same algorithms as the signing port names them. */
const SIGNATURE_ALGORITHM: Record<SigningAlgorithm, SignatureAlgorithm> = {
  RSASSA_PKCS1_V1_5_SHA_256: 'rsa-pkcs1-sha256',
  RSASSA_PSS_SHA_256: 'rsa-pss-sha256',
  ECDSA_SHA_256: 'ecdsa-sha256',
};
const rsaAlgorithms: readonly SigningAlgorithm[] = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'];
const ecAlgorithms: readonly SigningAlgorithm[] = ['ECDSA_SHA_256'];

/** KMS's ceiling on a RAW message. */
const maxMessageBytes = 4096;
const sha256Bytes = 32;
const keyIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const aliasPattern = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** A KMS key as state.json keeps it. */
const storedKey = z.object({
  keyId: z.string().regex(keyIdPattern),
  /** PKCS#8 PEM. */
  privateKey: z.string().min(1),
  description: z.string(),
  created: z.number(),
  origin: z.enum(['AWS_KMS', 'EXTERNAL']),
});

export const kmsState = z.object({ keys: z.array(storedKey), aliases: z.record(z.string(), z.string()) });
export type KmsState = z.infer<typeof kmsState>;

interface Key extends z.infer<typeof storedKey> {
  readonly key: KeyObject;
  readonly keySpec: SigningKeySpec;
}

const keyId = z.string().min(1).max(2048);

const createKeyInput = z.object({
  Description: z.string().max(8192).optional(),
  KeyUsage: z.string().optional(),
  KeySpec: z.string().optional(),
  CustomerMasterKeySpec: z.string().optional(),
  Origin: z.string().optional(),
  CustomKeyStoreId: z.string().optional(),
  MultiRegion: z.boolean().optional(),
});
const createAliasInput = z.object({ AliasName: z.string().min(1).max(256), TargetKeyId: keyId });
const keyIdInput = z.object({ KeyId: keyId });
const signInput = z.object({
  KeyId: keyId,
  Message: blob,
  MessageType: z.enum(['RAW', 'DIGEST']).optional(),
  SigningAlgorithm: z.string().min(1),
  DryRun: z.boolean().optional(),
});

export class KmsEmulator implements AwsJsonService {
  readonly targetPrefix = 'TrentService';
  readonly internalErrorType = 'KMSInternalException';
  private readonly keys = new Map<string, Key>();
  private readonly aliases = new Map<string, string>();
  private readonly signatures = new Map<string, number>();

  private readonly operations: Readonly<Record<string, Operation>> = {
    CreateKey: (input, context) => this.createKey(input, context),
    CreateAlias: (input, context) => this.createAlias(input, context),
    DescribeKey: (input, context) => ({ KeyMetadata: keyMetadata(this.resolve(parseInput(keyIdInput, input).KeyId, context), context) }),
    GetPublicKey: (input, context) => this.getPublicKey(input, context),
    Sign: (input, context) => this.sign(input, context),
  };

  constructor(state: KmsState = { keys: [], aliases: {} }) {
    for (const stored of state.keys) this.add({ ...stored, key: createPrivateKey(stored.privateKey) });
    for (const [alias, target] of Object.entries(state.aliases)) this.aliases.set(alias, target);
  }

  operation(name: string): Operation | undefined {
    return Object.hasOwn(this.operations, name) ? this.operations[name] : undefined;
  }

  mutates(name: string): boolean {
    return name === 'CreateKey' || name === 'CreateAlias';
  }

  /**
   * Registers `privateKey` (RSA 2048 or 3072 bits, or EC P-256) as the key `keyId` with Origin EXTERNAL,
   * replacing a key of that id, and points `aliases` at it. Throws on any other key or a bad id or alias.
   */
  importSigningKey(keyId: string, privateKey: KeyObject, aliases: readonly string[] = []): void {
    if (!keyIdPattern.test(keyId)) throw new Error(`A KMS key id is 1 to 128 letters, digits, '-' or '_', not ${JSON.stringify(keyId)}`);
    if (privateKey.type !== 'private') throw new Error(`Key ${keyId}: a private key is needed, not a ${privateKey.type} key`);
    for (const alias of aliases) if (!validAlias(alias)) throw new Error(`Key ${keyId}: ${JSON.stringify(alias)} is not an alias name (alias/...)`);
    this.add({ keyId, key: privateKey, privateKey: pkcs8(privateKey), description: 'Imported by the local runtime', created: Date.now(), origin: 'EXTERNAL' });
    for (const alias of aliases) this.aliases.set(alias, keyId);
  }

  /** How many signatures key `keyIdOrAlias` made (0 for an unknown key). */
  signCount(keyIdOrAlias: string): number {
    const id = keyIdOrAlias.startsWith('alias/') ? this.aliases.get(keyIdOrAlias) : keyIdOrAlias;
    return id === undefined ? 0 : (this.signatures.get(id) ?? 0);
  }

  snapshot(): KmsState {
    return {
      keys: [...this.keys.values()].map(({ keyId, privateKey, description, created, origin }) => ({ keyId, privateKey, description, created, origin })),
      aliases: Object.fromEntries(this.aliases),
    };
  }

  private add(stored: Omit<Key, 'keySpec'>): void {
    this.keys.set(stored.keyId, { ...stored, keySpec: keySpecOf(stored.key, stored.keyId) });
  }

  private async createKey(input: unknown, context: RequestContext): Promise<unknown> {
    const request = parseInput(createKeyInput, input);
    const usage = request.KeyUsage ?? 'ENCRYPT_DECRYPT';
    const spec = request.KeySpec ?? request.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    if (usage !== 'SIGN_VERIFY' || !isSigningKeySpec(spec)) {
      throw new AwsJsonError('UnsupportedOperationException', `The local KMS makes SIGN_VERIFY keys of ${signingKeySpecs.join(', ')} only, not ${usage} ${spec}`);
    }
    if ((request.Origin ?? 'AWS_KMS') !== 'AWS_KMS' || request.CustomKeyStoreId !== undefined || request.MultiRegion === true) {
      throw new AwsJsonError('UnsupportedOperationException', 'The local KMS makes single-Region AWS_KMS keys only');
    }
    const { privateKey } = await generateSigningKey(spec);
    const keyId = randomUUID();
    this.add({ keyId, key: privateKey, privateKey: pkcs8(privateKey), description: request.Description ?? '', created: Date.now(), origin: 'AWS_KMS' });
    return { KeyMetadata: keyMetadata(this.resolve(keyId, context), context) };
  }

  private createAlias(input: unknown, context: RequestContext): unknown {
    const request = parseInput(createAliasInput, input);
    if (!validAlias(request.AliasName)) {
      throw new AwsJsonError('InvalidAliasNameException', `Alias ${request.AliasName} must begin with alias/, not alias/aws/, and hold letters, digits, '/', '_' or '-' only`);
    }
    if (this.aliases.has(request.AliasName)) throw new AwsJsonError('AlreadyExistsException', `An alias with the name ${aliasArn(request.AliasName, context)} already exists`);
    // Like KMS, the target is a key id or key ARN, never another alias.
    const target = request.TargetKeyId.startsWith('alias/') || request.TargetKeyId.includes(':alias/') ? undefined : this.lookup(request.TargetKeyId);
    if (target === undefined) throw notFound(request.TargetKeyId, context);
    this.aliases.set(request.AliasName, target.keyId);
    return {};
  }

  private getPublicKey(input: unknown, context: RequestContext): unknown {
    const key = this.resolve(parseInput(keyIdInput, input).KeyId, context);
    return {
      KeyId: keyArn(key.keyId, context),
      PublicKey: createPublicKey(key.key).export({ type: 'spki', format: 'der' }).toString('base64'),
      CustomerMasterKeySpec: key.keySpec,
      KeySpec: key.keySpec,
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: algorithmsOf(key.keySpec),
    };
  }

  private sign(input: unknown, context: RequestContext): unknown {
    const request = parseInput(signInput, input);
    const key = this.resolve(request.KeyId, context);
    const algorithm = algorithmsOf(key.keySpec).find((candidate) => candidate === request.SigningAlgorithm);
    if (algorithm === undefined) {
      throw new AwsJsonError(
        'InvalidKeyUsageException',
        `${request.SigningAlgorithm} is not a signing algorithm of key ${keyArn(key.keyId, context)} (${key.keySpec}): use ${algorithmsOf(key.keySpec).join(' or ')}`,
      );
    }
    const message = request.Message;
    if (message.length === 0 || message.length > maxMessageBytes)
      throw new AwsJsonError('ValidationException', `Message must be 1 to ${maxMessageBytes} bytes, not ${message.length}`);
    const digest = request.MessageType === 'DIGEST';
    if (digest && message.length !== sha256Bytes) throw new AwsJsonError('ValidationException', `Digest is invalid length for algorithm ${algorithm}.`);
    if (request.DryRun === true) throw new AwsJsonError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
    const signature = digest ? signSha256Digest(key.key, SIGNATURE_ALGORITHM[algorithm], message) : signMessage(key.key, algorithm, message);
    this.signatures.set(key.keyId, (this.signatures.get(key.keyId) ?? 0) + 1);
    return { KeyId: keyArn(key.keyId, context), Signature: signature.toString('base64'), SigningAlgorithm: algorithm };
  }

  /** The key named by its id, key ARN, alias name or alias ARN; NotFoundException otherwise. */
  private resolve(name: string, context: RequestContext): Key {
    const key = this.lookup(name);
    if (key === undefined) throw notFound(name, context);
    return key;
  }

  private lookup(name: string): Key | undefined {
    const arn = /^arn:aws:kms:[^:]*:[0-9]*:((?:key|alias)\/.+)$/.exec(name);
    const resource = arn?.[1] ?? name;
    if (resource.startsWith('alias/')) {
      const target = this.aliases.get(resource);
      return target === undefined ? undefined : this.keys.get(target);
    }
    return this.keys.get(arn === null ? resource : resource.slice('key/'.length));
  }
}

function keyMetadata(key: Key, context: RequestContext): Record<string, unknown> {
  return {
    AWSAccountId: ACCOUNT_ID,
    KeyId: key.keyId,
    Arn: keyArn(key.keyId, context),
    CreationDate: epochSeconds(key.created),
    Enabled: true,
    Description: key.description,
    KeyUsage: 'SIGN_VERIFY',
    KeyState: 'Enabled',
    Origin: key.origin,
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    SigningAlgorithms: algorithmsOf(key.keySpec),
    MultiRegion: false,
  };
}

function notFound(name: string, context: RequestContext): AwsJsonError {
  const arn = /^arn:/.test(name) ? name : name.startsWith('alias/') ? aliasArn(name, context) : keyArn(name, context);
  return new AwsJsonError('NotFoundException', name.startsWith('alias/') || arn.includes(':alias/') ? `Alias ${arn} is not found.` : `Key '${arn}' does not exist`);
}

function keyArn(keyId: string, context: RequestContext): string {
  return `arn:aws:kms:${context.region}:${ACCOUNT_ID}:key/${keyId}`;
}

function aliasArn(alias: string, context: RequestContext): string {
  return `arn:aws:kms:${context.region}:${ACCOUNT_ID}:${alias}`;
}

function validAlias(alias: string): boolean {
  return aliasPattern.test(alias) && !alias.startsWith('alias/aws/');
}

function isSigningKeySpec(spec: string): spec is SigningKeySpec {
  return (signingKeySpecs as readonly string[]).includes(spec);
}

function algorithmsOf(spec: SigningKeySpec): readonly SigningAlgorithm[] {
  return spec === 'ECC_NIST_P256' ? ecAlgorithms : rsaAlgorithms;
}

function keySpecOf(key: KeyObject, keyId: string): SigningKeySpec {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength === 2048 || details?.modulusLength === 3072)) return `RSA_${details.modulusLength}`;
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ECC_NIST_P256';
  const described = key.asymmetricKeyType === 'rsa' ? `RSA ${details?.modulusLength} bits` : `${key.asymmetricKeyType} ${details?.namedCurve ?? ''}`.trim();
  throw new Error(`Key ${keyId}: the local KMS signs with RSA 2048 or 3072 bits or EC P-256 keys, not ${described}`);
}

const generateKeyPairAsync = promisify(generateKeyPair);

function generateSigningKey(spec: SigningKeySpec): Promise<{ privateKey: KeyObject }> {
  if (spec === 'ECC_NIST_P256') return generateKeyPairAsync('ec', { namedCurve: 'P-256' });
  return generateKeyPairAsync('rsa', { modulusLength: spec === 'RSA_2048' ? 2048 : 3072 });
}

function pkcs8(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** PSS as KMS makes it: MGF1 with SHA-256, a 32-byte salt. */
const pssSaltBytes = 32;

function signMessage(key: KeyObject, algorithm: SigningAlgorithm, message: Buffer): Buffer {
  if (algorithm === 'RSASSA_PSS_SHA_256') return sign('sha256', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pssSaltBytes });
  return sign('sha256', message, key);
}
