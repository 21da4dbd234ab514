/**
 * The CSC v2 client's decisions that a real service rarely shows: the token cache and its renewal, the
 * `signAlgo` a credential advertised, the PSS parameters, unusable credentials, how errors are classified,
 * and ECDSA signatures answered as raw r‖s. A fake fetch records every request.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { CscClient, clientCredentialsToken, ecdsaDer, fixedAccessToken } from '#adapters/signing/csc-client';
import { RemoteSignerError, type RemoteSignatureRequest } from '#domain/signing/ports';
import { createDevPki } from '#signature/dev/pki';

interface Recorded {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** A fetch answering `answer(method, body)` (method = the URL's last two segments) and recording the requests. */
function fakeFetch(answer: (method: string, body: any, request: Recorded) => Answer): { fetch: typeof fetch; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fake: typeof fetch = async (input, init) => {
    const request = { url: String(input), headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body ?? '') };
    requests.push(request);
    const method = new URL(request.url).pathname.split('/').slice(-2).join('/');
    const parsed = request.headers['content-type'] === 'application/json' ? JSON.parse(request.body) : Object.fromEntries(new URLSearchParams(request.body));
    const { status, body, headers } = answer(method, parsed, request);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch: fake, requests };
}

const BASE = 'https://rs.example/csc/v2';
const HASH = new Uint8Array(createHash('sha256').update('signed attributes').digest());
const pki = createDevPki({ now: new Date(), signers: [{ name: 'Nguyễn Văn An' }] });
const LEADER_CERT = Buffer.from(pki.signers.get('Nguyễn Văn An')?.certificate ?? []).toString('base64');
const ROOT_CERT = Buffer.from(pki.root.certificate).toString('base64');

function info(overrides: { key?: object; cert?: object } = {}) {
  return {
    key: { status: 'enabled', algo: ['1.2.840.113549.1.1.11', '1.2.840.113549.1.1.10'], len: 2048, ...overrides.key },
    cert: { status: 'valid', certificates: [LEADER_CERT, ROOT_CERT], ...overrides.cert },
  };
}

/** A service that authorises and signs anything, answering `signature` (base64). */
function signingService(signature = Buffer.from('signature').toString('base64'), credentialInfo: unknown = info()) {
  return fakeFetch((method) => {
    if (method === 'credentials/info') return { status: 200, body: credentialInfo };
    if (method === 'credentials/authorize') return { status: 200, body: { SAD: 'the-sad', expiresIn: 300 } };
    return { status: 200, body: { signatures: [signature] } };
  });
}

function request(overrides: Partial<RemoteSignatureRequest> = {}): RemoteSignatureRequest {
  return { credentialId: 'leader-1', hash: HASH, algorithm: 'rsa-pkcs1-sha256', authorization: { PIN: '246810', OTP: '777111' }, description: '12/QĐ-UBND', ...overrides };
}

