/**
 * The production CSC v2 and RFC 3161 clients (layers/adapters/signing/) against the DEVELOPMENT-ONLY remote
 * signer of the local runtime (infra/local/dev-remote-signer.ts) over real HTTP: credentials, signatures that
 * verify with node:crypto, the signer's refusals (wrong PIN, spent or foreign SAD) that sign nothing, and
 * every way a service can fail (down, slow, nonsense) as a RemoteSignerError.
 */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CscClient, clientCredentialsToken, fixedAccessToken, type CscClientOptions } from '#adapters/signing/csc-client';
import { Rfc3161Timestamper } from '#adapters/signing/rfc3161-client';
import { RemoteSignerError, type RemoteSignatureRequest, type SignatureAlgorithm } from '#domain/signing/ports';
import { type DevRemoteSigner, type DevRemoteSignerUser, startDevRemoteSigner } from '#infra/local/dev-remote-signer';
import { parseSignedData } from '#signature/cms/signed-data';
import { contentOf } from '#signature/cms/signer-info';
import { checkTimestamp } from '#signature/cms/timestamp';
import { createDevPki } from '#signature/dev/pki';
import { timestampToken } from '#signature/dev/timestamp-token';

const LEADER: DevRemoteSignerUser = { credentialId: 'leader-an', name: 'Nguyễn Văn An', pin: '246810' };
const DEPUTY: DevRemoteSignerUser = { credentialId: 'deputy-binh', name: 'Trần Thị Bình', pin: '135790', algorithm: 'ecdsa' };
const MESSAGE = Buffer.from('signed attributes of Quyết định 12/QĐ-UBND');

let signer: DevRemoteSigner;
/** Test servers (down, slow, nonsense) to close after each test. */
const extraServers: http.Server[] = [];

beforeAll(async () => {
  signer = await startDevRemoteSigner({ users: [LEADER, DEPUTY] });
});

afterAll(() => signer.close());

