import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '#domain/errors';
import { env } from '#adapters/environment';
import { optional } from '../config.ts';
import { lazy } from '../lazy.ts';

/**
 * Opaque page tokens: `v1.<position>.<mac>`, the DynamoDB position (base64url JSON) authenticated by an
 * HMAC-SHA256 over the list it belongs to (index and partition) and the position. The partition is not in
 * the token, only in the MAC: a token verifies only for the list it was issued for, so it can neither be
 * crafted nor moved into another agency's or document's list. Anything that does not verify or parse is a
 * 400 naming `query.nextToken`, never a query with a made-up start key (which DynamoDB answers with a 500).
 *
 * The key is `VANTHU_PAGE_TOKEN_KEY` (at least 32 characters): provided by CDK from a generated secret in
 * AWS, where it is required, and generated in the data folder by the local runtime. Without one, outside
 * Lambda (tests, scripts), the process makes its own: its tokens then last as long as the process.
 */
export interface PageScope {
  /** The index the list queries (`gsi1`), or `''` for the table itself. */
  readonly index: string;
  /** The value of the index's partition key the list reads. */
  readonly partition: string;
  /** What else bounds the list (a search's date range): signed, so a token only continues the very same query. */
  readonly bound?: string;
  /**
   * The position is encrypted too (AES-256-GCM), not only signed: for a list whose position may be an entry
   * the caller may not see (a search that stopped at a posting of a secret document).
   */
  readonly sealed?: boolean;
}

/**
 * The token of a position in a list.
 *
 * @example
 * const nextToken = encodePageToken(result.LastEvaluatedKey, { index: 'gsi1', partition: 'ORG#000.00.91.H26#incoming' });
 */
export function encodePageToken(key: Record<string, unknown>, scope: PageScope): string {
  return pageTokens().encode(key, scope);
}

/** The position a token stands for, for this list only; a ValidationError (`query.nextToken`) otherwise. */
export function decodePageToken(token: string, scope: PageScope): Record<string, string> {
  return pageTokens().decode(token, scope);
}

/** Position attribute values are strings no longer than this; tokens no longer than MAX_TOKEN_CHARS. */
const MAX_VALUE_CHARS = 1024;
const MAX_TOKEN_CHARS = 4096;
const MIN_SECRET_CHARS = 32;
const VERSION = 'v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

const positionSchema = z.record(z.string(), z.string().max(MAX_VALUE_CHARS));

/** Signs and verifies tokens with one secret. */
export class PageTokenCodec {
  private readonly secret: Buffer;

  constructor(secret: string) {
    if (secret.length < MIN_SECRET_CHARS) throw new Error(`The page token key (${env.pageTokenKey}) must have at least ${MIN_SECRET_CHARS} characters`);
    this.secret = Buffer.from(secret, 'utf8');
  }

  encode(key: Record<string, unknown>, scope: PageScope): string {
    const partitionAttribute = `${scope.index}pk`;
    const position = Object.fromEntries(Object.entries(key).filter(([name]) => name !== partitionAttribute));
    const text = Buffer.from(JSON.stringify(position), 'utf8');
    const payload = (scope.sealed === true ? this.seal(text) : text).toString('base64url');
    return `${VERSION}.${payload}.${this.mac(payload, scope)}`;
  }

  decode(token: string, scope: PageScope): Record<string, string> {
    const key = this.verify(token, scope);
    if (key === undefined) {
      throw new ValidationError('The nextToken is not valid for this list; start again without it.', {
        errors: [{ path: 'query.nextToken', message: 'not a token issued for this list' }],
      });
    }
    return key;
  }

  /** The position, or undefined for anything but an untouched token of this list. */
  private verify(token: string, scope: PageScope): Record<string, string> | undefined {
    if (token.length > MAX_TOKEN_CHARS) return undefined;
    const [version, payload, mac, ...rest] = token.split('.');
    if (version !== VERSION || payload === undefined || mac === undefined || rest.length > 0 || !BASE64URL.test(payload) || !MAC.test(mac)) return undefined;
    if (!timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(payload, scope)))) return undefined;
    const bytes = Buffer.from(payload, 'base64url');
    const text = scope.sealed === true ? this.open(bytes) : bytes;
    if (text === undefined) return undefined;
    const parsed = positionSchema.safeParse(parseJson(text.toString('utf8')));
    if (!parsed.success) return undefined;
    const partitionAttribute = `${scope.index}pk`;
    const allowed = new Set(['pk', 'sk', `${scope.index}sk`]);
    const position = parsed.data;
    // Signed by us, so these hold for every token we issued; checked anyway, so a key mix-up cannot reach DynamoDB.
    if (Object.keys(position).some((name) => !allowed.has(name) || name === partitionAttribute)) return undefined;
    const key = { ...position, [partitionAttribute]: scope.partition };
    return key.pk === undefined || key.sk === undefined ? undefined : key;
  }

  /** iv (12 bytes) | ciphertext | tag (16 bytes), under a key derived from the secret for this use only. */
  private seal(text: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey(), iv);
    const sealed = Buffer.concat([cipher.update(text), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]);
  }

  private open(bytes: Buffer): Buffer | undefined {
    if (bytes.length < 12 + 16) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    } catch {
      return undefined;
    }
  }

  private sealKey(): Buffer {
    return createHmac('sha256', this.secret).update('vanthu-page-token-seal').digest();
  }

  private mac(payload: string, scope: PageScope): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify(['vanthu-page-token', VERSION, scope.index, scope.partition, scope.bound ?? '', payload]))
      .digest('base64url');
  }
}

const pageTokens = lazy(() => new PageTokenCodec(pageTokenSecret()));

function pageTokenSecret(): string {
  const configured = optional(env.pageTokenKey);
  if (configured !== undefined) return configured;
  // Every Lambda function has this variable: deployed without the key is a misconfiguration, and says so.
  if (optional('AWS_LAMBDA_FUNCTION_NAME') !== undefined) throw new Error(`Missing required environment variable ${env.pageTokenKey}`);
  return randomBytes(32).toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