describe('clientCredentialsToken', () => {
  it('asks once for concurrent callers and keeps the token until shortly before expires_in', async () => {
    // Prepare
    let clock = 1_000_000;
    let issued = 0;
    const service = fakeFetch(() => ({ status: 200, body: { access_token: `token-${++issued}`, token_type: 'Bearer', expires_in: 600 } }));
    const token = clientCredentialsToken({ tokenUrl: `${BASE}/oauth2/token`, clientId: 'vanthu', clientSecret: 's3cret', fetch: service.fetch, now: () => clock });
    // Act
    const concurrent = await Promise.all([token(), token()]);
    clock += 539_000;
    const beforeMargin = await token();
    clock += 2_000;
    const afterMargin = await token();
    // Assess
    expect(concurrent).toEqual(['token-1', 'token-1']);
    expect(beforeMargin).toBe('token-1');
    expect(afterMargin).toBe('token-2');
    expect(service.requests).toHaveLength(2);
    expect(service.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(service.requests[0]?.body))).toEqual({ grant_type: 'client_credentials', client_id: 'vanthu', client_secret: 's3cret' });
  });

  it('throws RemoteSignerError for an answer without an access token, never quoting the secret', async () => {
    // Prepare
    const service = fakeFetch(() => ({ status: 200, body: { token_type: 'Bearer' } }));
    const token = clientCredentialsToken({ tokenUrl: `${BASE}/oauth2/token`, clientId: 'vanthu', clientSecret: 's3cret', fetch: service.fetch });
    // Act
    const error = await token().catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toMatch(/^oauth2\/token answered something that is not a CSC answer \(access_token: /);
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('CscClient', () => {
  it('authorises the one hash with the signer’s authData, then signs it with the SAD', async () => {
    // Prepare
    const service = signingService();
    const csc = new CscClient({ baseUrl: `${BASE}/`, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const outcome = await csc.requestSignature(request());
    // Assess
    expect(outcome).toEqual({ kind: 'signed', signature: new Uint8Array(Buffer.from('signature')) });
    const [authorize, signHash] = service.requests;
    expect(authorize?.url).toBe(`${BASE}/credentials/authorize`);
    expect(authorize?.headers.authorization).toBe('Bearer tok');
    const b64 = Buffer.from(HASH).toString('base64');
    expect(JSON.parse(authorize?.body ?? '')).toEqual({
      credentialID: 'leader-1',
      numSignatures: 1,
      hashes: [b64],
      hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
      authData: [
        { id: 'PIN', value: '246810' },
        { id: 'OTP', value: '777111' },
      ],
      description: '12/QĐ-UBND',
    });
    expect(signHash?.url).toBe(`${BASE}/signatures/signHash`);
    expect(JSON.parse(signHash?.body ?? '')).toEqual({
      credentialID: 'leader-1',
      SAD: 'the-sad',
      hashes: [b64],
      hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
      signAlgo: '1.2.840.113549.1.1.11',
    });
  });

  it('names the signAlgo the credential advertised (rsaEncryption) once credentials/info was read', async () => {
    // Prepare
    const service = signingService(undefined, info({ key: { algo: ['1.2.840.113549.1.1.1'] } }));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const credential = await csc.credential('leader-1');
    await csc.requestSignature(request());
    // Assess
    expect(credential?.algorithms).toEqual(['rsa-pkcs1-sha256']);
    expect(JSON.parse(service.requests.at(-1)?.body ?? '')).toMatchObject({ signAlgo: '1.2.840.113549.1.1.1', hashAlgorithmOID: '2.16.840.1.101.3.4.2.1' });
  });

  it('sends RSASSA-PSS parameters for SHA-256, MGF1-SHA-256 and a 32-byte salt', async () => {
    // Prepare
    const service = signingService();
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    await csc.requestSignature(request({ algorithm: 'rsa-pss-sha256' }));
    // Assess
    const sent = JSON.parse(service.requests.at(-1)?.body ?? '');
    expect(sent.signAlgo).toBe('1.2.840.113549.1.1.10');
    const params = pkijs.RSASSAPSSParams.fromBER(Buffer.from(sent.signAlgoParams, 'base64'));
    const mgfHash = new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams });
    expect([params.hashAlgorithm.algorithmId, params.maskGenAlgorithm.algorithmId, mgfHash.algorithmId, params.saltLength]).toEqual([
      '2.16.840.1.101.3.4.2.1',
      '1.2.840.113549.1.1.8',
      '2.16.840.1.101.3.4.2.1',
      32,
    ]);
  });

  it.each([
    ['a disabled key', info({ key: { status: 'disabled' } })],
    ['a revoked certificate', info({ cert: { status: 'revoked' } })],
    ['an expired certificate', info({ cert: { status: 'expired' } })],
    ['no algorithm of ours', info({ key: { algo: ['1.3.101.112'] } })],
  ])('answers undefined for a credential with %s', async (_case, answer) => {
    // Prepare
    const service = fakeFetch(() => ({ status: 200, body: answer }));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const credential = await csc.credential('leader-1');
    // Assess
    expect(credential).toBeUndefined();
  });

  it('throws RemoteSignerError for a usable credential whose certificate does not decode', async () => {
    // Prepare
    const service = fakeFetch(() => ({ status: 200, body: info({ cert: { certificates: [Buffer.from('not a certificate').toString('base64')] } }) }));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const error = await csc.credential('leader-1').catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('credentials/info answered a certificate that does not decode');
  });

  it('renews a refused access token once and repeats the call', async () => {
    // Prepare
    const tokens = ['stale', 'fresh'];
    const asked: (boolean | undefined)[] = [];
    const accessToken = (options?: { refresh?: boolean }) => (asked.push(options?.refresh), Promise.resolve(tokens[asked.length - 1] ?? 'none'));
    const service = fakeFetch((_method, _body, sent) =>
      sent.headers.authorization === 'Bearer fresh' ? { status: 200, body: info() } : { status: 401, body: { error: 'invalid_token', error_description: 'expired' } },
    );
    const csc = new CscClient({ baseUrl: BASE, accessToken, fetch: service.fetch });
    // Act
    const credential = await csc.credential('leader-1');
    // Assess
    expect(credential?.certificates).toHaveLength(2);
    expect(asked).toEqual([undefined, true]);
    expect(service.requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it.each([
    [400, 'invalid_pin', 'The PIN is invalid'],
    [401, 'invalid_otp', 'The OTP is invalid'],
    [400, 'invalid_request', 'SAD expired'],
  ])('answers refused for HTTP %i %s, with the service’s description', async (status, error, description) => {
    // Prepare
    const service = fakeFetch(() => ({ status, body: { error, error_description: description } }));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const outcome = await csc.requestSignature(request());
    // Assess
    expect(outcome).toEqual({ kind: 'refused', reason: description });
    expect(service.requests).toHaveLength(1);
  });

  it('throws RemoteSignerError for a 400 without a CSC error body, never quoting the PIN', async () => {
    // Prepare
    const service = fakeFetch(() => ({ status: 400, body: '<html>Bad Request 246810</html>', headers: { 'content-type': 'text/html' } }));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const error = await csc.requestSignature(request()).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RemoteSignerError);
    expect((error as Error).message).toBe('credentials/authorize answered HTTP 400');
  });

  it('refuses to send a hash that is not SHA-256', async () => {
    // Prepare
    const service = signingService();
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const error = await csc.requestSignature(request({ hash: new Uint8Array(20) })).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RangeError);
    expect(service.requests).toHaveLength(0);
  });
});

describe('ECDSA signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const message = Buffer.from('signed attributes');

  it('turns a raw P-256 r‖s answer into the DER that CMS and node:crypto expect', async () => {
    // Prepare
    const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const service = signingService(raw.toString('base64'));
    const csc = new CscClient({ baseUrl: BASE, accessToken: fixedAccessToken('tok'), fetch: service.fetch });
    // Act
    const outcome = await csc.requestSignature(request({ algorithm: 'ecdsa-sha256' }));
    // Assess
    const signature = outcome.kind === 'signed' ? outcome.signature : new Uint8Array();
    expect(asn1js.fromBER(signature).result).toBeInstanceOf(asn1js.Sequence);
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('keeps a DER signature byte for byte and refuses one that is neither', () => {
    // Prepare
    const der = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
    // Act
    const kept = ecdsaDer(der);
    const error = (() => {
      try {
        return ecdsaDer(new Uint8Array(63));
      } catch (e) {
        return e;
      }
    })();
    // Assess
    expect(kept).toBe(der);
    expect(error).toBeInstanceOf(RemoteSignerError);
  });
});
