import createClient, { type Middleware } from 'openapi-fetch';
import { currentSession, signOut } from '../auth/session.ts';
import { portalConfig } from '../config.ts';
import type { paths } from './schema.ts';

/** A refusal of the API (problem+json), with the fields it names. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly { path: string; message: string }[] = [],
    readonly type = '',
  ) {
    super(detail || title);
  }
}

/**
 * Every request goes to the API (`apiBaseUrl` of /config.json: its own origin in AWS, '' beside the local
 * runtime), asks for Vietnamese and carries the session's token.
 */
const session: Middleware = {
  async onRequest({ request }) {
    const { apiBaseUrl } = await portalConfig();
    const url = new URL(request.url);
    const outgoing = apiBaseUrl === '' ? request : new Request(`${apiBaseUrl.replace(/\/$/, '')}${url.pathname}${url.search}`, request);
    outgoing.headers.set('accept-language', 'vi');
    const current = currentSession();
    if (current !== undefined) outgoing.headers.set('authorization', `Bearer ${current.token}`);
    return outgoing;
  },
  onResponse({ response }) {
    if (response.status === 401) signOut();
    return response;
  },
};

/** The typed client (openapi-fetch over the generated `paths`): every path, parameter and answer is checked. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(session);

/** The data of an answer, or the problem it is, thrown. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: value, error, response } = await call;
  if (error !== undefined || value === undefined) {
    const problem = (error ?? {}) as { title?: string; detail?: string; errors?: { path: string; message: string }[]; type?: string };
    throw new ApiProblem(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? '', problem.errors ?? [], problem.type ?? '');
  }
  return value;
}
