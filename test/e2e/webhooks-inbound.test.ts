import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { secretCipherFromEnvironment } from '#adapters/crypto/secret-cipher';
import { DynamoWebhookStore } from '#adapters/dynamo/webhook-store';
import { buildEdocToBuffer, type EdocInput } from '#edxml/index';
import { generateEd25519KeyPair, generateSecret, parseSecret } from '#webhooks/index';
import { CITY_DEPT, createHmacKey, documentSent, itemCount, OTHER_DEPT, OTHER_SENDER, SENDER, sendWebhook, startWebhookWorld, type WebhookWorld } from './webhooks-helpers.ts';

let world: WebhookWorld;
let secret: string;
let otherSecret: string;
/** A key of a city agency stored as if minted before the rule that no city agency gets one. */
const legacyCitySecret = generateSecret();

beforeAll(async () => {
  world = await startWebhookWorld();
  ({ secret } = await createHmacKey(world, SENDER));
  ({ secret: otherSecret } = await createHmacKey(world, OTHER_SENDER));
  const keyId = `key_${'01JLEGACY'.padEnd(26, '0')}`;
  const encryptedSecret = await world.api.runtime.inFunction('create-webhook-key', () =>
    secretCipherFromEnvironment().encrypt(parseSecret(legacyCitySecret), { organId: CITY_DEPT, keyId }),
  );
  await new DynamoWebhookStore(dynamoDocumentClient(), world.api.runtime.names.tableName).putKey({
    organId: CITY_DEPT,
    keyId,
    kind: 'hmac',
    status: 'active',
    createdAt: new Date().toISOString(),
    createdBy: { sub: 'dept-admin', name: 'Dept admin' },
    encryptedSecret,
  });
});

afterAll(async () => {
  await world.api.runtime.close();
});

describe('document.sent from an external agency', () => {
  it('creates an arrived document (01) in the addressed agency, which a clerk then registers (03)', async () => {
    // Act
    const sent = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { secrets: [secret] });
    // Assess
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ received: true, type: 'document.sent', documents: [{ id: expect.any(String), organId: CITY_DEPT }] });
    const id = sent.body?.documents[0].id as string;
    const read = await world.api.request('GET', `/documents/${id}`, { token: world.clerk });
    expect(read.body).toMatchObject({
      status: 'arrived',
      channel: 'webhook',
      source: { channel: 'webhook', fromOrganId: SENDER, externalId: sent.id, documentId: expect.stringMatching(/^000\.00\.00\.G12,2026\/11\/20,\d+\/BTC-NSNN$/) },
      issuer: { organId: SENDER, organName: 'Bộ Tài chính' },
      typeName: 'Công văn',
      urgency: 'urgent',
      signer: { fullName: 'Nguyễn Văn A', position: 'Thứ trưởng' },
    });
    expect(read.body.arrivalNumber).toBeUndefined();
    const registered = await world.api.request('POST', `/documents/${id}/register`, { token: world.clerk });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ status: 'registered', arrivalNumber: expect.any(Number) });
  });

  it('creates one document per addressee, each in its own agency', async () => {
    // Act
    const sent = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT, OTHER_DEPT])), { secrets: [secret] });
    // Assess
    expect(sent.status).toBe(202);
    expect(sent.body?.documents.map((d: { organId: string }) => d.organId)).toEqual([CITY_DEPT, OTHER_DEPT]);
    const otherClerk = await world.api.token({ sub: 'clerk-2', organId: OTHER_DEPT, roles: ['clerk'] });
    expect((await world.api.request('GET', `/documents/${sent.body?.documents[1].id}`, { token: otherClerk })).body.organId).toBe(OTHER_DEPT);
    expect((await world.api.request('GET', `/documents/${sent.body?.documents[1].id}`, { token: world.clerk })).status).toBe(404);
  });

  it('accepts the edXML package itself, as XML text and as base64, and a body API Gateway base64-encodes', async () => {
    // Prepare
    const model = (documentSent([CITY_DEPT]).data as { document: EdocInput }).document;
    const xml = (await buildEdocToBuffer(model)).toString('utf8');
    // Act
    const asText = await sendWebhook(world, SENDER, JSON.stringify({ type: 'document.sent', data: { to: [CITY_DEPT], edxml: xml } }), { secrets: [secret] });
    const asBase64 = await sendWebhook(world, SENDER, JSON.stringify({ type: 'document.sent', data: { to: [CITY_DEPT], edxml: Buffer.from(xml).toString('base64') } }), {
      secrets: [secret],
      contentType: 'application/octet-stream',
    });
    // Assess
    expect([asText.status, asBase64.status]).toEqual([202, 202]);
    const read = await world.api.request('GET', `/documents/${asBase64.body?.documents[0].id}`, { token: world.clerk });
    expect(read.body).toMatchObject({ status: 'arrived', codeNotation: 'BTC-NSNN', promulgationDate: '2026-11-20' });
  });

  it('accepts v1a signatures made with the Ed25519 key registered for the agency', async () => {
    // Prepare
    const pair = generateEd25519KeyPair();
    const key = await world.api.request('POST', `/agencies/${SENDER}/webhook-keys`, { token: world.cityAdmin, body: { kind: 'ed25519', publicKey: pair.publicKey } });
    expect(key.status).toBe(201);
    // Act
    const sent = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { signingKeys: [pair.signingKey] });
    // Assess
    expect(sent.status).toBe(202);
    await world.api.request('POST', `/agencies/${SENDER}/webhook-keys/${key.body.key.keyId}/revoke`, { token: world.cityAdmin });
    expect((await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { signingKeys: [pair.signingKey] })).status).toBe(401);
  });

  it('rotates keys: two signatures during the switch, then only the new key once the old one is revoked', async () => {
    // Prepare
    const old = await createHmacKey(world, SENDER);
    const fresh = await createHmacKey(world, SENDER);
    // Act
    const both = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { secrets: [old.secret, fresh.secret] });
    const revoked = await world.api.request('POST', `/agencies/${SENDER}/webhook-keys/${old.keyId}/revoke`, { token: world.cityAdmin });
    const oldOnly = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { secrets: [old.secret] });
    const newOnly = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { secrets: [fresh.secret] });
    // Assess
    expect(both.status).toBe(202);
    expect(revoked.body).toMatchObject({ keyId: old.keyId, status: 'revoked' });
    expect(oldOnly.status).toBe(401);
    expect(newOnly.status).toBe(202);
  });

  it('answers a replay with the same response and no second document; refuses the id with another body (409)', async () => {
    // Prepare
    const body = JSON.stringify(documentSent([CITY_DEPT]));
    const first = await sendWebhook(world, SENDER, body, { secrets: [secret] });
    const before = await itemCount(world);
    // Act
    const replay = await sendWebhook(world, SENDER, body, { secrets: [secret], id: first.id });
    const reused = await sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT])), { secrets: [secret], id: first.id });
    // Assess
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ type: expect.stringContaining('idempotency-key-reused') });
    expect(await itemCount(world)).toBe(before);
  });
});