afterEach(async () => {
  for (const server of extraServers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function cscClient(options: Partial<CscClientOptions> = {}): CscClient {
  const accessToken = clientCredentialsToken({ tokenUrl: signer.tokenUrl, clientId: signer.clientId, clientSecret: signer.clientSecret });
  return new CscClient({ baseUrl: signer.url, accessToken, ...options });
}

function signatureRequest(overrides: Partial<RemoteSignatureRequest> = {}): RemoteSignatureRequest {
  return {
    credentialId: LEADER.credentialId,
    hash: sha256(MESSAGE),
    algorithm: 'rsa-pkcs1-sha256',
    authorization: { PIN: LEADER.pin },
    description: 'Quyết định 12/QĐ-UBND',
    ...overrides,
  };
}

function commonName(der: Uint8Array): string {
  const cn = pkijs.Certificate.fromBER(der).subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return String(cn?.value.valueBlock.value);
}

/** A fetch that rewrites each `signatures/signHash` request body before it leaves (the rest passes). */
function rewritingSignHash(rewrite: (body: Record<string, unknown>) => void): typeof fetch {
  return (input, init) => {
    if (!String(input).endsWith('/signatures/signHash')) return fetch(input, init);
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    rewrite(body);
    return fetch(input, { ...init, body: JSON.stringify(body) });
  };
}

/** A local server answering every request with `answer`; its URL. */
async function testServer(answer: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void): Promise<string> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    answer(req, res, Buffer.concat(chunks));
  });
  extraServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A URL on which nothing listens (a port that was free a moment ago). */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('credentials', () => {
  it('answers the leader’s chain, signer first, named after the person, and the algorithms of an RSA key', async () => {
    // Prepare
    const csc = cscClient();
    // Act
    const credential = await csc.credential(LEADER.credentialId);
    // Assess
    expect(credential?.algorithms).toEqual(['rsa-pkcs1-sha256', 'rsa-pss-sha256']);
    expect(credential?.certificates).toHaveLength(2);
    const [leaf, root] = credential?.certificates ?? [];
    expect(commonName(leaf ?? new Uint8Array())).toBe('DEVELOPMENT ONLY Nguyễn Văn An');
    expect(Buffer.from(root ?? []).equals(signer.rootCertificate)).toBe(true);
    expect(commonName(signer.rootCertificate)).toBe('DEVELOPMENT ONLY vanthu remote signer CA');
    expect(new X509Certificate(leaf ?? new Uint8Array()).verify(new X509Certificate(signer.rootCertificate).publicKey)).toBe(true);
  });

  it('answers ecdsa-sha256 for an EC credential', async () => {
    // Act
    const credential = await cscClient().credential(DEPUTY.credentialId);
    // Assess
    expect(credential?.algorithms).toEqual(['ecdsa-sha256']);
    expect(new X509Certificate(credential?.certificates[0] ?? new Uint8Array()).publicKey.asymmetricKeyType).toBe('ec');
    expect(commonName(credential?.certificates[0] ?? new Uint8Array())).toBe('DEVELOPMENT ONLY Trần Thị Bình');
  });

  it('answers undefined for a credential the service does not know', async () => {
    // Act
    const credential = await cscClient().credential('nobody');
    // Assess
    expect(credential).toBeUndefined();
  });

  it('asks for one access token for several calls', async () => {
    // Prepare
    const csc = cscClient();
    const before = signer.counts().tokens;
    // Act
    await csc.credential(LEADER.credentialId);
    await csc.credential(DEPUTY.credentialId);
    await csc.requestSignature(signatureRequest());
    // Assess
    expect(signer.counts().tokens - before).toBe(1);
  });
});

describe('signatures', () => {
  const cases: [SignatureAlgorithm, DevRemoteSignerUser][] = [
    ['rsa-pkcs1-sha256', LEADER],
    ['rsa-pss-sha256', LEADER],
    ['ecdsa-sha256', DEPUTY],
  ];

  it.each(cases)('signs sha256(m) with %s so that node:crypto verifies it over m with the certificate', async (algorithm, user) => {
    // Prepare
    const csc = cscClient();
    const credential = await csc.credential(user.credentialId);
    const publicKey = new X509Certificate(credential?.certificates[0] ?? new Uint8Array()).publicKey;
    const key = algorithm === 'rsa-pss-sha256' ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : publicKey;
    // Act
    const outcome = await csc.requestSignature(signatureRequest({ credentialId: user.credentialId, algorithm, authorization: { PIN: user.pin } }));
    // Assess
    expect(outcome.kind).toBe('signed');
    const signature = outcome.kind === 'signed' ? outcome.signature : new Uint8Array();
    expect(verify('sha256', MESSAGE, key, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('another message'), key, signature)).toBe(false);
  });

  it('refuses a wrong PIN and signs nothing', async () => {
    // Prepare
    const before = signer.counts();
    // Act
    const outcome = await cscClient().requestSignature(signatureRequest({ authorization: { PIN: '000000' } }));
    // Assess
    expect(outcome).toEqual({ kind: 'refused', reason: 'The PIN is invalid' });
    expect(signer.counts().authorizations).toBe(before.authorizations);
    expect(signer.counts().signatures).toBe(before.signatures);
  });

  it('refuses a SAD presented a second time', async () => {
    // Prepare: the second signHash carries the first request's SAD, already spent
    let firstSad: unknown;
    const csc = cscClient({ fetch: rewritingSignHash((body) => (firstSad === undefined ? (firstSad = body.SAD) : (body.SAD = firstSad))) });
    const before = signer.counts().signatures;
    // Act
    const first = await csc.requestSignature(signatureRequest());
    const second = await csc.requestSignature(signatureRequest());
    // Assess
    expect(first.kind).toBe('signed');
    expect(second).toEqual({ kind: 'refused', reason: 'Invalid parameter SAD' });
    expect(signer.counts().signatures - before).toBe(1);
  });

  it('refuses a SAD presented for another hash than the one authorised, and spends it', async () => {
    // Prepare
    let sad: unknown;
    const other = Buffer.from(sha256('another document')).toString('base64');
    const csc = cscClient({ fetch: rewritingSignHash((body) => ((sad = body.SAD), (body.hashes = [other]))) });
    const before = signer.counts().signatures;
    // Act
    const outcome = await csc.requestSignature(signatureRequest());
    const retried = await cscClient({ fetch: rewritingSignHash((body) => (body.SAD = sad)) }).requestSignature(signatureRequest());
    // Assess
    expect(outcome).toEqual({ kind: 'refused', reason: 'Invalid parameter hashes: not the hashes the SAD authorizes' });
    expect(retried).toEqual({ kind: 'refused', reason: 'Invalid parameter SAD' });
    expect(signer.counts().signatures).toBe(before);
  });

  it('refuses a SAD presented after its five minutes', async () => {
    // Prepare: a signer whose clock jumps 301 s between authorize and signHash
    let offset = 0;
    const slowSigner = await startDevRemoteSigner({ users: [LEADER], now: () => new Date(Date.now() + offset) });
    try {
      const accessToken = clientCredentialsToken({ tokenUrl: slowSigner.tokenUrl, clientId: slowSigner.clientId, clientSecret: slowSigner.clientSecret });
      const csc = new CscClient({ baseUrl: slowSigner.url, accessToken, fetch: rewritingSignHash(() => (offset = 301_000)) });
      // Act
      const outcome = await csc.requestSignature(signatureRequest());
      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason: 'SAD expired' });
      expect(slowSigner.counts().signatures).toBe(0);
    } finally {
      await slowSigner.close();
    }
  });

  it('has nothing to collect: signHash is synchronous', async () => {
    // Act
    const error = await cscClient()
      .collect('any')
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toMatch(/synchronous/);
  });
});

