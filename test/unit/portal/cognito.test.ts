import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AddressBar,
  authorizeUrl,
  codeChallenge,
  type CognitoAuth,
  completeSignIn,
  createCodeVerifier,
  isSignInReturn,
  SignInError,
  signOutUrl,
  startSignIn,
  tokenRequestBody,
} from '../../../portal/src/auth/cognito.ts';
import { currentSession } from '../../../portal/src/auth/session.ts';

const auth: CognitoAuth = {
  kind: 'cognito',
  domain: 'https://vanthu-test.auth.ap-southeast-1.amazoncognito.com',
  clientId: '4example0client0id0000000',
  redirectUri: 'https://d111111abcdef8.cloudfront.net/',
  scopes: ['openid', 'email', 'profile'],
};

/** RFC 7636's unreserved characters, the only ones a verifier may hold. */
const unreserved = /^[A-Za-z0-9\-._~]+$/;

let storage: Map<string, string>;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  storage = new Map();
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  });
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the PKCE code verifier', () => {
  it('is 43 characters of the unreserved set by default, 128 at most, and new each time', () => {
    // Act
    const verifiers = Array.from({ length: 50 }, () => createCodeVerifier());
    const longest = createCodeVerifier(96);
    // Assess
    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(43);
      expect(verifier).toMatch(unreserved);
    }
    expect(longest).toHaveLength(128);
    expect(longest).toMatch(unreserved);
    expect(new Set(verifiers).size).toBe(verifiers.length);
  });

  it('refuses a length RFC 7636 does not allow', () => {
    // Assess
    expect(() => createCodeVerifier(31)).toThrow(RangeError);
    expect(() => createCodeVerifier(97)).toThrow(RangeError);
  });
});

