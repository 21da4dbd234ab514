/**
 * The Cloud Signature Consortium API v2 client (CSC API v2.0.0.2): the `RemoteSigningService` port over a
 * remote signing service (ký số từ xa). The service is authenticated with a bearer access token (OAuth 2.0
 * client credentials, `clientCredentialsToken`, or a fixed token); the signer authorises each signature with
 * `credentials/authorize` (PIN, OTP in `authData`), which answers a Signature Activation Data (SAD) bound
 * to the one hash, then `signatures/signHash` signs that hash. The same code talks to a provider and to the
 * DEVELOPMENT-ONLY signer of the local runtime (infra/local/dev-remote-signer.ts).
 *
 * What the signer typed (`authorization`) and the SAD are sent once and never logged, kept or put in an
 * error message. Every answer is read within a timeout and a size limit and checked with zod; anything the
 * service cannot be asked or answers nonsense is a `RemoteSignerError`, and only the service's own
 * refusal of this signature (wrong PIN or OTP, an expired or spent SAD) is a `refused` outcome.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as z from 'zod';
import { ecdsaRawToDer } from '#domain/signing/ecdsa';
import { AnswerTooLarge, readBoundedAnswer } from '../bounded-answer.ts';
import {
  RemoteSignerError,
  type RemoteSignatureOutcome,
  type RemoteSignatureRequest,
  type RemoteSigningService,
  type SignatureAlgorithm,
  type SigningCredential,
} from '#domain/signing/ports';

/**
 * The service's bearer access token. `refresh` asks for a new one because the service refused the last
 * (revoked or expired early); a fixed token ignores it.
 */
export type AccessTokenSource = (options?: { readonly refresh?: boolean }) => Promise<string>;

export interface CscClientOptions {
  /** The service's base URL, e.g. `https://rs.example/csc/v2`: each method is `POST {baseUrl}/{method}`. */
  readonly baseUrl: string;
  readonly accessToken: AccessTokenSource;
  /** Per call (request, answer and body); default 15 s. */
  readonly timeoutMs?: number;
  /** Largest answer read; default 1 MiB. */
  readonly maxAnswerBytes?: number;
  /** Defaults to the global fetch; tests pass a fake. */
  readonly fetch?: typeof globalThis.fetch;
}

export interface ClientCredentialsOptions {
  /** The OAuth 2.0 token endpoint, e.g. `https://rs.example/csc/v2/oauth2/token`. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sent when given (CSC names the service scope `service`). */
  readonly scope?: string;
  /** A token is renewed this long before its `expires_in` (at most half its lifetime); default 60 s. */
  readonly refreshMarginMs?: number;
  readonly timeoutMs?: number;
  readonly maxAnswerBytes?: number;
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  readonly now?: () => number;
}

/** How one HTTP exchange is bounded. */
export interface HttpLimits {
  readonly timeoutMs: number;
  readonly maxAnswerBytes: number;
  readonly fetch: typeof globalThis.fetch;
}

/** A whole answer, read within the limits. */
export interface BoundedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

const SHA256 = '2.16.840.1.101.3.4.2.1';
const MGF1 = '1.2.840.113549.1.1.8';
/** A token answer without `expires_in` is kept this long. */
const DEFAULT_TOKEN_SECONDS = 300;
const DEFAULT_REFRESH_MARGIN_MS = 60_000;
/** CSC limits the authorisation's `description` to 500 characters. */
const DESCRIPTION_CHARS = 500;
const REASON_CHARS = 300;
/** Credentials whose advertised algorithms are remembered (`signAlgo` must be one of them). */
const REMEMBERED_CREDENTIALS = 1000;

/** The signing algorithm OIDs a credential may advertise in `key.algo`, and what each signs with. */
const ALGORITHM_BY_OID: ReadonlyMap<string, SignatureAlgorithm> = new Map([
  ['1.2.840.113549.1.1.11', 'rsa-pkcs1-sha256'], // sha256WithRSAEncryption
  ['1.2.840.113549.1.1.1', 'rsa-pkcs1-sha256'], // rsaEncryption, with hashAlgorithmOID
  ['1.2.840.113549.1.1.10', 'rsa-pss-sha256'], // RSASSA-PSS, with signAlgoParams
  ['1.2.840.10045.4.3.2', 'ecdsa-sha256'], // ecdsa-with-SHA256
  ['1.2.840.10045.2.1', 'ecdsa-sha256'], // id-ecPublicKey, with hashAlgorithmOID
]);

