import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/aws/dynamo-client';
import { parseEd25519SigningKey, parseSecret, signWebhook } from '#webhooks/index';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * Shared set-up of the webhook e2e tests: the local runtime with two external agencies in the directory
 * (a ministry that sends, another that must not be confused with it), tokens, and a Standard Webhooks
 * sender that signs exactly the bytes it posts.
 */
export const SENDER = '000.00.00.G12';
export const OTHER_SENDER = '000.00.00.G09';
export const CITY_DEPT = '000.00.91.H26';
export const OTHER_DEPT = '000.00.92.H26';

export interface WebhookWorld {
  readonly api: TestApi;
  readonly cityAdmin: string;
  readonly clerk: string;
  readonly specialist: string;
}

export async function startWebhookWorld(): Promise<WebhookWorld> {
  const api = await startTestApi();
  const cityAdmin = await api.token({ sub: 'city-admin', organId: '000.00.00.H26', roles: ['city-admin'] });
  for (const [code102, name] of [
    [SENDER, 'Bộ Tài chính'],
    [OTHER_SENDER, 'Bộ Kế hoạch và Đầu tư'],
  ] as const) {
    const created = await api.request('POST', '/agencies', { token: cityAdmin, body: { code102, name, kind: 'ministry' } });
    if (created.status !== 201) throw new Error(`agency ${code102}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const clerk = await api.token({ sub: 'clerk-1', organId: CITY_DEPT, roles: ['clerk'] });
  const specialist = await api.token({ sub: 'spec-1', organId: CITY_DEPT, roles: ['specialist'] });
  return { api, cityAdmin, clerk, specialist };
}

/** A new HMAC key of the agency: its `whsec_` secret (shown once) and key id. */
export async function createHmacKey(world: WebhookWorld, organId: string): Promise<{ secret: string; keyId: string }> {
  const response = await world.api.request('POST', `/agencies/${organId}/webhook-keys`, { token: world.cityAdmin, body: { kind: 'hmac' } });
  if (response.status !== 201) throw new Error(`key: ${response.status} ${JSON.stringify(response.body)}`);
  return { secret: response.body.secret, keyId: response.body.key.keyId };
}

export interface SendOptions {
  readonly id?: string;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  readonly secrets?: readonly string[];
  readonly signingKeys?: readonly string[];
  /** Replace the computed headers (or drop one with `undefined`). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly contentType?: string;
  /** Sign these bytes instead of the body (a sender that re-serialises after signing). */
  readonly signedBody?: string;
}

let sequence = 0;

/** POSTs `body` (the exact bytes) to the agency's webhook route, signed as Standard Webhooks says. */
export async function sendWebhook(world: WebhookWorld, organId: string, body: string | Uint8Array, options: SendOptions = {}) {
  const rawBody = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const id = options.id ?? `msg_e2e_${Date.now()}_${(sequence += 1)}`;
  const signed = signWebhook({
    id,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    rawBody: options.signedBody === undefined ? rawBody : Buffer.from(options.signedBody, 'utf8'),
    hmacSecrets: (options.secrets ?? []).map(parseSecret),
    ed25519PrivateKeys: (options.signingKeys ?? []).map(parseEd25519SigningKey),
  });
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  for (const [name, value] of Object.entries({ ...signed, ...options.headers })) if (value !== undefined) headers[name] = value;
  const response = await fetch(`${world.api.runtime.url}/webhooks/agencies/${organId}`, { method: 'POST', headers, body: rawBody });
  const text = await response.text();
  return { id, status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, any>) };
}

/** Every item of the table: refusals must write nothing (test-only Scan). */
export async function itemCount(world: WebhookWorld): Promise<number> {
  const result = await dynamoDocumentClient().send(new ScanCommand({ TableName: world.api.runtime.names.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

/** A `document.sent` payload in the JSON edXML model. */
export function documentSent(to: readonly string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'document.sent',
    data: {
      to,
      document: {
        from: { organId: SENDER, organName: 'Bộ Tài chính' },
        to: to.map((organId) => ({ organId })),
        documentId: `${SENDER},2026/11/20,${String((sequence += 1))}/BTC-NSNN`,
        code: { codeNumber: String(sequence), codeNotation: 'BTC-NSNN' },
        promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
        documentType: { type: 1, typeName: 'Công văn' },
        subject: 'Về việc hướng dẫn dự toán ngân sách năm 2027',
        signerInfo: { position: 'Thứ trưởng', fullName: 'Nguyễn Văn A' },
        otherInfo: { priority: 1, pageAmount: 2 },
        ...overrides,
      },
    },
  };
}
