import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '#infra/local/runtime';
import type { Role } from '#domain/identity/principal';

/** A started local runtime plus a small HTTP client for e2e tests. */
export interface TestApi {
  readonly runtime: LocalRuntime;
  /**
   * A development token for the user, who is also recorded in the agency's people directory (as its admin
   * would), with `units` (default none) and `email` — so work can be assigned to them. `enrol: false` leaves
   * the directory alone (a person the agency never recorded).
   */
  token(user: { sub: string; organId: string; roles: Role[]; name?: string; units?: string[]; email?: string; enrol?: boolean }): Promise<string>;
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestApi(options: LocalRuntimeOptions = {}): Promise<TestApi> {
  const runtime = await startLocalRuntime({ port: 0, ...options });
  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.token === undefined ? {} : { authorization: `Bearer ${opts.token}` }),
        ...opts.headers,
      },
      ...(opts.body === undefined ? {} : { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };
  return {
    runtime,
    request,
    token: async (user) => {
      const { units, email, enrol, ...claims } = user;
      const result = await request('POST', '/dev/token', { body: { name: user.sub, ...claims } });
      if (result.status !== 200) throw new Error(`dev token: ${result.status} ${JSON.stringify(result.body)}`);
      const token = (result.body as { token: string }).token;
      if (enrol !== false && !user.roles.includes('city-admin')) {
        const admin = await request('POST', '/dev/token', { body: { sub: 'test-directory-admin', organId: user.organId, roles: ['admin'], name: 'Quản trị (kiểm thử)' } });
        const person = { name: claims.name ?? user.sub, roles: user.roles, units: units ?? [], ...(email === undefined ? {} : { email }) };
        const saved = await request('PUT', `/users/${encodeURIComponent(user.sub)}`, { token: (admin.body as { token: string }).token, body: person });
        if (saved.status !== 200) throw new Error(`directory: ${saved.status} ${JSON.stringify(saved.body)}`);
      }
      return token;
    },
  };
}

/** A valid registration body; override what a test is about. */
export function incomingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
    codeNumber: '15',
    codeNotation: 'QĐ-BTC',
    promulgationDate: '2026-11-20',
    typeName: 'Quyết định',
    subject: 'Về việc giao dự toán ngân sách nhà nước năm 2027',
    urgency: 'urgent',
    ...overrides,
  };
}