/** The `signAlgo` sent for each algorithm: the first the credential advertised, else the first here. */
const OIDS_BY_ALGORITHM: Readonly<Record<SignatureAlgorithm, readonly [string, ...string[]]>> = {
  'rsa-pkcs1-sha256': ['1.2.840.113549.1.1.11', '1.2.840.113549.1.1.1'],
  'rsa-pss-sha256': ['1.2.840.113549.1.1.10'],
  'ecdsa-sha256': ['1.2.840.10045.4.3.2', '1.2.840.10045.2.1'],
};

/** OAuth 2.0 / RFC 6750 error codes that mean the access token, not the request, was refused. */
const TOKEN_ERRORS = new Set(['invalid_token', 'invalid_client', 'unauthorized_client', 'expired_token']);

/** RSASSA-PSS-params (RFC 4055) for SHA-256, MGF1 with SHA-256 and a 32-byte salt, DER in base64. */
const PSS_PARAMS = (() => {
  const hash = new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 });
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: hash,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: MGF1, algorithmParams: hash.toSchema() }),
    saltLength: 32,
  });
  return Buffer.from(params.toSchema().toBER()).toString('base64');
})();

const cscErrorSchema = z.object({ error: z.string().min(1).max(200), error_description: z.string().optional() });

const credentialInfoSchema = z.object({
  key: z.object({ status: z.string(), algo: z.array(z.string()).max(64) }),
  cert: z.object({ status: z.string().optional(), certificates: z.array(z.base64()).max(16).optional() }).optional(),
});

const authorizeSchema = z.object({
  SAD: z
    .string()
    .min(1)
    .max(64 * 1024),
});

const signHashSchema = z.object({ signatures: z.array(z.base64().min(1)).length(1) });

const tokenSchema = z.object({
  access_token: z
    .string()
    .min(1)
    .max(64 * 1024),
  token_type: z
    .string()
    .refine((type) => type.toLowerCase() === 'bearer', 'not a bearer token')
    .optional(),
  expires_in: z.number().positive().optional(),
});

type CscAnswer<T> = { readonly kind: 'answered'; readonly value: T } | { readonly kind: 'refused'; readonly error: string; readonly reason: string };

/**
 * A token that never changes (issued out of band, or a test's).
 *
 * @example
 * const csc = new CscClient({ baseUrl, accessToken: fixedAccessToken(required('CSC_ACCESS_TOKEN')) });
 */
