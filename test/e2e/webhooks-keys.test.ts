import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { generateEd25519KeyPair, parseSecret } from '#webhooks/index';
import { CITY_DEPT, itemCount, OTHER_SENDER, SENDER, startWebhookWorld, type WebhookWorld } from './webhooks-helpers.ts';

let world: WebhookWorld;

beforeAll(async () => {
  world = await startWebhookWorld();
});

afterAll(async () => {
  await world.api.runtime.close();
});

const keysOf = (organId: string, token = world.cityAdmin) => world.api.request('GET', `/agencies/${organId}/webhook-keys`, { token });
const create = (organId: string, body: unknown, token = world.cityAdmin) => world.api.request('POST', `/agencies/${organId}/webhook-keys`, { token, body });

describe('webhook keys of an external agency', () => {
  it('shows a new whsec_ secret once, stores it encrypted, and never lists it', async () => {
    // Act
    const created = await create(SENDER, { kind: 'hmac' });
    const listed = await keysOf(SENDER);
    // Assess
    expect(created.status).toBe(201);
    expect(parseSecret(created.body.secret)).toHaveLength(32);
    expect(created.body.key).toMatchObject({ organId: SENDER, kind: 'hmac', status: 'active', createdBy: { sub: 'city-admin' } });
    expect(listed.body.items.map((k: { keyId: string }) => k.keyId)).toContain(created.body.key.keyId);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(JSON.stringify(listed.body)).not.toContain('encryptedSecret');
    const stored = await dynamoDocumentClient().send(
      new GetCommand({ TableName: world.api.runtime.names.tableName, Key: { pk: `AGENCY#${SENDER}`, sk: `WHKEY#${created.body.key.keyId}` } }),
    );
    const secretBase64 = (created.body.secret as string).slice('whsec_'.length);
    expect(stored.Item?.encryptedSecret).toMatch(/^local1:/);
    expect(JSON.stringify(stored.Item)).not.toContain(secretBase64);
  });

  it('registers an Ed25519 public key given as whpk_ or PEM, and refuses anything else', async () => {
    // Prepare
    const pair = generateEd25519KeyPair();
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const before = await itemCount(world);
    // Act
    const refused = await Promise.all([
      create(OTHER_SENDER, { kind: 'ed25519', publicKey: pair.signingKey }),
      create(OTHER_SENDER, { kind: 'ed25519', publicKey: 'whpk_AAAA' }),
      create(OTHER_SENDER, { kind: 'rsa' }),
    ]);
    const afterRefusals = await itemCount(world);
    const whpk = await create(OTHER_SENDER, { kind: 'ed25519', publicKey: pair.publicKey });
    const fromPem = await create(OTHER_SENDER, { kind: 'ed25519', publicKey: pem });
    const duplicate = await create(OTHER_SENDER, { kind: 'ed25519', publicKey: pair.publicKey });
    // Assess
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(refused[0]?.body.errors[0].path).toBe('body.publicKey');
    expect(afterRefusals).toBe(before);
    expect(whpk.status).toBe(201);
    expect(whpk.body.key).toMatchObject({ kind: 'ed25519', publicKey: pair.publicKey });
    expect(whpk.body.secret).toBeUndefined();
    expect(fromPem.body.key.publicKey).toMatch(/^whpk_/);
    expect(duplicate.status).toBe(409);
  });

  it('allows at most five active keys; revoking one makes room, and revoking twice is harmless', async () => {
    // Prepare
    const agency = '000.00.00.G03';
    await world.api.request('POST', '/agencies', { token: world.cityAdmin, body: { code102: agency, name: 'Bộ Quốc phòng', kind: 'ministry' } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await create(agency, { kind: 'hmac' })).body.key.keyId);
    // Act
    const sixth = await create(agency, { kind: 'hmac' });
    const revoked = await world.api.request('POST', `/agencies/${agency}/webhook-keys/${ids[0]}/revoke`, { token: world.cityAdmin });
    const again = await world.api.request('POST', `/agencies/${agency}/webhook-keys/${ids[0]}/revoke`, { token: world.cityAdmin });
    const afterRevoke = await create(agency, { kind: 'hmac' });
    // Assess
    expect(sixth.status).toBe(409);
    expect(sixth.body.type).toContain('too-many-keys');
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: { sub: 'city-admin' } });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect(afterRevoke.status).toBe(201);
  });

  it('is for the city administrator (and an agency admin within their own scope) only', async () => {
    // Prepare
    const deptAdmin = await world.api.token({ sub: 'dept-admin', organId: CITY_DEPT, roles: ['admin'] });
    const before = await itemCount(world);
    // Act
    const results = await Promise.all([
      create(SENDER, { kind: 'hmac' }, deptAdmin),
      create(SENDER, { kind: 'hmac' }, world.clerk),
      keysOf(SENDER, world.clerk),
      create('000.00.00.G77', { kind: 'hmac' }),
      create('HANOI', { kind: 'hmac' }),
      world.api.request('POST', `/agencies/${SENDER}/webhook-keys/key_01J00000000000000000000000/revoke`, { token: world.cityAdmin }),
      world.api.request('POST', `/agencies/${SENDER}/webhook-keys`, { body: { kind: 'hmac' } }),
    ]);
    // Assess
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 404, 400, 404, 401]);
    expect(await itemCount(world)).toBe(before);
  });

  it('is refused for a city agency (422 city-agency), even to the city administrator: city agencies send through the workflow', async () => {
    // Prepare
    const deptAdmin = await world.api.token({ sub: 'dept-admin', organId: CITY_DEPT, roles: ['admin'] });
    const before = await itemCount(world);
    // Act
    const refused = await Promise.all([
      create(CITY_DEPT, { kind: 'hmac' }, deptAdmin),
      create('H26.91', { kind: 'ed25519', publicKey: generateEd25519KeyPair().publicKey }, deptAdmin),
      create(CITY_DEPT, { kind: 'hmac' }),
      create('000.00.00.H26', { kind: 'hmac' }),
    ]);
    // Assess
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422, 422]);
    for (const response of refused) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: expect.stringContaining('city-agency'), errors: [{ path: 'path.organId', message: 'must be an agency outside the city' }] });
    }
    expect(await itemCount(world)).toBe(before);
  });
});