describe('services that cannot be used', () => {
  it('throws RemoteSignerError when the service is down', async () => {
    // Prepare
    const csc = new CscClient({ baseUrl: `${await deadUrl()}/csc/v2`, accessToken: fixedAccessToken('token') });
    // Act
    const error = await csc.credential(LEADER.credentialId).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('credentials/info: the service could not be reached');
  });

  it('throws RemoteSignerError when the service does not answer in time', async () => {
    // Prepare: a server that reads the request and never answers
    const url = await testServer(() => undefined);
    const csc = new CscClient({ baseUrl: `${url}/csc/v2`, accessToken: fixedAccessToken('token'), timeoutMs: 300 });
    const started = Date.now();
    // Act
    const error = await csc.requestSignature(signatureRequest()).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('credentials/authorize: no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['an HTML page', 200, 'text/html', '<html>maintenance</html>'],
    ['no signature', 200, 'application/json', '{"signatures":[]}'],
    ['a signature that is not base64', 200, 'application/json', '{"signatures":["not base64!"]}'],
    ['a server error', 500, 'application/json', '{"error":"server_error","error_description":"down"}'],
    ['a 404 with a CSC error', 404, 'application/json', '{"error":"invalid_request","error_description":"no such method"}'],
    ['an answer over the size limit', 200, 'application/json', `{"signatures":["${'A'.repeat(2 * 1024 * 1024)}"]}`],
  ])('throws RemoteSignerError when signHash answers %s, without the PIN in the message', async (_case, status, contentType, body) => {
    // Prepare: authorize answers a SAD, signHash answers nonsense
    const url = await testServer((req, res) => {
      const answer = req.url?.endsWith('/credentials/authorize') ? '{"SAD":"sad","expiresIn":300}' : body;
      res.writeHead(req.url?.endsWith('/credentials/authorize') ? 200 : status, { 'content-type': contentType }).end(answer);
    });
    const csc = new CscClient({ baseUrl: `${url}/csc/v2`, accessToken: fixedAccessToken('token') });
    // Act
    const error = await csc.requestSignature(signatureRequest()).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toMatch(/^signatures\/signHash/);
    expect((error as Error).message).not.toContain(LEADER.pin);
  });

  it('throws RemoteSignerError when the token endpoint refuses the client secret', async () => {
    // Prepare
    const accessToken = clientCredentialsToken({ tokenUrl: signer.tokenUrl, clientId: signer.clientId, clientSecret: 'wrong' });
    const csc = new CscClient({ baseUrl: signer.url, accessToken });
    // Act
    const error = await csc.credential(LEADER.credentialId).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('oauth2/token answered HTTP 401 (invalid_client)');
  });

  it('throws RemoteSignerError when the service refuses the access token twice', async () => {
    // Prepare
    const csc = new CscClient({ baseUrl: signer.url, accessToken: fixedAccessToken('not-a-token') });
    // Act
    const error = await csc.credential(LEADER.credentialId).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('credentials/info: the service refused the access token (HTTP 401)');
  });
});

describe('the RFC 3161 client against the DEVELOPMENT-ONLY TSA', () => {
  it('gets a token that stamps the hash with the request’s nonce and that the repository’s verifier accepts', async () => {
    // Prepare: keep the request to read its nonce
    let query = new Uint8Array();
    const timestamper = new Rfc3161Timestamper({
      url: signer.tsaUrl,
      fetch: (input, init) => ((query = new Uint8Array(init?.body as Uint8Array)), fetch(input, init)),
    });
    // Act
    const token = await timestamper.timestamp(sha256(MESSAGE));
    // Assess
    const request = pkijs.TimeStampReq.fromBER(query);
    const info = pkijs.TSTInfo.fromBER(parseSignedData(token).eContent ?? new Uint8Array());
    expect(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(sha256(MESSAGE))).toBe(true);
    expect(info.nonce?.valueBlock.valueHexView).toEqual(request.nonce?.valueBlock.valueHexView);
    expect(request.certReq).toBe(true);
    const check = checkTimestamp(token, contentOf(MESSAGE));
    expect(check.problems).toEqual([]);
    expect(check.intact).toBe(true);
    expect(Math.abs((check.genTime?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(commonName(check.tsaCert?.der ?? new Uint8Array())).toBe('DEVELOPMENT ONLY vanthu remote signer TSA');
    expect(check.tsaCert?.native.verify(new X509Certificate(signer.rootCertificate).publicKey)).toBe(true);
  });

  /** A TSA of the test's own that answers a token for `hashFor(asked)` with `nonceFor(asked)`, or a rejection. */
  async function lyingTsa(mode: 'other-hash' | 'other-nonce' | 'rejection'): Promise<string> {
    const pki = createDevPki({ now: new Date(), signers: [{ name: 'lying TSA', timeStamping: true }] });
    const identity = pki.signers.get('lying TSA');
    if (identity === undefined) throw new Error('no TSA');
    return testServer((_req, res, body) => {
      const asked = pkijs.TimeStampReq.fromBER(body);
      const hash = mode === 'other-hash' ? sha256('another document') : new Uint8Array(asked.messageImprint.hashedMessage.valueBlock.valueHexView);
      const nonce = mode === 'other-nonce' ? Uint8Array.of(0x12, 0x34) : new Uint8Array(asked.nonce?.valueBlock.valueHexView ?? []);
      const status = new pkijs.PKIStatusInfo({ status: mode === 'rejection' ? 2 : 0 });
      const token = timestampToken({ identity, chain: [pki.root.certificate] }, hash, new Date(), { prehashed: true, nonce });
      const reply = new asn1js.Sequence({ value: [status.toSchema(), ...(mode === 'rejection' ? [] : [asn1js.fromBER(token).result])] });
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(reply.toBER()));
    });
  }

  it.each([
    ['other-hash', 'timestamp: the token stamps another hash than the one asked'],
    ['other-nonce', 'timestamp: the token does not carry the nonce of the request'],
    ['rejection', 'timestamp: the TSA did not grant the request (rejection)'],
  ] as const)('throws RemoteSignerError when the TSA answers %s', async (mode, message) => {
    // Prepare
    const timestamper = new Rfc3161Timestamper({ url: await lyingTsa(mode) });
    // Act
    const error = await timestamper.timestamp(sha256(MESSAGE)).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe(message);
  });

  it('throws RemoteSignerError when the TSA is down, slow or answers something else', async () => {
    // Prepare
    const slow = await testServer(() => undefined);
    const html = await testServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    const stamp = (url: string) =>
      new Rfc3161Timestamper({ url, timeoutMs: 300 })
        .timestamp(sha256(MESSAGE))
        .then(() => undefined)
        .catch((e: unknown) => (e instanceof RemoteSignerError ? e.message : e));
    // Act
    const messages = [await stamp(`${await deadUrl()}/tsa`), await stamp(slow), await stamp(html)];
    // Assess
    expect(messages).toEqual([
      'timestamp: the service could not be reached',
      'timestamp: no answer within 300 ms',
      'timestamp: the TSA answered text/html, not application/timestamp-reply',
    ]);
  });
});

describe('the DEVELOPMENT-ONLY keystore', () => {
  it('keeps its CA and credentials under the data folder and reuses them; a person added later gets a certificate from the same CA', async () => {
    // Prepare
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vanthu-dev-signer-'));
    const newcomer: DevRemoteSignerUser = { credentialId: 'newcomer', name: 'Lê Văn Cường', pin: '112233' };
    try {
      const first = await startDevRemoteSigner({ dataDir, users: [LEADER] });
      const firstLeader = await new CscClient({ baseUrl: first.url, accessToken: token(first) }).credential(LEADER.credentialId);
      await first.close();
      // Act
      const second = await startDevRemoteSigner({ dataDir, users: [LEADER, newcomer] });
      const csc = new CscClient({ baseUrl: second.url, accessToken: token(second) });
      const secondLeader = await csc.credential(LEADER.credentialId);
      const added = await csc.credential(newcomer.credentialId);
      const signed = await csc.requestSignature(signatureRequest({ credentialId: newcomer.credentialId, authorization: { PIN: newcomer.pin } }));
      await second.close();
      // Assess
      expect(Buffer.from(second.rootCertificate).equals(first.rootCertificate)).toBe(true);
      expect(Buffer.from(secondLeader?.certificates[0] ?? []).equals(firstLeader?.certificates[0] ?? new Uint8Array([1]))).toBe(true);
      const addedCert = new X509Certificate(added?.certificates[0] ?? new Uint8Array());
      expect(addedCert.verify(new X509Certificate(first.rootCertificate).publicKey)).toBe(true);
      expect(commonName(addedCert.raw)).toBe('DEVELOPMENT ONLY Lê Văn Cường');
      expect(signed.kind === 'signed' && verify('sha256', MESSAGE, addedCert.publicKey, signed.signature)).toBe(true);
      const folder = path.join(dataDir, 'dev-remote-signer');
      for (const key of ['root', 'tsa', `credential-${LEADER.credentialId}`, 'credential-newcomer']) {
        expect((await stat(path.join(folder, `${key}.key.pem`))).mode & 0o777).toBe(0o600);
      }
      expect(await readFile(path.join(folder, 'README-DEVELOPMENT-ONLY.txt'), 'utf8')).toContain('DEVELOPMENT ONLY');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('issues a fresh CRL of its CA, signed by the root', () => {
    // Act
    const crl = pkijs.CertificateRevocationList.fromBER(signer.crl());
    // Assess
    const root = new X509Certificate(signer.rootCertificate);
    const signature = Buffer.from(crl.signatureValue.valueBlock.valueHexView);
    expect(verify('sha256', Buffer.from(crl.tbsView), root.publicKey, signature)).toBe(true);
    expect(crl.issuer.isEqual(pkijs.Certificate.fromBER(signer.rootCertificate).subject)).toBe(true);
    expect(Math.abs(crl.thisUpdate.value.getTime() - Date.now())).toBeLessThan(60_000);
    expect(crl.revokedCertificates ?? []).toEqual([]);
  });
});

function token(dev: DevRemoteSigner) {
  return clientCredentialsToken({ tokenUrl: dev.tokenUrl, clientId: dev.clientId, clientSecret: dev.clientSecret });
}