export function fixedAccessToken(token: string): AccessTokenSource {
  return () => Promise.resolve(token);
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): `POST tokenUrl` with grant_type, client_id and
 * client_secret, the token kept until shortly before its `expires_in`. Concurrent callers share one request.
 *
 * @example
 * const accessToken = clientCredentialsToken({ tokenUrl: `${base}/oauth2/token`, clientId, clientSecret });
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): AccessTokenSource {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const limits = httpLimits(options);
  let cached: { readonly token: string; readonly until: number } | undefined;
  let pending: Promise<string> | undefined;

  const obtain = async (): Promise<string> => {
    const asked = now();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret });
    if (options.scope !== undefined) form.set('scope', options.scope);
    const answer = await postBounded(
      options.tokenUrl,
      { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() },
      limits,
      'oauth2/token',
    );
    if (answer.status < 200 || answer.status > 299) {
      const refusal = cscErrorSchema.safeParse(parseJson(answer.bytes));
      throw new RemoteSignerError(`oauth2/token answered HTTP ${answer.status}${refusal.success ? ` (${refusal.data.error})` : ''}`);
    }
    const token = tokenSchema.safeParse(parseJson(answer.bytes));
    if (!token.success) throw malformed('oauth2/token', token.error);
    const lifetime = (token.data.expires_in ?? DEFAULT_TOKEN_SECONDS) * 1000;
    cached = { token: token.data.access_token, until: asked + lifetime - Math.min(margin, lifetime / 2) };
    return token.data.access_token;
  };

  return (request) => {
    if (request?.refresh === true) cached = undefined;
    if (cached !== undefined && now() < cached.until) return Promise.resolve(cached.token);
    pending ??= obtain().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/**
 * @example
 * const csc = new CscClient({
 *   baseUrl: 'https://rs.example/csc/v2',
 *   accessToken: clientCredentialsToken({ tokenUrl: 'https://rs.example/csc/v2/oauth2/token', clientId, clientSecret }),
 * });
 * const credential = await csc.credential('leader-01');
 * const outcome = await csc.requestSignature({ credentialId: 'leader-01', hash, algorithm: 'rsa-pkcs1-sha256', authorization: { PIN: pin }, description: '12/QĐ-UBND' });
 */
export class CscClient implements RemoteSigningService {
  private readonly base: string;
  private readonly limits: HttpLimits;
  /** The `key.algo` each credential advertised: `signHash` must name one of them. */
  private readonly advertised = new Map<string, readonly string[]>();

  constructor(private readonly options: CscClientOptions) {
    this.base = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.limits = httpLimits(options);
  }

  /**
   * `credentials/info` with the chain. Undefined when the service does not know the credential (HTTP 400
   * invalid_request naming credentialID) and also when it cannot sign now: its key is not `enabled`, its
   * certificate is not `valid` (expired, revoked, suspended) or it signs with no algorithm of ours. The port
   * has no other way to say "unusable", and offering such a credential would only end in a refusal or in a
   * signature over a revoked certificate.
   */
  async credential(credentialId: string): Promise<SigningCredential | undefined> {
    const answer = await this.call('credentials/info', { credentialID: credentialId, certificates: 'chain', certInfo: true, authInfo: true }, credentialInfoSchema);
    if (answer.kind === 'refused') {
      if (answer.error === 'invalid_request' && /credentialID/i.test(answer.reason)) return undefined;
      throw new RemoteSignerError(`credentials/info was refused: ${answer.error}: ${answer.reason}`);
    }
    const { key, cert } = answer.value;
    this.remember(credentialId, key.algo);
    if (key.status !== 'enabled' || (cert?.status ?? 'valid') !== 'valid') return undefined;
    const algorithms = [...new Set(key.algo.flatMap((oid) => ALGORITHM_BY_OID.get(oid) ?? []))];
    if (algorithms.length === 0) return undefined;
    const certificates = (cert?.certificates ?? []).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    if (certificates.length === 0) throw new RemoteSignerError('credentials/info answered no certificate');
    for (const der of certificates) assertCertificate(der);
    return { certificates, algorithms };
  }

  /** `credentials/authorize` for the one hash, then `signatures/signHash` with the SAD it answered. */
  async requestSignature(request: RemoteSignatureRequest): Promise<RemoteSignatureOutcome> {
    if (request.hash.length !== 32) throw new RangeError(`a remote signature is over a SHA-256 hash (32 bytes), not ${request.hash.length} bytes`);
    const hashes = [Buffer.from(request.hash).toString('base64')];
    const authData = Object.entries(request.authorization).map(([id, value]) => ({ id, value }));
    const description = Array.from(request.description).slice(0, DESCRIPTION_CHARS).join('');
    const authorized = await this.call(
      'credentials/authorize',
      {
        credentialID: request.credentialId,
        numSignatures: 1,
        hashes,
        hashAlgorithmOID: SHA256,
        ...(authData.length === 0 ? {} : { authData }),
        ...(description === '' ? {} : { description }),
      },
      authorizeSchema,
    );
    if (authorized.kind === 'refused') return { kind: 'refused', reason: authorized.reason };
    const signed = await this.call(
      'signatures/signHash',
      {
        credentialID: request.credentialId,
        SAD: authorized.value.SAD,
        hashes,
        hashAlgorithmOID: SHA256,
        signAlgo: this.signAlgo(request.credentialId, request.algorithm),
        ...(request.algorithm === 'rsa-pss-sha256' ? { signAlgoParams: PSS_PARAMS } : {}),
      },
      signHashSchema,
    );
    if (signed.kind === 'refused') return { kind: 'refused', reason: signed.reason };
    const signature = new Uint8Array(Buffer.from(signed.value.signatures[0] ?? '', 'base64'));
    return { kind: 'signed', signature: request.algorithm === 'ecdsa-sha256' ? ecdsaDer(signature) : signature };
  }

  collect(_transactionId: string): Promise<RemoteSignatureOutcome> {
    return Promise.reject(new RemoteSignerError('CSC signHash is synchronous: there is no pending signature to collect'));
  }

  /**
   * One CSC call. A 2xx answer must match `schema`; an HTTP 400 or 401 with a CSC error is the service's
   * refusal, except a refused access token, which is renewed once. Anything else throws.
   */
  private async call<T>(method: string, body: object, schema: z.ZodType<T>): Promise<CscAnswer<T>> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.options.accessToken(attempt === 1 ? undefined : { refresh: true });
      const answer = await postBounded(
        `${this.base}/${method}`,
        { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) },
        this.limits,
        method,
      );
      if (answer.status >= 200 && answer.status <= 299) {
        const parsed = schema.safeParse(parseJson(answer.bytes));
        if (!parsed.success) throw malformed(method, parsed.error);
        return { kind: 'answered', value: parsed.data };
      }
      const refusal = answer.status === 400 || answer.status === 401 ? cscErrorSchema.safeParse(parseJson(answer.bytes)) : undefined;
      const tokenRefused = answer.status === 401 && (refusal?.success !== true || TOKEN_ERRORS.has(refusal.data.error));
      if (tokenRefused && attempt === 1) continue;
      if (tokenRefused) throw new RemoteSignerError(`${method}: the service refused the access token (HTTP 401)`);
      if (refusal?.success === true) return { kind: 'refused', error: refusal.data.error, reason: readable(refusal.data.error_description ?? refusal.data.error) };
      throw new RemoteSignerError(`${method} answered HTTP ${answer.status}`);
    }
  }

  private remember(credentialId: string, algorithms: readonly string[]): void {
    this.advertised.delete(credentialId);
    if (this.advertised.size >= REMEMBERED_CREDENTIALS) this.advertised.delete(this.advertised.keys().next().value as string);
    this.advertised.set(credentialId, algorithms);
  }

  /** CSC: `signAlgo` SHALL be one the credential advertised; before `credential` was asked, the usual one. */
  private signAlgo(credentialId: string, algorithm: SignatureAlgorithm): string {
    const candidates = OIDS_BY_ALGORITHM[algorithm];
    return this.advertised.get(credentialId)?.find((oid) => candidates.includes(oid)) ?? candidates[0];
  }
}

