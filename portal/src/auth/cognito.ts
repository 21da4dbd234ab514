import { portalConfig, type PortalConfig } from '../config.ts';
import { signIn, signOut, type Session } from './session.ts';

/**
 * Sign-in through the hosted pages of the Cognito user pool (docs/DEPLOY.md, Portal): the authorization
 * code flow with PKCE (RFC 7636, S256) of a public client. The portal makes a code verifier, a `state` and
 * a `nonce`, keeps them in this tab's sessionStorage and sends the browser to `/oauth2/authorize`; Cognito
 * sends it back to `redirectUri` with `?code=&state=`, and the code is exchanged at `/oauth2/token` with the
 * verifier. The ID token starts the session (./session.ts); the access and refresh tokens are not kept.
 */
export type CognitoAuth = Extract<PortalConfig['auth'], { kind: 'cognito' }>;

/** The page's address bar and history, as much of them as sign-in needs (window in the browser). */
export interface AddressBar {
  readonly location: { readonly href: string; assign(url: string): void };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  dispatchEvent(event: Event): boolean;
}

/** What a started sign-in leaves in sessionStorage for the return from Cognito. */
interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** The hash route the person was on (`#/incoming/…`), restored after the return. */
  readonly returnTo: string;
}

const PENDING = 'vanthu.sign-in';

/** A refused or broken sign-in, with a message for the person. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/**
 * A PKCE code verifier: `bytes` random bytes (crypto.getRandomValues) in base64url, 43 characters for 32
 * bytes, 128 for 96: RFC 7636 asks for 43 to 128 of `[A-Za-z0-9-._~]`.
 */
export function createCodeVerifier(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 32 || bytes > 96) throw new RangeError('a code verifier takes 32 to 96 random bytes (43 to 128 characters)');
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))), without padding. */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Where the browser goes to sign in. */
export function authorizeUrl(auth: CognitoAuth, request: { readonly state: string; readonly nonce: string; readonly codeChallenge: string }): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: auth.scopes.join(' '),
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(auth, '/oauth2/authorize')}?${query}`;
}

/** The form the code is exchanged with (application/x-www-form-urlencoded). */
export function tokenRequestBody(auth: CognitoAuth, code: string, verifier: string): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: verifier });
}

/** Where the browser goes to end the hosted pages' own session too; Cognito then sends it back to the portal. */
export function signOutUrl(auth: CognitoAuth): string {
  return `${endpoint(auth, '/logout')}?${new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri })}`;
}

/** Whether the page is Cognito's answer to a sign-in (`?code=&state=`, or `?error=`). */
export function isSignInReturn(href: string): boolean {
  const query = new URL(href).searchParams;
  return query.has('state') && (query.has('code') || query.has('error'));
}

/** Starts a sign-in: keeps the verifier, state and nonce for the return, and sends the browser to Cognito. */
export async function startSignIn(auth: CognitoAuth, page: AddressBar = browserPage()): Promise<void> {
  const pending: PendingSignIn = { state: randomToken(), nonce: randomToken(), verifier: createCodeVerifier(), returnTo: new URL(page.location.href).hash };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  page.location.assign(authorizeUrl(auth, { state: pending.state, nonce: pending.nonce, codeChallenge: await codeChallenge(pending.verifier) }));
}

/** Exchanges running, by code: React runs an effect twice in development, and a code is good once. */
const exchanges = new Map<string, Promise<Session>>();

/**
 * Completes a sign-in when the page is Cognito's answer (else undefined): the address is cleaned at once
 * (a reload never replays the code), the state must be the one this tab sent, the code is exchanged with
 * the verifier, and the ID token must carry the nonce sent and this client as audience. Throws SignInError
 * with a message for the person otherwise; nothing is kept of a refused answer.
 */
export function completeSignIn(auth: CognitoAuth, page: AddressBar = browserPage()): Promise<Session> | undefined {
  const url = new URL(page.location.href);
  if (!isSignInReturn(url.href)) return undefined;
  const key = url.searchParams.get('code') ?? `error:${url.searchParams.get('state')}`;
  let exchange = exchanges.get(key);
  if (exchange === undefined) {
    exchange = finish(auth, url, page);
    exchanges.set(key, exchange);
  }
  return exchange;
}

/** At the portal's start: completes a sign-in coming back from Cognito; nothing for other sign-ins. */
export async function resumeSignIn(config: PortalConfig): Promise<void> {
  if (config.auth.kind === 'cognito') await completeSignIn(config.auth);
}

/** Signs out of the tab and, with Cognito, of the hosted pages too (otherwise the next sign-in would not ask). */
export async function signOutOfPortal(page: AddressBar = browserPage()): Promise<void> {
  const config = await portalConfig().catch(() => undefined);
  signOut();
  if (config?.auth.kind === 'cognito') page.location.assign(signOutUrl(config.auth));
}

async function finish(auth: CognitoAuth, url: URL, page: AddressBar): Promise<Session> {
  const pending = takePending();
  page.history.replaceState(null, '', `${url.pathname}${pending?.returnTo ?? ''}`);
  if (pending?.returnTo) page.dispatchEvent(new Event('hashchange'));
  const query = url.searchParams;
  if (pending === undefined || query.get('state') !== pending.state) throw new SignInError('Phiên đăng nhập không khớp hoặc đã hết hạn. Hãy đăng nhập lại.');
  const refused = query.get('error');
  if (refused !== null) throw new SignInError(`Không đăng nhập được: ${query.get('error_description') ?? refused}.`);
  const response = await fetch(endpoint(auth, '/oauth2/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: tokenRequestBody(auth, query.get('code') ?? '', pending.verifier),
  });
  const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!response.ok || typeof answer.id_token !== 'string') {
    throw new SignInError(`Không hoàn tất được đăng nhập (HTTP ${response.status}${typeof answer.error === 'string' ? `, ${answer.error}` : ''}). Hãy đăng nhập lại.`);
  }
  const claims = tokenClaims(answer.id_token);
  if (claims.nonce !== pending.nonce || ![claims.aud].flat().includes(auth.clientId)) {
    throw new SignInError('Mã đăng nhập không dành cho phiên này. Hãy đăng nhập lại.');
  }
  return signIn(answer.id_token);
}

/** The pending sign-in of this tab, removed as it is read: a state is good for one answer. */
function takePending(): PendingSignIn | undefined {
  const text = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PendingSignIn>;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string'
      ? { state: value.state, nonce: value.nonce, verifier: value.verifier, returnTo: typeof value.returnTo === 'string' ? value.returnTo : '' }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The payload of a JWT, unverified: the API verifies the signature; here only the nonce and audience are compared. */
function tokenClaims(token: string): { nonce?: unknown; aud?: unknown } {
  try {
    const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '='));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as { nonce?: unknown; aud?: unknown };
  } catch {
    return {};
  }
}

function endpoint(auth: CognitoAuth, path: string): string {
  return `${auth.domain.replace(/\/+$/, '')}${path}`;
}

/** 32 random bytes in base64url: a state or a nonce. */
function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function browserPage(): AddressBar {
  return globalThis as unknown as AddressBar;
}
