/** The signed-in user: the token the API takes and the claims the portal shows. */
export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly name: string;
  readonly organId: string;
  readonly roles: readonly Role[];
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type Role = 'clerk' | 'leader' | 'specialist' | 'admin' | 'city-admin';

const KEY = 'vanthu.session';
const listeners = new Set<() => void>();

/** The session kept in this tab (sessionStorage: closing the tab signs out), if it has not expired. */
export function currentSession(): Session | undefined {
  const text = sessionStorage.getItem(KEY);
  if (text === null) return undefined;
  try {
    const session = JSON.parse(text) as Session;
    return session.expiresAt * 1000 > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a session from a token (an ID token: its claims name the user, their agency and roles). */
export function signIn(token: string): Session {
  const claims = decodeClaims(token);
  const roles = (Array.isArray(claims.roles) ? claims.roles : String(claims.roles ?? '').split(' ')).filter((role): role is Role =>
    ['clerk', 'leader', 'specialist', 'admin', 'city-admin'].includes(String(role)),
  );
  const session: Session = {
    token,
    sub: String(claims.sub ?? ''),
    name: String(claims.name ?? claims.sub ?? ''),
    organId: String(claims.organId ?? ''),
    roles,
    expiresAt: Number(claims.exp ?? 0),
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  for (const listener of listeners) listener();
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRole(session: Session | undefined, ...roles: Role[]): boolean {
  return session?.roles.some((role) => roles.includes(role)) === true;
}

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}