/**
 * POSTs `init.body` and reads the whole answer within `limits` (no redirects followed). Throws
 * `RemoteSignerError` when no whole answer came back; `what` names the call in the message, never the body.
 */
export async function postBounded(
  url: string,
  init: { readonly headers: Record<string, string>; readonly body: string | Uint8Array },
  limits: HttpLimits,
  what: string,
): Promise<BoundedAnswer> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await limits.fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal, redirect: 'error' });
    return { status: response.status, headers: response.headers, bytes: await readBoundedAnswer(response, limits.maxAnswerBytes) };
  } catch (error) {
    if (error instanceof AnswerTooLarge) throw new RemoteSignerError(`${what}: the answer exceeds ${limits.maxAnswerBytes} bytes`);
    if (signal.aborted) throw new RemoteSignerError(`${what}: no answer within ${limits.timeoutMs} ms`, { cause: error });
    throw new RemoteSignerError(`${what}: the service could not be reached`, { cause: error });
  }
}

export function httpLimits(options: { readonly timeoutMs?: number; readonly maxAnswerBytes?: number; readonly fetch?: typeof globalThis.fetch }): HttpLimits {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
    fetch: options.fetch ?? globalThis.fetch,
  };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    // Not JSON (a proxy's HTML page, a truncated answer): the schema reports it.
    return undefined;
  }
}

/** Where the answer went wrong (paths and expectations, never the answer's values). */
function malformed(method: string, error: z.ZodError): RemoteSignerError {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`);
  return new RemoteSignerError(`${method} answered something that is not a CSC answer (${issues.join('; ')})`);
}

/** A service's refusal as a short single-line text for the signer. */
function readable(text: string): string {
  return Array.from(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim())
    .slice(0, REASON_CHARS)
    .join('');
}

function assertCertificate(der: Uint8Array): void {
  try {
    pkijs.Certificate.fromBER(der);
  } catch (error) {
    throw new RemoteSignerError('credentials/info answered a certificate that does not decode', { cause: error });
  }
}

/**
 * CMS carries an ECDSA signature as DER `SEQUENCE { r INTEGER, s INTEGER }`; some services answer the raw
 * r‖s of P-256 (64 bytes), which is converted.
 */
export function ecdsaDer(signature: Uint8Array): Uint8Array {
  const decoded = asn1js.fromBER(signature);
  const items = decoded.result instanceof asn1js.Sequence ? decoded.result.valueBlock.value : [];
  if (decoded.offset === signature.length && items.length === 2 && items.every((item) => item instanceof asn1js.Integer)) return signature;
  const der = ecdsaRawToDer(signature);
  if (der === undefined) throw new RemoteSignerError('signatures/signHash answered an ECDSA signature that is neither DER nor a raw P-256 r‖s');
  return der;
}
