/**
 * The local KMS, SSM Parameter Store and Secrets Manager (infra/local/aws-json) driven by the real AWS SDK
 * v3 clients: every operation, the errors as the SDK names them, signatures checked with node:crypto,
 * keys imported by the local runtime, state kept across a restart, and requests that are not JSON.
 */
import { createHash, createPublicKey, generateKeyPairSync, verify, constants, type KeyObject } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DeleteParameterCommand, GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsJsonEmulator, type AwsJsonEmulator } from '#infra/local/aws-json/server';
import { startEmbeddedEmulators } from '#infra/local/emulators';

const clientConfig = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

let emulator: AwsJsonEmulator;
let kms: KMSClient;
let ssm: SSMClient;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  emulator = await startAwsJsonEmulator({ host: '127.0.0.1' });
  kms = new KMSClient(clientConfig(emulator.url));
  ssm = new SSMClient(clientConfig(emulator.url));
  secrets = new SecretsManagerClient(clientConfig(emulator.url));
});

afterAll(async () => {
  kms.destroy();
  ssm.destroy();
  secrets.destroy();
  await emulator.close();
});

describe('the local KMS', () => {
  it('creates a signing key and describes it by id, key ARN, alias and alias ARN', async () => {
    // Prepare
    const created = await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048', Description: 'agency seal' }));
    const keyId = created.KeyMetadata?.KeyId ?? '';
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/described', TargetKeyId: keyId }));
    // Act
    const described = await Promise.all(
      [keyId, `arn:aws:kms:us-east-1:000000000000:key/${keyId}`, 'alias/described', 'arn:aws:kms:us-east-1:000000000000:alias/described'].map((name) =>
        kms.send(new DescribeKeyCommand({ KeyId: name })),
      ),
    );
    // Assess
    expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.KeyMetadata).toMatchObject({
      AWSAccountId: '000000000000',
      Arn: `arn:aws:kms:us-east-1:000000000000:key/${keyId}`,
      Description: 'agency seal',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'SIGN_VERIFY',
      KeySpec: 'RSA_2048',
      Origin: 'AWS_KMS',
      SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'],
    });
    expect(created.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(Math.abs((created.KeyMetadata?.CreationDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    for (const result of described) expect(result.KeyMetadata).toEqual(created.KeyMetadata);
  });

  it('gives the public key of an ECC_NIST_P256 key as DER SubjectPublicKeyInfo with its spec and algorithms', async () => {
    // Prepare
    const created = await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'ECC_NIST_P256' }));
    // Act
    const answer = await kms.send(new GetPublicKeyCommand({ KeyId: created.KeyMetadata?.KeyId }));
    // Assess
    const publicKey = createPublicKey({ key: Buffer.from(answer.PublicKey ?? new Uint8Array()), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyType).toBe('ec');
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(answer).toMatchObject({ KeyId: created.KeyMetadata?.Arn, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'] });
  });

  it.each([
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['RSA_3072', 'RSASSA_PKCS1_V1_5_SHA_256'],
    ['RSA_3072', 'RSASSA_PSS_SHA_256'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ] as const)('signs a RAW message and its SHA-256 DIGEST with a %s key and %s, both verifying as signatures of the message', async (keySpec, algorithm) => {
    // Prepare
    const keyId = (await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: keySpec }))).KeyMetadata?.KeyId ?? '';
    const publicKey = await publicKeyOf(keyId);
    const message = Buffer.from(`văn bản số ${keySpec} ${algorithm}`);
    const digest = createHash('sha256').update(message).digest();
    // Act
    const raw = await kms.send(new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: algorithm }));
    const prehashed = await kms.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }));
    // Assess
    for (const answer of [raw, prehashed]) {
      expect(answer.KeyId).toBe(`arn:aws:kms:us-east-1:000000000000:key/${keyId}`);
      expect(answer.SigningAlgorithm).toBe(algorithm);
      const signature = Buffer.from(answer.Signature ?? new Uint8Array());
      expect(verify('sha256', message, verifier(publicKey, algorithm), signature)).toBe(true);
      expect(verify('sha256', Buffer.from('another message'), verifier(publicKey, algorithm), signature)).toBe(false);
      // KMS gives ECDSA signatures DER-encoded (SEQUENCE of r and s), RSA ones as long as the modulus.
      if (algorithm === 'ECDSA_SHA_256') expect(signature[0]).toBe(0x30);
      else expect(signature.length).toBe(keySpec === 'RSA_2048' ? 256 : 384);
    }
    expect(emulator.signCount(keyId)).toBe(2);
  });

  it('signs with a key the local runtime imported, by id and by alias, counting the signatures', async () => {
    // Prepare
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    emulator.importSigningKey('dev-agency-rsa', rsa.privateKey, ['alias/dev-agency-rsa', 'alias/dev-seal']);
    emulator.importSigningKey('dev-agency-ec', ec.privateKey);
    const digest = createHash('sha256').update('imported').digest();
    // Act
    const byId = await kms.send(new SignCommand({ KeyId: 'dev-agency-rsa', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    const byAlias = await kms.send(new SignCommand({ KeyId: 'alias/dev-seal', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
    const byEc = await kms.send(new SignCommand({ KeyId: 'dev-agency-ec', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/dev-agency-rsa' }));
    const publicKey = await kms.send(new GetPublicKeyCommand({ KeyId: 'dev-agency-ec' }));
    // Assess
    const message = Buffer.from('imported');
    expect(verify('sha256', message, rsa.publicKey, Buffer.from(byId.Signature ?? new Uint8Array()))).toBe(true);
    expect(verify('sha256', message, verifier(rsa.publicKey, 'RSASSA_PSS_SHA_256'), Buffer.from(byAlias.Signature ?? new Uint8Array()))).toBe(true);
    expect(verify('sha256', message, ec.publicKey, Buffer.from(byEc.Signature ?? new Uint8Array()))).toBe(true);
    expect(described.KeyMetadata).toMatchObject({ KeyId: 'dev-agency-rsa', Origin: 'EXTERNAL', KeySpec: 'RSA_2048' });
    expect(Buffer.from(publicKey.PublicKey ?? new Uint8Array())).toEqual(ec.publicKey.export({ type: 'spki', format: 'der' }));
    expect([emulator.signCount('dev-agency-rsa'), emulator.signCount('alias/dev-agency-rsa'), emulator.signCount('dev-agency-ec')]).toEqual([2, 2, 1]);
  });

  it('refuses to import a key it cannot sign with, or under a malformed id or alias', () => {
    // Prepare
    const ed25519 = generateKeyPairSync('ed25519').privateKey;
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const good = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // Act
    const attempts = [
      () => emulator.importSigningKey('ed', ed25519),
      () => emulator.importSigningKey('small', rsa1024),
      () => emulator.importSigningKey('p384', p384),
      () => emulator.importSigningKey('public', good.publicKey),
      () => emulator.importSigningKey('alias/not-an-id', good.privateKey),
      () => emulator.importSigningKey('fine', good.privateKey, ['not-an-alias']),
    ];
    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(Error);
    for (const keyId of ['ed', 'small', 'p384', 'public', 'fine']) expect(emulator.signCount(keyId)).toBe(0);
  });

  it('answers the errors KMS answers, under the names the SDK gives them, and counts only signatures made', async () => {
    // Prepare
    const rsaKey = (await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048' }))).KeyMetadata?.KeyId ?? '';
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: rsaKey }));
    const digest = createHash('sha256').update('x').digest();
    // Act
    const errors = {
      unknownKey: await errorOf(kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' }))),
      unknownAlias: await errorOf(kms.send(new SignCommand({ KeyId: 'alias/missing', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }))),
      wrongAlgorithm: await errorOf(kms.send(new SignCommand({ KeyId: rsaKey, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }))),
      unsupportedAlgorithm: await errorOf(kms.send(new SignCommand({ KeyId: rsaKey, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_512' }))),
      shortDigest: await errorOf(kms.send(new SignCommand({ KeyId: rsaKey, Message: digest.subarray(1), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' }))),
      longMessage: await errorOf(kms.send(new SignCommand({ KeyId: rsaKey, Message: Buffer.alloc(4097), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }))),
      dryRun: await errorOf(kms.send(new SignCommand({ KeyId: rsaKey, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256', DryRun: true }))),
      symmetricKey: await errorOf(kms.send(new CreateKeyCommand({}))),
      rsa4096: await errorOf(kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_4096' }))),
      aliasTaken: await errorOf(kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: rsaKey }))),
      aliasReserved: await errorOf(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: rsaKey }))),
      aliasMalformed: await errorOf(kms.send(new CreateAliasCommand({ AliasName: 'mine', TargetKeyId: rsaKey }))),
      aliasToUnknownKey: await errorOf(kms.send(new CreateAliasCommand({ AliasName: 'alias/orphan', TargetKeyId: 'missing' }))),
      aliasToAlias: await errorOf(kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: 'alias/taken' }))),
      encrypt: await errorOf(kms.send(new EncryptCommand({ KeyId: rsaKey, Plaintext: Buffer.from('x') }))),
    };
    // Assess
    expect(Object.fromEntries(Object.entries(errors).map(([what, error]) => [what, error.name]))).toEqual({
      unknownKey: 'NotFoundException',
      unknownAlias: 'NotFoundException',
      wrongAlgorithm: 'InvalidKeyUsageException',
      unsupportedAlgorithm: 'InvalidKeyUsageException',
      shortDigest: 'ValidationException',
      longMessage: 'ValidationException',
      dryRun: 'DryRunOperationException',
      symmetricKey: 'UnsupportedOperationException',
      rsa4096: 'UnsupportedOperationException',
      aliasTaken: 'AlreadyExistsException',
      aliasReserved: 'InvalidAliasNameException',
      aliasMalformed: 'InvalidAliasNameException',
      aliasToUnknownKey: 'NotFoundException',
      aliasToAlias: 'NotFoundException',
      encrypt: 'UnknownOperationException',
    });
    expect(errors.unknownKey.message).toBe("Key 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-4000-8000-000000000000' does not exist");
    expect(errors.unknownKey.$metadata.httpStatusCode).toBe(400);
    expect(emulator.signCount(rsaKey)).toBe(0);
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/orphan' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('the local SSM Parameter Store', () => {
  it('puts, overwrites and gets String, StringList and SecureString parameters, versions counting up', async () => {
    // Prepare
    await ssm.send(new PutParameterCommand({ Name: '/put/plain', Value: 'one', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/put/list', Value: 'a,b,c', Type: 'StringList' }));
    const secure = await ssm.send(new PutParameterCommand({ Name: '/put/secure', Value: 'p@ss', Type: 'SecureString', KeyId: 'alias/app' }));
    // Act
    const overwritten = await ssm.send(new PutParameterCommand({ Name: '/put/plain', Value: 'two', Overwrite: true }));
    const refused = await errorOf(ssm.send(new PutParameterCommand({ Name: '/put/plain', Value: 'three', Type: 'String' })));
    const plain = await ssm.send(new GetParameterCommand({ Name: '/put/plain' }));
    const list = await ssm.send(new GetParameterCommand({ Name: '/put/list' }));
    const sealed = await ssm.send(new GetParameterCommand({ Name: '/put/secure' }));
    const decrypted = await ssm.send(new GetParameterCommand({ Name: '/put/secure', WithDecryption: true }));
    // Assess
    expect(secure).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(overwritten).toMatchObject({ Version: 2, Tier: 'Standard' });
    expect(refused.name).toBe('ParameterAlreadyExists');
    expect(plain.Parameter).toMatchObject({
      Name: '/put/plain',
      Type: 'String',
      Value: 'two',
      Version: 2,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/put/plain',
      DataType: 'text',
    });
    expect(plain.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(list.Parameter).toMatchObject({ Type: 'StringList', Value: 'a,b,c', Version: 1 });
    expect(sealed.Parameter?.Type).toBe('SecureString');
    expect(sealed.Parameter?.Value).not.toContain('p@ss');
    expect(decrypted.Parameter).toMatchObject({ Type: 'SecureString', Value: 'p@ss', Version: 1 });
  });

  it('holds 4096 characters in the Standard tier and 8192 in the Advanced tier, ValidationException beyond', async () => {
    // Prepare
    const put = (name: string, length: number, tier?: 'Standard' | 'Advanced' | 'Intelligent-Tiering') =>
      ssm.send(new PutParameterCommand({ Name: name, Value: 'x'.repeat(length), Type: 'String', ...(tier === undefined ? {} : { Tier: tier }) }));
    // Act
    const standard = await put('/size/standard', 4096);
    const tooLongStandard = await errorOf(put('/size/too-long', 4097));
    const advanced = await put('/size/advanced', 8192, 'Advanced');
    const tooLongAdvanced = await errorOf(put('/size/too-long', 8193, 'Advanced'));
    const intelligent = await put('/size/intelligent', 5000, 'Intelligent-Tiering');
    const downgrade = await errorOf(ssm.send(new PutParameterCommand({ Name: '/size/advanced', Value: 'x', Overwrite: true, Tier: 'Standard' })));
    // Assess
    expect(standard.Tier).toBe('Standard');
    expect(advanced.Tier).toBe('Advanced');
    expect(intelligent.Tier).toBe('Advanced');
    expect([tooLongStandard.name, tooLongAdvanced.name, downgrade.name]).toEqual(['ValidationException', 'ValidationException', 'ValidationException']);
    expect(tooLongStandard.message).toContain('4096');
    await expect(ssm.send(new GetParameterCommand({ Name: '/size/too-long' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('refuses names AWS refuses, a new parameter without a type and a type change to or from SecureString', async () => {
    // Prepare
    await ssm.send(new PutParameterCommand({ Name: '/names/plain', Value: 'v', Type: 'String' }));
    const put = (name: string, type?: 'String' | 'SecureString') =>
      ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Overwrite: true, ...(type === undefined ? {} : { Type: type }) }));
    // Act
    const errors = [
      await errorOf(put('relative/name', 'String')),
      await errorOf(put('/with space', 'String')),
      await errorOf(put('/aws/reserved', 'String')),
      await errorOf(put(`/${'level/'.repeat(15)}leaf`, 'String')),
      await errorOf(put('/names/untyped')),
      await errorOf(put('/names/plain', 'SecureString')),
    ];
    // Assess
    expect(errors.map((error) => error.name)).toEqual([
      'ValidationException',
      'ValidationException',
      'ParameterPatternMismatchException',
      'HierarchyLevelLimitExceededException',
      'ValidationException',
      'HierarchyTypeMismatchException',
    ]);
  });

  it('gets several parameters at once, naming the ones that do not exist', async () => {
    // Prepare
    await ssm.send(new PutParameterCommand({ Name: '/many/a', Value: 'A', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/many/b', Value: 'B', Type: 'SecureString' }));
    // Act
    const answer = await ssm.send(new GetParametersCommand({ Names: ['/many/a', '/many/missing', '/many/b'], WithDecryption: true }));
    const tooMany = await errorOf(ssm.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/many/${i}`) })));
    // Assess
    expect(answer.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      ['/many/a', 'A'],
      ['/many/b', 'B'],
    ]);
    expect(answer.InvalidParameters).toEqual(['/many/missing']);
    expect(tooMany.name).toBe('ValidationException');
  });

  it('pages GetParametersByPath by at most 10, one level deep or recursively', async () => {
    // Prepare
    const direct = Array.from({ length: 23 }, (_, i) => `/tree/p${String(i).padStart(2, '0')}`);
    const nested = ['/tree/sub/one', '/tree/sub/deeper/two'];
    for (const name of [...direct, ...nested, '/treetop', '/other/x']) await ssm.send(new PutParameterCommand({ Name: name, Value: name, Type: 'String' }));
    const allPages = async (recursive: boolean, maxResults?: number) => {
      const pages: string[][] = [];
      let nextToken: string | undefined;
      do {
        const page = await ssm.send(new GetParametersByPathCommand({ Path: '/tree', Recursive: recursive, NextToken: nextToken, MaxResults: maxResults }));
        pages.push((page.Parameters ?? []).map((p) => p.Name ?? ''));
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      return pages;
    };
    // Act
    const oneLevel = await allPages(false);
    const recursive = await allPages(true, 7);
    const trailingSlash = await ssm.send(new GetParametersByPathCommand({ Path: '/tree/sub/', Recursive: false }));
    const tooMany = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: '/tree', MaxResults: 11 })));
    const forged = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: '/tree', NextToken: 'not-a-token' })));
    const relative = await errorOf(ssm.send(new GetParametersByPathCommand({ Path: 'tree' })));
    // Assess
    expect(oneLevel.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(oneLevel.flat()).toEqual(direct);
    expect(recursive.map((page) => page.length)).toEqual([7, 7, 7, 4]);
    expect(recursive.flat()).toEqual([...direct, ...nested].sort());
    expect(trailingSlash.Parameters?.map((p) => p.Name)).toEqual(['/tree/sub/one']);
    expect(trailingSlash.NextToken).toBeUndefined();
    expect([tooMany.name, forged.name, relative.name]).toEqual(['ValidationException', 'InvalidNextToken', 'ValidationException']);
  });

  it('deletes a parameter, which is then not found, and answers ParameterNotFound for unknown names', async () => {
    // Prepare
    await ssm.send(new PutParameterCommand({ Name: '/gone/soon', Value: 'v', Type: 'String' }));
    // Act
    await ssm.send(new DeleteParameterCommand({ Name: '/gone/soon' }));
    const afterDelete = await errorOf(ssm.send(new GetParameterCommand({ Name: '/gone/soon' })));
    const deleteAgain = await errorOf(ssm.send(new DeleteParameterCommand({ Name: '/gone/soon' })));
    // Assess
    expect(afterDelete.name).toBe('ParameterNotFound');
    expect(afterDelete.message).toBe('Parameter /gone/soon not found.');
    expect(deleteAgain.name).toBe('ParameterNotFound');
  });
});

describe('the local Secrets Manager', () => {
  it('creates a secret, reads it by name and by ARN, and moves AWSCURRENT to a new value', async () => {
    // Prepare
    const created = await secrets.send(new CreateSecretCommand({ Name: 'app/db-password', SecretString: 'first', Description: 'database' }));
    // Act
    const byName = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/db-password' }));
    const byArn = await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    const put = await secrets.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'second' }));
    const current = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/db-password' }));
    const previous = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/db-password', VersionStage: 'AWSPREVIOUS' }));
    const byVersion = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/db-password', VersionId: created.VersionId }));
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'app/db-password' }));
    // Assess
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-password-[A-Za-z]{6}$/);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byName).toMatchObject({ ARN: created.ARN, Name: 'app/db-password', SecretString: 'first', VersionId: created.VersionId, VersionStages: ['AWSCURRENT'] });
    expect(byArn.SecretString).toBe('first');
    expect(put).toMatchObject({ ARN: created.ARN, VersionStages: ['AWSCURRENT'] });
    expect(put.VersionId).not.toBe(created.VersionId);
    expect(current).toMatchObject({ SecretString: 'second', VersionId: put.VersionId });
    expect(previous).toMatchObject({ SecretString: 'first', VersionId: created.VersionId, VersionStages: ['AWSPREVIOUS'] });
    expect(byVersion.SecretString).toBe('first');
    expect(described).toMatchObject({ ARN: created.ARN, Name: 'app/db-password', Description: 'database' });
    expect(described.VersionIdsToStages).toEqual({ [created.VersionId ?? '']: ['AWSPREVIOUS'], [put.VersionId ?? '']: ['AWSCURRENT'] });
    expect(described.DeletedDate).toBeUndefined();
  });

  it('keeps a binary secret as bytes, and a secret created without a value has none yet', async () => {
    // Prepare
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await secrets.send(new CreateSecretCommand({ Name: 'binary', SecretBinary: bytes }));
    await secrets.send(new CreateSecretCommand({ Name: 'empty-for-now' }));
    // Act
    const binary = await secrets.send(new GetSecretValueCommand({ SecretId: 'binary' }));
    const empty = await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'empty-for-now' })));
    // Assess
    expect(Buffer.from(binary.SecretBinary ?? new Uint8Array())).toEqual(bytes);
    expect(binary.SecretString).toBeUndefined();
    expect(empty.name).toBe('ResourceNotFoundException');
  });

  it('answers the errors Secrets Manager answers', async () => {
    // Prepare
    await secrets.send(new CreateSecretCommand({ Name: 'existing', SecretString: 'v' }));
    // Act
    const errors = [
      await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'missing' }))),
      await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:existing-ZZZZZZ' }))),
      await errorOf(secrets.send(new DescribeSecretCommand({ SecretId: 'missing' }))),
      await errorOf(secrets.send(new PutSecretValueCommand({ SecretId: 'missing', SecretString: 'v' }))),
      await errorOf(secrets.send(new CreateSecretCommand({ Name: 'existing', SecretString: 'other' }))),
      await errorOf(secrets.send(new CreateSecretCommand({ Name: 'both', SecretString: 'v', SecretBinary: Buffer.from('v') }))),
      await errorOf(secrets.send(new CreateSecretCommand({ Name: 'bad name!?', SecretString: 'v' }))),
      await errorOf(secrets.send(new DeleteSecretCommand({ SecretId: 'existing', RecoveryWindowInDays: 3 }))),
    ];
    // Assess
    expect(errors.map((error) => error.name)).toEqual([
      'ResourceNotFoundException',
      'ResourceNotFoundException',
      'ResourceNotFoundException',
      'ResourceNotFoundException',
      'ResourceExistsException',
      'InvalidParameterException',
      'ValidationException',
      'InvalidParameterException',
    ]);
    expect(errors[0]?.message).toBe("Secrets Manager can't find the specified secret.");
  });

  it('deletes a secret at once with ForceDeleteWithoutRecovery, or schedules it within its recovery window', async () => {
    // Prepare
    await secrets.send(new CreateSecretCommand({ Name: 'forced', SecretString: 'v' }));
    await secrets.send(new CreateSecretCommand({ Name: 'scheduled', SecretString: 'v' }));
    // Act
    const forced = await secrets.send(new DeleteSecretCommand({ SecretId: 'forced', ForceDeleteWithoutRecovery: true }));
    const scheduled = await secrets.send(new DeleteSecretCommand({ SecretId: 'scheduled', RecoveryWindowInDays: 7 }));
    const forcedRead = await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'forced' })));
    const scheduledRead = await errorOf(secrets.send(new GetSecretValueCommand({ SecretId: 'scheduled' })));
    const scheduledDescribed = await secrets.send(new DescribeSecretCommand({ SecretId: 'scheduled' }));
    const recreateScheduled = await errorOf(secrets.send(new CreateSecretCommand({ Name: 'scheduled', SecretString: 'v' })));
    const recreatedForced = await secrets.send(new CreateSecretCommand({ Name: 'forced', SecretString: 'again' }));
    // Assess
    expect(forced.Name).toBe('forced');
    expect(forcedRead.name).toBe('ResourceNotFoundException');
    expect(scheduledRead.name).toBe('InvalidRequestException');
    expect(recreateScheduled.name).toBe('InvalidRequestException');
    const sevenDays = 7 * 24 * 60 * 60 * 1000;
    expect(Math.abs((scheduled.DeletionDate?.getTime() ?? 0) - (Date.now() + sevenDays))).toBeLessThan(60_000);
    expect(scheduledDescribed.DeletedDate?.getTime()).toBe(scheduled.DeletionDate?.getTime());
    expect(recreatedForced.ARN).not.toBe(forced.ARN);
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'forced' }))).SecretString).toBe('again');
  });
});

describe('the emulator as an HTTP server', () => {
  it('answers 400 to a body that is not a JSON object, and carries on', async () => {
    // Prepare
    const post = (body: string, target = 'AmazonSSM.GetParameter') =>
      fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
    // Act
    const answers = [await post('{"Name": '), await post('[1, 2]'), await post('null'), await post('{}', 'AmazonSSM.SendCommand'), await post('{}', 'Nobody.Anything')];
    const bodies = await Promise.all(answers.map(async (answer) => ({ status: answer.status, body: (await answer.json()) as { __type: string } })));
    const stillAnswering = await errorOf(ssm.send(new GetParameterCommand({ Name: '/still/missing' })));
    // Assess
    expect(bodies.map(({ status, body }) => [status, body.__type])).toEqual([
      [400, 'SerializationException'],
      [400, 'SerializationException'],
      [400, 'SerializationException'],
      [400, 'UnknownOperationException'],
      [400, 'UnknownOperationException'],
    ]);
    expect(answers[0]?.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(stillAnswering.name).toBe('ParameterNotFound');
  });

  it('refuses a body over 1 MiB without reading it into memory, and carries on', async () => {
    // Prepare
    const body = JSON.stringify({ Name: '/big', Value: 'x'.repeat(1024 * 1024), Type: 'String' });
    // Act
    const answer = await fetch(emulator.url, { method: 'POST', headers: { 'x-amz-target': 'AmazonSSM.PutParameter' }, body });
    const stillAnswering = await errorOf(ssm.send(new GetParameterCommand({ Name: '/big' })));
    // Assess
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { __type: string }).__type).toBe('RequestEntityTooLargeException');
    expect(stillAnswering.name).toBe('ParameterNotFound');
  });
});

describe('the emulator with a data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vanthu-aws-json-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps keys, aliases, parameters and secrets across a restart, in a state file only its owner reads', async () => {
    // Prepare
    const first = await startAwsJsonEmulator({ host: '127.0.0.1', dataDir });
    const before = clients(first.url);
    const imported = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    first.importSigningKey('dev-seal', imported.privateKey, ['alias/dev-seal']);
    const created = await before.kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048', Description: 'kept' }));
    const keyId = created.KeyMetadata?.KeyId ?? '';
    await before.kms.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: keyId }));
    const publicKeyBefore = (await before.kms.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey;
    await before.ssm.send(new PutParameterCommand({ Name: '/kept/param', Value: 'v1', Type: 'SecureString' }));
    await before.ssm.send(new PutParameterCommand({ Name: '/kept/param', Value: 'v2', Overwrite: true }));
    const secret = await before.secrets.send(new CreateSecretCommand({ Name: 'kept-secret', SecretString: 'hidden' }));
    before.destroy();
    await first.close();
    // Act
    const second = await startAwsJsonEmulator({ host: '127.0.0.1', dataDir });
    const after = clients(second.url);
    try {
      const described = await after.kms.send(new DescribeKeyCommand({ KeyId: 'alias/kept' }));
      const publicKeyAfter = (await after.kms.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey;
      const digest = createHash('sha256').update('after restart').digest();
      const signed = await after.kms.send(new SignCommand({ KeyId: 'alias/kept', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
      const sealed = await after.kms.send(new SignCommand({ KeyId: 'alias/dev-seal', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      const parameter = await after.ssm.send(new GetParameterCommand({ Name: '/kept/param', WithDecryption: true }));
      const value = await after.secrets.send(new GetSecretValueCommand({ SecretId: secret.ARN }));
      const files = await readdir(path.join(dataDir, 'aws-json'));
      const mode = (await stat(path.join(dataDir, 'aws-json', 'state.json'))).mode & 0o777;
      // Assess
      expect(described.KeyMetadata).toEqual(created.KeyMetadata);
      expect(Buffer.from(publicKeyAfter ?? new Uint8Array())).toEqual(Buffer.from(publicKeyBefore ?? new Uint8Array()));
      const publicKey = createPublicKey({ key: Buffer.from(publicKeyBefore ?? new Uint8Array()), format: 'der', type: 'spki' });
      expect(verify('sha256', Buffer.from('after restart'), publicKey, Buffer.from(signed.Signature ?? new Uint8Array()))).toBe(true);
      expect(verify('sha256', Buffer.from('after restart'), imported.publicKey, Buffer.from(sealed.Signature ?? new Uint8Array()))).toBe(true);
      expect(parameter.Parameter).toMatchObject({ Value: 'v2', Version: 2, Type: 'SecureString' });
      expect(value).toMatchObject({ SecretString: 'hidden', ARN: secret.ARN, VersionId: secret.VersionId });
      expect(files).toEqual(['state.json']);
      expect(mode).toBe(0o600);
      expect([second.signCount('alias/kept'), second.signCount('dev-seal')]).toEqual([1, 1]);
    } finally {
      after.destroy();
      await second.close();
    }
  });

  it('refuses to start on a damaged state file rather than overwrite it', async () => {
    // Prepare
    const damagedDir = await mkdtemp(path.join(tmpdir(), 'vanthu-aws-json-damaged-'));
    await startAwsJsonEmulator({ host: '127.0.0.1', dataDir: damagedDir }).then((started) => started.close());
    await writeFile(path.join(damagedDir, 'aws-json', 'state.json'), '{"version": 1, "kms": ');
    // Act
    const started = startAwsJsonEmulator({ host: '127.0.0.1', dataDir: damagedDir });
    // Assess
    await expect(started).rejects.toThrow(/state\.json is not JSON/);
    await rm(damagedDir, { recursive: true, force: true });
  });
});

describe('the embedded emulators', () => {
  it('serve KMS, SSM and Secrets Manager beside DynamoDB, S3 and SQS, with the KMS import and counter', async () => {
    // Prepare
    const emulators = await startEmbeddedEmulators(undefined);
    const {
      kms: localKms,
      ssm: localSsm,
      secrets: localSecrets,
    } = {
      kms: new KMSClient(clientConfig(emulators.endpoints.kms)),
      ssm: new SSMClient(clientConfig(emulators.endpoints.ssm)),
      secrets: new SecretsManagerClient(clientConfig(emulators.endpoints.secretsManager)),
    };
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    try {
      emulators.kms.importSigningKey('agency-seal', key.privateKey, ['alias/agency-seal']);
      const digest = createHash('sha256').update('embedded').digest();
      // Act
      const signed = await localKms.send(new SignCommand({ KeyId: 'alias/agency-seal', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
      const put = await localSsm.send(new PutParameterCommand({ Name: '/embedded', Value: 'v', Type: 'String' }));
      const created = await localSecrets.send(new CreateSecretCommand({ Name: 'embedded', SecretString: 'v' }));
      // Assess
      expect(emulators.endpoints.kms).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect([emulators.endpoints.ssm, emulators.endpoints.secretsManager]).toEqual([emulators.endpoints.kms, emulators.endpoints.kms]);
      expect(verify('sha256', Buffer.from('embedded'), key.publicKey, Buffer.from(signed.Signature ?? new Uint8Array()))).toBe(true);
      expect(put.Version).toBe(1);
      expect(created.Name).toBe('embedded');
      expect(emulators.kms.signCount('agency-seal')).toBe(1);
    } finally {
      localKms.destroy();
      localSsm.destroy();
      localSecrets.destroy();
      await emulators.close();
    }
  });
});

function clients(url: string) {
  const all = { kms: new KMSClient(clientConfig(url)), ssm: new SSMClient(clientConfig(url)), secrets: new SecretsManagerClient(clientConfig(url)) };
  return {
    ...all,
    destroy: () => {
      for (const client of Object.values(all)) client.destroy();
    },
  };
}

async function publicKeyOf(keyId: string): Promise<KeyObject> {
  const answer = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  return createPublicKey({ key: Buffer.from(answer.PublicKey ?? new Uint8Array()), format: 'der', type: 'spki' });
}

/** How node:crypto verifies a signature made with `algorithm` (PSS: MGF1-SHA-256, 32-byte salt, as KMS). */
function verifier(publicKey: KeyObject, algorithm: SigningAlgorithmSpec) {
  return algorithm === 'RSASSA_PSS_SHA_256' ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : publicKey;
}

/** The error `promise` rejects with, as the SDK surfaces it; fails the test when it resolves. */
async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error(`expected the request to fail, got ${String(error)}`);
  return error as Error & { $metadata: { httpStatusCode?: number } };
}