describe('refusals: each a 4xx problem+json, and nothing written', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => JSON.stringify(documentSent([CITY_DEPT]));
  const attacker = generateEd25519KeyPair();
  const cases: readonly [string, number, string, () => ReturnType<typeof sendWebhook>][] = [
    ['webhook-id missing', 400, 'webhook-missing-webhook-id', () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-id': undefined } })],
    [
      'webhook-timestamp missing',
      400,
      'webhook-missing-webhook-timestamp',
      () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-timestamp': undefined } }),
    ],
    [
      'webhook-signature missing',
      400,
      'webhook-missing-webhook-signature',
      () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-signature': undefined } }),
    ],
    ['timestamp "hello"', 400, 'webhook-invalid-webhook-timestamp', () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-timestamp': 'hello' } })],
    [
      'timestamp "1674087231xyz"',
      400,
      'webhook-invalid-webhook-timestamp',
      () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-timestamp': '1674087231xyz' } }),
    ],
    ['a stale timestamp (301 s old)', 401, 'webhook-timestamp-too-old', () => sendWebhook(world, SENDER, valid(), { secrets: [secret], timestamp: now() - 301 })],
    ['a timestamp 301 s in the future', 401, 'webhook-timestamp-in-future', () => sendWebhook(world, SENDER, valid(), { secrets: [secret], timestamp: now() + 301 })],
    ['a truncated "v1,"', 400, 'webhook-malformed-webhook-signature', () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-signature': 'v1,' } })],
    [
      'only unknown signature versions',
      401,
      'webhook-unsupported-signature-version',
      () => sendWebhook(world, SENDER, valid(), { secrets: [secret], headers: { 'webhook-signature': `v2,${Buffer.alloc(32, 7).toString('base64')} v9,abc` } }),
    ],
    ["another agency's key", 401, 'webhook-signature-mismatch', () => sendWebhook(world, SENDER, valid(), { secrets: [otherSecret] })],
    [
      'a re-serialised body',
      401,
      'webhook-signature-mismatch',
      () => {
        const payload = documentSent([CITY_DEPT]);
        return sendWebhook(world, SENDER, JSON.stringify(payload), { secrets: [secret], signedBody: JSON.stringify(payload, null, 2) });
      },
    ],
    [
      'a public key sent in the request',
      401,
      'webhook-signature-mismatch',
      () =>
        sendWebhook(world, SENDER, JSON.stringify({ ...documentSent([CITY_DEPT]), publicKey: attacker.publicKey }), {
          signingKeys: [attacker.signingKey],
          headers: { 'webhook-public-key': attacker.publicKey },
        }),
    ],
    [
      'a 10 MB body',
      413,
      'webhook-body-too-large',
      () => sendWebhook(world, SENDER, `{"type":"document.sent","pad":"${'x'.repeat(10 * 1024 * 1024 - 40)}"}`, { secrets: [secret] }),
    ],
    ['deeply nested JSON', 400, 'webhook-json-too-deep', () => sendWebhook(world, SENDER, `${'['.repeat(5000)}${']'.repeat(5000)}`, { secrets: [secret] })],
    ['a payload of an unknown type', 400, 'validation-failed', () => sendWebhook(world, SENDER, JSON.stringify({ type: 'document.deleted', data: {} }), { secrets: [secret] })],
    ['an addressee not in the directory', 422, 'unknown-addressee', () => sendWebhook(world, SENDER, JSON.stringify(documentSent(['000.00.77.H26'])), { secrets: [secret] })],
    ['a document addressed to its own sender', 422, 'unknown-addressee', () => sendWebhook(world, SENDER, JSON.stringify(documentSent([SENDER])), { secrets: [secret] })],
    [
      'a package whose From is another agency',
      422,
      'sender-mismatch',
      () => sendWebhook(world, SENDER, JSON.stringify(documentSent([CITY_DEPT], { from: { organId: OTHER_SENDER } })), { secrets: [secret] }),
    ],
    [
      'a city agency sending, signed with its own (legacy) key',
      422,
      'city-sender',
      () => sendWebhook(world, CITY_DEPT, JSON.stringify(documentSent([OTHER_DEPT], { from: { organId: CITY_DEPT, organName: 'Sở Nội vụ' } })), { secrets: [legacyCitySecret] }),
    ],
    [
      'a city agency sending, signed with any other key',
      422,
      'city-sender',
      () => sendWebhook(world, CITY_DEPT, JSON.stringify(documentSent([OTHER_DEPT])), { secrets: [otherSecret] }),
    ],
    [
      'a package whose From is a city agency',
      422,
      'city-sender',
      () => sendWebhook(world, SENDER, JSON.stringify(documentSent([OTHER_DEPT], { from: { organId: CITY_DEPT, organName: 'Sở Nội vụ' } })), { secrets: [secret] }),
    ],
    [
      'a package whose From is the city itself',
      422,
      'city-sender',
      () => sendWebhook(world, SENDER, JSON.stringify(documentSent([OTHER_DEPT], { from: { organId: 'H26', organName: 'UBND thành phố Hà Nội' } })), { secrets: [secret] }),
    ],
    [
      'a status "from" a city agency',
      422,
      'city-sender',
      () =>
        sendWebhook(
          world,
          SENDER,
          JSON.stringify({
            type: 'document.status',
            data: { documentId: `${OTHER_DEPT},2026/11/26,1/QĐ-UBND`, from: CITY_DEPT, statusCode: '03', timestamp: '2026-11-26T09:00:00+07:00' },
          }),
          { secrets: [secret] },
        ),
    ],
  ];

  it.each(cases)('%s → %i %s', async (_name, status, type, send) => {
    // Prepare
    const before = await itemCount(world);
    // Act
    const response = await send();
    // Assess
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, type: `https://vanthu.hanoi.gov.vn/problems/${type}`, detail: expect.any(String) });
    expect(await itemCount(world)).toBe(before);
  });

  it('names the field that claims a city sender: the path, the package From, the status from', async () => {
    // Act
    const asCity = await sendWebhook(world, CITY_DEPT, JSON.stringify(documentSent([OTHER_DEPT])), { secrets: [legacyCitySecret] });
    const fromCity = await sendWebhook(world, SENDER, JSON.stringify(documentSent([OTHER_DEPT], { from: { organId: CITY_DEPT } })), { secrets: [secret] });
    // Assess
    expect(asCity.body?.errors).toEqual([{ path: 'path.organId', message: 'must be an agency outside the city' }]);
    expect(fromCity.body?.errors).toEqual([{ path: 'body.data.document.from.organId', message: 'must be an agency outside the city' }]);
  });

  it('names every bad field of a payload with its path', async () => {
    // Act
    const response = await sendWebhook(
      world,
      SENDER,
      JSON.stringify({ type: 'document.sent', data: { to: ['nope'], document: { documentId: 'x', promulgationInfo: { promulgationDate: '20/11/2026' } } } }),
      { secrets: [secret] },
    );
    // Assess
    expect(response.status).toBe(400);
    expect(response.body?.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.data.to.0', 'body.data.document.from', 'body.data.document.promulgationInfo.promulgationDate']),
    );
  });
});