describe('the S256 code challenge', () => {
  it("is RFC 7636's own example (appendix B)", async () => {
    // Act
    const challenge = await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    // Assess
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('is base64url(SHA-256(verifier)), unpadded, for any verifier', async () => {
    // Prepare
    const verifier = createCodeVerifier(64);
    // Act
    const challenge = await codeChallenge(verifier);
    // Assess
    expect(challenge).toBe(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
    expect(challenge).not.toMatch(/[=+/]/);
  });
});

describe('starting a sign-in', () => {
  it('sends the browser to the authorize endpoint with the code flow, the S256 challenge of the kept verifier, a state and a nonce', async () => {
    // Prepare
    const page = fakePage('https://d111111abcdef8.cloudfront.net/#/incoming/01J0');
    // Act
    await startSignIn(auth, page);
    // Assess
    expect(page.location.assign).toHaveBeenCalledTimes(1);
    const url = new URL(String(page.location.assign.mock.calls[0]?.[0]));
    const pending = JSON.parse(storage.get('vanthu.sign-in') ?? '{}');
    expect(`${url.origin}${url.pathname}`).toBe(`${auth.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(pending.verifier).toMatch(unreserved);
    expect(pending.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.state).not.toBe(pending.nonce);
    expect(pending.returnTo).toBe('#/incoming/01J0');
  });

  it('builds the authorize address from its parts, the domain with or without a trailing slash', () => {
    // Act
    const url = new URL(authorizeUrl({ ...auth, domain: `${auth.domain}/` }, { state: 's', nonce: 'n', codeChallenge: 'c' }));
    // Assess
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
  });
});

describe('the return from Cognito', () => {
  it('exchanges the code with the verifier at the token endpoint, starts the session, cleans the address and goes back to the route', async () => {
    // Prepare
    const { pending, page } = await startedAndReturned('code-1');
    fetchMock.mockResolvedValue(json(200, { id_token: idToken({ nonce: pending.nonce, aud: auth.clientId }), access_token: 'a', refresh_token: 'r' }));
    // Act
    const session = await completeSignIn(auth, page);
    // Assess
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${auth.domain}/oauth2/token`);
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(init.body as URLSearchParams)).toEqual({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code: 'code-1',
      redirect_uri: auth.redirectUri,
      code_verifier: pending.verifier,
    });
    expect(session?.sub).toBe('user-1');
    expect(currentSession()?.organId).toBe('000.00.91.H26');
    expect(page.history.replaceState).toHaveBeenCalledWith(null, '', '/#/incoming/01J0');
    expect(page.dispatchEvent).toHaveBeenCalledTimes(1);
    expect(storage.has('vanthu.sign-in')).toBe(false);
    expect([...storage.values()].join()).not.toContain('"r"');
  });

  it('refuses a state this tab did not send, without asking for tokens', async () => {
    // Prepare
    const { page } = await startedAndReturned('code-2', 'forged-state');
    // Act
    const completion = completeSignIn(auth, page);
    // Assess
    await expect(completion).rejects.toThrow(SignInError);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(currentSession()).toBeUndefined();
    expect(storage.has('vanthu.sign-in')).toBe(false);
    expect(page.history.replaceState).toHaveBeenCalledWith(null, '', '/#/incoming/01J0');
  });

  it('refuses an answer when no sign-in was started in this tab', async () => {
    // Prepare
    const page = fakePage(`${auth.redirectUri}?code=code-3&state=whatever`);
    // Act
    const completion = completeSignIn(auth, page);
    // Assess
    await expect(completion).rejects.toThrow(/Phiên đăng nhập không khớp/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("passes Cognito's refusal on to the person", async () => {
    // Prepare
    await startSignIn(auth, fakePage(auth.redirectUri));
    const { state } = JSON.parse(storage.get('vanthu.sign-in') ?? '{}');
    const page = fakePage(`${auth.redirectUri}?error=access_denied&error_description=User+is+disabled&state=${state}`);
    // Act
    const completion = completeSignIn(auth, page);
    // Assess
    await expect(completion).rejects.toThrow('Không đăng nhập được: User is disabled.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses an ID token without the nonce sent, or for another client', async () => {
    // Prepare
    const first = await startedAndReturned('code-4');
    fetchMock.mockResolvedValueOnce(json(200, { id_token: idToken({ nonce: 'another', aud: auth.clientId }) }));
    const wrongNonce = completeSignIn(auth, first.page);
    await expect(wrongNonce).rejects.toThrow(SignInError);
    const second = await startedAndReturned('code-5');
    fetchMock.mockResolvedValueOnce(json(200, { id_token: idToken({ nonce: second.pending.nonce, aud: 'another-client' }) }));
    // Act
    const wrongAudience = completeSignIn(auth, second.page);
    // Assess
    await expect(wrongAudience).rejects.toThrow(SignInError);
    expect(currentSession()).toBeUndefined();
  });

  it('says so when the token endpoint refuses the code', async () => {
    // Prepare
    const { page } = await startedAndReturned('code-6');
    fetchMock.mockResolvedValue(json(400, { error: 'invalid_grant' }));
    // Act
    const completion = completeSignIn(auth, page);
    // Assess
    await expect(completion).rejects.toThrow('HTTP 400, invalid_grant');
    expect(currentSession()).toBeUndefined();
  });

  it('exchanges a code once even when asked twice (React runs effects twice in development)', async () => {
    // Prepare
    const { pending, page } = await startedAndReturned('code-7');
    fetchMock.mockResolvedValue(json(200, { id_token: idToken({ nonce: pending.nonce, aud: auth.clientId }) }));
    // Act
    const [a, b] = await Promise.all([completeSignIn(auth, page), completeSignIn(auth, page)]);
    // Assess
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
  });

  it('is nothing to do on an ordinary page', () => {
    // Assess
    expect(completeSignIn(auth, fakePage(`${auth.redirectUri}#/work`))).toBeUndefined();
    expect(isSignInReturn(`${auth.redirectUri}?code=x`)).toBe(false);
    expect(isSignInReturn(`${auth.redirectUri}?code=x&state=y`)).toBe(true);
  });
});

describe('the requests', () => {
  it('exchange a code with a form of exactly the fields of the code grant with PKCE', () => {
    // Act
    const body = tokenRequestBody(auth, 'the-code', 'the-verifier');
    // Assess
    expect(body.toString()).toBe(
      `grant_type=authorization_code&client_id=${auth.clientId}&code=the-code&redirect_uri=${encodeURIComponent(auth.redirectUri)}&code_verifier=the-verifier`,
    );
  });

  it("sign out at Cognito's logout endpoint, back to the portal", () => {
    // Act
    const url = new URL(signOutUrl(auth));
    // Assess
    expect(`${url.origin}${url.pathname}`).toBe(`${auth.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: auth.clientId, logout_uri: auth.redirectUri });
  });
});

function fakePage(href: string) {
  return {
    location: { href, assign: vi.fn<(url: string) => void>() },
    history: { replaceState: vi.fn<(data: unknown, unused: string, url?: string) => void>() },
    dispatchEvent: vi.fn<(event: Event) => boolean>(() => true),
  } satisfies AddressBar;
}

/** A sign-in started on a route, and the page Cognito sends back with a code (and the state sent, unless another is given). */
async function startedAndReturned(code: string, state?: string) {
  await startSignIn(auth, fakePage(`${auth.redirectUri}#/incoming/01J0`));
  const pending = JSON.parse(storage.get('vanthu.sign-in') ?? '{}') as { state: string; nonce: string; verifier: string };
  return { pending, page: fakePage(`${auth.redirectUri}?code=${code}&state=${state ?? pending.state}`) };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** An unsigned ID token as Cognito shapes it (the pre-token trigger's organId and roles). */
function idToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { sub: 'user-1', name: '[MẪU] Văn thư', organId: '000.00.91.H26', roles: 'clerk', exp: Math.floor(Date.now() / 1000) + 3600, ...claims };
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(payload)}.signature`;
}
