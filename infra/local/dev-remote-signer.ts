/**
 * A DEVELOPMENT-ONLY remote signing service for the local runtime: an in-process HTTP server speaking the
 * subset of the Cloud Signature Consortium API v2 that the production client (layers/adapters/signing/
 * csc-client.ts) uses, and a DEVELOPMENT-ONLY RFC 3161 time-stamping authority (`POST /tsa`) for the
 * RFC 3161 client. It has its own DEVELOPMENT-ONLY CA ("DEVELOPMENT ONLY vanthu remote signer CA") and one
 * credential per configured person, whose certificate's CN is "DEVELOPMENT ONLY <name>".
 *
 * NEVER a real signing service: the keys are unprotected PKCS#8 files (or memory), the PINs are
 * configuration, the client secret is a constant, and every name and certificate says DEVELOPMENT ONLY.
 *
 * - `POST /csc/v2/info`, `/csc/v2/oauth2/token` (client credentials, the fixed dev client), then with the
 *   bearer token `/credentials/list`, `/credentials/info`, `/credentials/authorize` (the PIN in authData
 *   id "PIN"; answers a SAD bound to the credential and to exactly those hashes, single use, 5 minutes) and
 *   `/signatures/signHash` (signs each hash as a pre-hashed SHA-256 digest: RSA PKCS#1 v1.5 or RSASSA-PSS,
 *   or ECDSA P-256, so that `crypto.verify('sha256', m, cert, signature)` holds when hash = sha256(m));
 * - `POST /tsa`: `application/timestamp-query` in, `application/timestamp-reply` out, the token signed by
 *   the CA's DEVELOPMENT-ONLY TSA certificate (id-kp-timeStamping), with the request's nonce.
 *
 * With a `dataDir`, the CA, the TSA and the credentials are kept (PEM; keys mode 0600) under
 * `<dataDir>/dev-remote-signer/` and reused on restart (a person added later gets a certificate from the
 * same CA); without one they live in memory only.
 */
import { signSha256Digest } from '#signature/dev/digest-sign';
import { createHash, createPrivateKey, randomBytes, sign, timingSafeEqual, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as z from 'zod';
import { createDevPki, DEV_MARK, issueCrl, type Identity, type SignerSpec } from '#signature/dev/pki';
import { timestampToken } from '#signature/dev/timestamp-token';
import { toPem } from '#signature/trust/certificate';

/** One person holding a DEVELOPMENT-ONLY credential. */
export interface DevRemoteSignerUser {
  /** The CSC credentialID: letters, digits, `.`, `_` and `-` (it names the key files). */
  readonly credentialId: string;
  /** The person's name, in the certificate's CN after "DEVELOPMENT ONLY". */
  readonly name: string;
  /** What `credentials/authorize` expects in authData id "PIN". */
  readonly pin: string;
  /** RSA-2048 (signs PKCS#1 v1.5 and RSASSA-PSS, the default) or ECDSA P-256. */
  readonly algorithm?: 'rsa' | 'ecdsa';
}

export interface DevRemoteSignerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Keep the DEVELOPMENT-ONLY CA and keys under `<dataDir>/dev-remote-signer/`; default memory only. */
  readonly dataDir?: string;
  readonly users: readonly DevRemoteSignerUser[];
  /** Default the system clock. */
  readonly now?: () => Date;
  /** Unexpected errors of the server (not refusals); default: written to stderr. */
  readonly onError?: (error: unknown) => void;
}

/** What the DEVELOPMENT-ONLY signer did since it started. */
export interface DevRemoteSignerCounts {
  readonly tokens: number;
  readonly authorizations: number;
  /** Hashes signed. */
  readonly signatures: number;
  readonly timestamps: number;
  /** CSC error answers (wrong PIN, spent SAD, unknown credential, bad parameter, bad token). */
  readonly refusals: number;
}

export interface DevRemoteSigner {
  /** The CSC base URL, `http://127.0.0.1:<port>/csc/v2`. */
  readonly url: string;
  /** The OAuth 2.0 token endpoint, `<url>/oauth2/token`. */
  readonly tokenUrl: string;
  /** The DEVELOPMENT-ONLY RFC 3161 TSA. */
  readonly tsaUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The DEVELOPMENT-ONLY root (DER): the trust anchor for its signatures and timestamps, in development only. */
  readonly rootCertificate: Uint8Array;
  /** A fresh CRL of the CA (nothing revoked), so revocation can be established offline. */
  crl(): Uint8Array;
  counts(): DevRemoteSignerCounts;
  close(): Promise<void>;
}

/** DEVELOPMENT ONLY: the one OAuth 2.0 client the dev signer knows. */
export const DEV_REMOTE_SIGNER_CLIENT_ID = 'vanthu-dev-client';
/** DEVELOPMENT ONLY: a constant, not a secret. */
export const DEV_REMOTE_SIGNER_CLIENT_SECRET = 'DEVELOPMENT-ONLY-vanthu-dev-client-secret';

const CSC_BASE = '/csc/v2';
const ROOT_NAME = 'vanthu remote signer CA';
const TSA_NAME = 'vanthu remote signer TSA';
const STORE_FOLDER = 'dev-remote-signer';
const TOKEN_SECONDS = 3600;
const SAD_SECONDS = 300;
const MAX_REQUEST_BYTES = 64 * 1024;
/** Live access tokens and SADs kept at most (the oldest go first). */
const MAX_LIVE = 10_000;
const MAX_SIGNATURES_PER_SAD = 10;
const DAY = 86_400_000;

const SHA256 = '2.16.840.1.101.3.4.2.1';
const MGF1 = '1.2.840.113549.1.1.8';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const P256_OID = '1.2.840.10045.3.1.7';
/** DigestInfo for SHA-256 (RFC 8017 §9.2 note 1), followed by the 32-byte hash. */

const usersSchema = z
  .array(
    z.object({
      credentialId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
      name: z.string().trim().min(1).max(128),
      pin: z.string().min(4).max(64),
      algorithm: z.enum(['rsa', 'ecdsa']).optional(),
    }),
  )
  .refine((users) => new Set(users.map((u) => u.credentialId)).size === users.length, 'credentialIds must be unique');

const hashesSchema = z.array(z.base64()).min(1).max(MAX_SIGNATURES_PER_SAD);
const infoRequest = z.object({
  credentialID: z.string(),
  certificates: z.enum(['none', 'single', 'chain']).optional(),
  certInfo: z.boolean().optional(),
  authInfo: z.boolean().optional(),
});
const authorizeRequest = z.object({
  credentialID: z.string(),
  numSignatures: z.number().int().min(1).max(MAX_SIGNATURES_PER_SAD),
  hashes: hashesSchema,
  hashAlgorithmOID: z.literal(SHA256),
  authData: z
    .array(z.object({ id: z.string(), value: z.string() }))
    .max(8)
    .optional(),
  description: z.string().max(500).optional(),
});
const signHashRequest = z.object({
  credentialID: z.string(),
  SAD: z.string(),
  hashes: hashesSchema,
  hashAlgorithmOID: z.literal(SHA256).optional(),
  signAlgo: z.string(),
  signAlgoParams: z.base64().optional(),
  operationMode: z.literal('S').optional(),
});

interface Credential {
  readonly user: DevRemoteSignerUser;
  readonly identity: Identity;
}

interface Keystore {
  readonly root: Identity;
  readonly tsa: Identity;
  readonly credentials: ReadonlyMap<string, Credential>;
}

/** A Signature Activation Data: one credential, exactly these hashes (base64), once, until `expiresAt`. */
interface Activation {
  readonly credentialId: string;
  readonly hashes: readonly string[];
  readonly expiresAt: number;
}

/** A CSC error answer (`{error, error_description}`). */
class CscRefusal extends Error {
  override readonly name = 'CscRefusal';
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * Starts the DEVELOPMENT-ONLY remote signer.
 *
 * @example
 * const signer = await startDevRemoteSigner({ dataDir: '.data', users: [{ credentialId: 'leader-1', name: 'Nguyễn Văn An', pin: '123456' }] });
 * const csc = new CscClient({ baseUrl: signer.url, accessToken: clientCredentialsToken({ tokenUrl: signer.tokenUrl, clientId: signer.clientId, clientSecret: signer.clientSecret }) });
 * const timestamper = new Rfc3161Timestamper({ url: signer.tsaUrl });
 * // ...
 * await signer.close();
 */
export async function startDevRemoteSigner(options: DevRemoteSignerOptions): Promise<DevRemoteSigner> {
  const users = usersSchema.parse(options.users);
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`dev remote signer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  const keystore = await openKeystore(options.dataDir, users, now());
  const tokens = new Map<string, number>();
  const activations = new Map<string, Activation>();
  const counts = { tokens: 0, authorizations: 0, signatures: 0, timestamps: 0, refusals: 0 };
  let origin = '';

  const crl = () => issueCrl(keystore.root, [], now());

  const requireToken = (req: http.IncomingMessage) => {
    const token = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    if (token === undefined || expiresAt === undefined || expiresAt <= now().getTime()) {
      if (token !== undefined) tokens.delete(token);
      throw new CscRefusal(401, 'invalid_token', 'The access token is missing, unknown or expired');
    }
  };

  const credentialOf = (credentialId: string): Credential => {
    const credential = keystore.credentials.get(credentialId);
    if (credential === undefined) throw new CscRefusal(400, 'invalid_request', 'Invalid parameter credentialID');
    return credential;
  };

  const cscMethods: Record<string, (body: unknown, req: http.IncomingMessage) => unknown> = {
    info: () => ({
      specs: '2.0.0.2',
      name: `${DEV_MARK} vanthu remote signer`,
      logo: '',
      region: 'VN',
      lang: 'en-US',
      description: `${DEV_MARK}: a test signing service of the vanthu local runtime. Never use its signatures outside development.`,
      authType: ['oauth2client'],
      oauth2: `${origin}${CSC_BASE}`,
      methods: ['info', 'oauth2/token', 'credentials/list', 'credentials/info', 'credentials/authorize', 'signatures/signHash'],
    }),
    'oauth2/token': (body, req) => {
      const form = tokenForm(body, req);
      if (form.grant_type !== 'client_credentials') throw new CscRefusal(400, 'unsupported_grant_type', 'Only client_credentials is supported');
      if (!sameSecret(form.client_id ?? '', DEV_REMOTE_SIGNER_CLIENT_ID) || !sameSecret(form.client_secret ?? '', DEV_REMOTE_SIGNER_CLIENT_SECRET)) {
        throw new CscRefusal(401, 'invalid_client', 'Unknown client or wrong secret');
      }
      const token = randomBytes(32).toString('base64url');
      remember(tokens, token, now().getTime() + TOKEN_SECONDS * 1000, now().getTime(), (expiresAt) => expiresAt);
      counts.tokens += 1;
      return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS };
    },
    'credentials/list': (_body, req) => {
      requireToken(req);
      return { credentialIDs: [...keystore.credentials.keys()] };
    },
    'credentials/info': (body, req) => {
      requireToken(req);
      const input = parseRequest(infoRequest, body);
      const { user, identity } = credentialOf(input.credentialID);
      const certificates = input.certificates ?? 'single';
      const chain = certificates === 'none' ? [] : certificates === 'single' ? [identity.certificate] : [identity.certificate, keystore.root.certificate];
      return {
        description: `${DEV_MARK} credential of ${user.name}`,
        key: keyInfo(identity),
        cert: {
          status: 'valid',
          ...(chain.length === 0 ? {} : { certificates: chain.map((der) => Buffer.from(der).toString('base64')) }),
          ...(input.certInfo === true ? certificateInfo(identity.certificate) : {}),
        },
        ...(input.authInfo === true
          ? {
              auth: {
                mode: 'explicit',
                expression: 'PIN',
                objects: [{ type: 'Password', id: 'PIN', format: 'A', label: 'PIN', description: `${DEV_MARK}: the PIN configured for ${user.name}` }],
              },
            }
          : {}),
        SCAL: '2',
        multisign: MAX_SIGNATURES_PER_SAD,
        lang: 'en-US',
      };
    },
    'credentials/authorize': (body, req) => {
      requireToken(req);
      const input = parseRequest(authorizeRequest, body);
      const { user } = credentialOf(input.credentialID);
      if (input.numSignatures !== input.hashes.length) throw new CscRefusal(400, 'invalid_request', 'numSignatures is not the number of hashes');
      const hashes = input.hashes.map(canonicalHash);
      const pin = input.authData?.find((entry) => entry.id === 'PIN')?.value;
      if (pin === undefined) throw new CscRefusal(400, 'invalid_request', 'Missing parameter PIN in authData');
      if (!sameSecret(pin, user.pin)) throw new CscRefusal(400, 'invalid_pin', 'The PIN is invalid');
      const sad = randomBytes(32).toString('base64url');
      remember(activations, sad, { credentialId: input.credentialID, hashes, expiresAt: now().getTime() + SAD_SECONDS * 1000 }, now().getTime(), (a) => a.expiresAt);
      counts.authorizations += 1;
      return { SAD: sad, expiresIn: SAD_SECONDS };
    },
    'signatures/signHash': (body, req) => {
      requireToken(req);
      const input = parseRequest(signHashRequest, body);
      const { identity } = credentialOf(input.credentialID);
      // Single use: a SAD is spent the moment it is presented, whatever the rest of the request says.
      const activation = activations.get(input.SAD);
      activations.delete(input.SAD);
      if (activation === undefined || activation.credentialId !== input.credentialID) throw new CscRefusal(400, 'invalid_request', 'Invalid parameter SAD');
      if (activation.expiresAt <= now().getTime()) throw new CscRefusal(400, 'invalid_request', 'SAD expired');
      const hashes = input.hashes.map(canonicalHash);
      if (!sameHashes(hashes, activation.hashes)) throw new CscRefusal(400, 'invalid_request', 'Invalid parameter hashes: not the hashes the SAD authorizes');
      const signer = hashSigner(identity, input.signAlgo, input.hashAlgorithmOID, input.signAlgoParams);
      const signatures = hashes.map((b64) => signer(Buffer.from(b64, 'base64')).toString('base64'));
      counts.signatures += signatures.length;
      return { signatures };
    },
  };

  const timestampAnswer = (query: Uint8Array): Uint8Array => {
    const decoded = asn1js.fromBER(query);
    let request: pkijs.TimeStampReq;
    try {
      if (decoded.offset !== query.length) throw new Error('trailing bytes');
      request = new pkijs.TimeStampReq({ schema: decoded.result });
    } catch {
      return timestampRejection(5, 'the request is not a DER TimeStampReq');
    }
    const imprint = request.messageImprint;
    const hashed = imprint.hashedMessage.valueBlock.valueHexView;
    if (imprint.hashAlgorithm.algorithmId !== SHA256 || hashed.length !== 32) return timestampRejection(0, 'only SHA-256 imprints are stamped');
    const at = now();
    const tsa = { identity: keystore.tsa, chain: [keystore.root.certificate], crls: [issueCrl(keystore.root, [], at)] };
    const token = timestampToken(tsa, new Uint8Array(hashed), at, {
      prehashed: true,
      certificates: request.certReq === true,
      ...(request.nonce === undefined ? {} : { nonce: new Uint8Array(request.nonce.valueBlock.valueHexView) }),
    });
    counts.timestamps += 1;
    return derSequence(new Uint8Array(new pkijs.PKIStatusInfo({ status: 0 }).toSchema().toBER()), token);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://signer.invalid').pathname;
    if (req.method !== 'POST') {
      await drain(req);
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'Only POST is supported' });
    }
    const body = await readBody(req);
    if (pathname === '/tsa') {
      if (body === undefined) return sendBytes(res, 413, 'text/plain', Buffer.from('request too large'));
      if (!/^application\/timestamp-query\b/i.test(req.headers['content-type'] ?? ''))
        return sendBytes(res, 415, 'text/plain', Buffer.from('expected application/timestamp-query'));
      return sendBytes(res, 200, 'application/timestamp-reply', timestampAnswer(body));
    }
    const method = pathname.startsWith(`${CSC_BASE}/`) ? pathname.slice(CSC_BASE.length + 1) : undefined;
    const run = method !== undefined && Object.hasOwn(cscMethods, method) ? cscMethods[method] : undefined;
    if (run === undefined) return sendJson(res, 404, { error: 'invalid_request', error_description: 'Unknown method' });
    try {
      if (body === undefined) throw new CscRefusal(413, 'invalid_request', 'The request is too large');
      sendJson(res, 200, run(parseBody(body, req), req), { 'cache-control': 'no-store' });
    } catch (error) {
      if (!(error instanceof CscRefusal)) throw error;
      counts.refusals += 1;
      const headers: Record<string, string> = error.error === 'invalid_token' ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
      sendJson(res, error.httpStatus, { error: error.error, error_description: error.message }, headers);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      sendJson(res, 500, { error: 'server_error', error_description: `${DEV_MARK} signer failed` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const url = `${origin}${CSC_BASE}`;

  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    tsaUrl: `${origin}/tsa`,
    clientId: DEV_REMOTE_SIGNER_CLIENT_ID,
    clientSecret: DEV_REMOTE_SIGNER_CLIENT_SECRET,
    rootCertificate: keystore.root.certificate,
    crl,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

/* ---------------------------------------------------------------- DEVELOPMENT-ONLY keys and certificates */

/** Where identities are kept: PEM files under the data folder, or nowhere (memory only). */
interface IdentityStore {
  read(name: string): Promise<Identity | undefined>;
  write(name: string, identity: Identity): Promise<void>;
}

/**
 * The DEVELOPMENT-ONLY CA, its TSA and one credential per user: reused from the store when still usable
 * (same CA, key matching its certificate, valid for another day, same name and key type), issued otherwise.
 */
async function openKeystore(dataDir: string | undefined, users: readonly DevRemoteSignerUser[], now: Date): Promise<Keystore> {
  const store = dataDir === undefined ? memoryStore() : await fileStore(path.join(dataDir, STORE_FOLDER), now);
  let root = await store.read('root');
  if (root === undefined || !usableRoot(root, now)) {
    root = createDevPki({ now, rootName: ROOT_NAME, signers: [] }).root;
    await store.write('root', root);
  }
  const ca = root;
  const ensure = async (name: string, spec: SignerSpec, algorithm: 'rsa' | 'ecdsa'): Promise<Identity> => {
    const stored = await store.read(name);
    if (stored !== undefined && usableLeaf(stored, ca, spec, algorithm, now)) return stored;
    const issued = issueUnder(ca, spec, algorithm, now);
    await store.write(name, issued);
    return issued;
  };
  const tsa = await ensure('tsa', { name: TSA_NAME, timeStamping: true }, 'rsa');
  const credentials = new Map<string, Credential>();
  for (const user of users) {
    credentials.set(user.credentialId, { user, identity: await ensure(`credential-${user.credentialId}`, { name: user.name }, user.algorithm ?? 'rsa') });
  }
  return { root, tsa, credentials };
}

function memoryStore(): IdentityStore {
  return { read: () => Promise.resolve(undefined), write: () => Promise.resolve() };
}

async function fileStore(dir: string, now: Date): Promise<IdentityStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(
    path.join(dir, 'README-DEVELOPMENT-ONLY.txt'),
    `${DEV_MARK}: the CA, TSA and credentials of the vanthu development remote signer (infra/local/dev-remote-signer.ts), ` +
      `last opened ${now.toISOString()}.\nIts keys are unprotected. Never trust root.crt.pem outside development.\n`,
  );
  return {
    async read(name) {
      let certPem: string;
      let keyPem: string;
      try {
        certPem = await readFile(path.join(dir, `${name}.crt.pem`), 'utf8');
        keyPem = await readFile(path.join(dir, `${name}.key.pem`), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        const privateKey = createPrivateKey(keyPem);
        return { certificate: new Uint8Array(new X509Certificate(certPem).raw), privateKey, algorithm: privateKey.asymmetricKeyType === 'ec' ? 'ecdsa' : 'rsa' };
      } catch {
        // A damaged file is replaced, as a missing one.
        return undefined;
      }
    },
    async write(name, identity) {
      await writeFile(path.join(dir, `${name}.crt.pem`), toPem(identity.certificate));
      const keyFile = path.join(dir, `${name}.key.pem`);
      await writeFile(keyFile, identity.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      await chmod(keyFile, 0o600);
    },
  };
}

function usableRoot(root: Identity, now: Date): boolean {
  const cert = new X509Certificate(root.certificate);
  return (
    root.algorithm === 'rsa' &&
    cert.ca &&
    cert.checkPrivateKey(root.privateKey) &&
    cert.verify(cert.publicKey) &&
    usableUntil(cert, now) &&
    commonNameOf(root.certificate) === `${DEV_MARK} ${ROOT_NAME}`
  );
}

function usableLeaf(identity: Identity, root: Identity, spec: SignerSpec, algorithm: 'rsa' | 'ecdsa', now: Date): boolean {
  const cert = new X509Certificate(identity.certificate);
  return (
    identity.algorithm === algorithm &&
    cert.checkPrivateKey(identity.privateKey) &&
    cert.verify(new X509Certificate(root.certificate).publicKey) &&
    usableUntil(cert, now) &&
    commonNameOf(identity.certificate) === `${DEV_MARK} ${spec.name}`
  );
}

function usableUntil(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validTo).getTime() > now.getTime() + DAY && new Date(cert.validFrom).getTime() <= now.getTime();
}

function commonNameOf(der: Uint8Array): string | undefined {
  const cn = pkijs.Certificate.fromBER(der).subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn === undefined ? undefined : String(cn.value.valueBlock.value);
}

/**
 * A certificate for `spec` issued by `root` (RSA). createDevPki issues under a root of its own, so its
 * certificate is taken and re-signed here: issuer, authority key identifier and signature replaced.
 */
function issueUnder(root: Identity, spec: SignerSpec, algorithm: 'rsa' | 'ecdsa', now: Date): Identity {
  const fresh = createDevPki({ now, algorithm, signers: [spec] }).signers.get(spec.name);
  if (fresh === undefined) throw new Error(`${DEV_MARK}: no certificate issued for ${spec.name}`);
  const rootCert = pkijs.Certificate.fromBER(root.certificate);
  const cert = pkijs.Certificate.fromBER(fresh.certificate);
  const signatureAlgorithm = () => new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_WITH_RSA, algorithmParams: new asn1js.Null() });
  const keyId = createHash('sha1').update(rootCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  const authorityKeyId = new pkijs.Extension({
    extnID: '2.5.29.35',
    critical: false,
    extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyId }) }).toSchema().toBER(),
  });
  cert.issuer = rootCert.subject;
  cert.signature = signatureAlgorithm();
  cert.extensions = (cert.extensions ?? []).map((extension) => (extension.extnID === '2.5.29.35' ? authorityKeyId : extension));
  const tbs = new Uint8Array(cert.encodeTBS().toBER());
  cert.tbsView = tbs;
  cert.signatureAlgorithm = signatureAlgorithm();
  cert.signatureValue = new asn1js.BitString({ valueHex: sign('sha256', tbs, root.privateKey) });
  return { certificate: new Uint8Array(cert.toSchema().toBER()), privateKey: fresh.privateKey, algorithm };
}

function keyInfo(identity: Identity): Record<string, unknown> {
  if (identity.algorithm === 'ecdsa') return { status: 'enabled', algo: [ECDSA_WITH_SHA256, EC_PUBLIC_KEY], len: 256, curve: P256_OID };
  return { status: 'enabled', algo: [SHA256_WITH_RSA, RSASSA_PSS, RSA_ENCRYPTION], len: identity.privateKey.asymmetricKeyDetails?.modulusLength ?? 2048 };
}

/** certInfo: the certificate's names, serial and validity (CSC v2 §11.5). */
function certificateInfo(der: Uint8Array): Record<string, string> {
  const cert = new X509Certificate(der);
  const name = (names: pkijs.RelativeDistinguishedNames) =>
    names.typesAndValues
      .map((tv) => `${{ '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.6': 'C' }[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
      .reverse()
      .join(', ');
  const structure = pkijs.Certificate.fromBER(der);
  const generalized = (date: string) => `${new Date(date).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  return {
    issuerDN: name(structure.issuer),
    subjectDN: name(structure.subject),
    serialNumber: BigInt(`0x${cert.serialNumber}`).toString(10),
    validFrom: generalized(cert.validFrom),
    validTo: generalized(cert.validTo),
  };
}

/* ---------------------------------------------------------------- DEVELOPMENT-ONLY signing of a hash */

/** How a credential signs one SHA-256 hash for `signAlgo`, or the CSC refusal of that algorithm. */
function hashSigner(identity: Identity, signAlgo: string, hashAlgorithm: string | undefined, params: string | undefined): (hash: Buffer) => Buffer {
  const ec = identity.privateKey.asymmetricKeyType === 'ec';
  if ((signAlgo === RSA_ENCRYPTION || signAlgo === EC_PUBLIC_KEY) && hashAlgorithm === undefined)
    throw new CscRefusal(400, 'invalid_request', 'Missing parameter hashAlgorithmOID');
  if (!ec && (signAlgo === SHA256_WITH_RSA || signAlgo === RSA_ENCRYPTION)) {
    return (hash) => signSha256Digest(identity.privateKey, 'rsa-pkcs1-sha256', hash);
  }
  if (!ec && signAlgo === RSASSA_PSS) {
    const saltLength = pssSaltLength(params);
    return (hash) => {
      try {
        return signSha256Digest(identity.privateKey, 'rsa-pss-sha256', hash, { saltLength });
      } catch {
        throw new CscRefusal(400, 'invalid_request', 'Invalid parameter signAlgoParams: salt too long for the key');
      }
    };
  }
  if (ec && (signAlgo === ECDSA_WITH_SHA256 || signAlgo === EC_PUBLIC_KEY)) {
    return (hash) => {
      try {
        return signSha256Digest(identity.privateKey, 'ecdsa-sha256', hash);
      } catch {
        throw new CscRefusal(400, 'invalid_request', 'Invalid parameter signAlgo: the key is not P-256');
      }
    };
  }
  throw new CscRefusal(400, 'invalid_request', 'Invalid parameter signAlgo');
}

/** The salt length of RSASSA-PSS-params, which must say SHA-256 and MGF1 with SHA-256. */
function pssSaltLength(params: string | undefined): number {
  if (params === undefined) throw new CscRefusal(400, 'invalid_request', 'Missing parameter signAlgoParams');
  try {
    const pss = pkijs.RSASSAPSSParams.fromBER(Buffer.from(params, 'base64'));
    const mgfHash = new pkijs.AlgorithmIdentifier({ schema: pss.maskGenAlgorithm.algorithmParams });
    if (pss.hashAlgorithm.algorithmId !== SHA256 || pss.maskGenAlgorithm.algorithmId !== MGF1 || mgfHash.algorithmId !== SHA256 || pss.trailerField !== 1)
      throw new Error('not SHA-256');
    if (pss.saltLength < 0 || pss.saltLength > 64) throw new Error('salt length');
    return pss.saltLength;
  } catch {
    throw new CscRefusal(400, 'invalid_request', 'Invalid parameter signAlgoParams');
  }
}

/* ---------------------------------------------------------------- DEVELOPMENT-ONLY time-stamping */

/** A TimeStampResp with status rejection and one PKIFailureInfo bit (RFC 3161 §2.4.2). */
function timestampRejection(failureBit: number, text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor(failureBit / 8) + 1);
  bytes[bytes.length - 1] = 0x80 >> (failureBit % 8);
  const status = new pkijs.PKIStatusInfo({
    status: 2,
    statusStrings: [new asn1js.Utf8String({ value: `${DEV_MARK} TSA: ${text}` })],
    failInfo: new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (failureBit % 8) }),
  });
  return derSequence(new Uint8Array(status.toSchema().toBER()));
}

/** A DER SEQUENCE of already encoded elements (the token is kept byte for byte). */
function derSequence(...elements: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(elements);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return new Uint8Array(Buffer.concat([Uint8Array.of(0x30, ...length), body]));
}

/* ---------------------------------------------------------------- HTTP */

/** The whole body, or undefined when it is larger than MAX_REQUEST_BYTES (read and dropped). */
async function readBody(req: http.IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
  }
  return size <= MAX_REQUEST_BYTES ? new Uint8Array(Buffer.concat(chunks, size)) : undefined;
}

async function drain(req: http.IncomingMessage): Promise<void> {
  for await (const _ of req as AsyncIterable<Buffer>) void _;
}

/** A JSON body, or a form for the token endpoint. */
function parseBody(body: Uint8Array, req: http.IncomingMessage): unknown {
  const text = Buffer.from(body).toString('utf8');
  if (/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new CscRefusal(400, 'invalid_request', 'The body is not JSON');
  }
}

/** The token request's fields; client_id and client_secret may also come as HTTP Basic (RFC 6749 §2.3.1). */
function tokenForm(body: unknown, req: http.IncomingMessage): Record<string, string | undefined> {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const [basicId, basicSecret] = basic === undefined ? [] : Buffer.from(basic, 'base64').toString('utf8').split(':', 2).map(decodeURIComponent);
  return { grant_type: text('grant_type'), client_id: text('client_id') ?? basicId, client_secret: text('client_secret') ?? basicSecret };
}

function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path[0];
  throw new CscRefusal(400, 'invalid_request', field === undefined ? 'Invalid request' : `Invalid parameter ${String(field)}`);
}

/** A hash as the SAD keeps it: canonical base64 of exactly 32 bytes. */
function canonicalHash(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 32) throw new CscRefusal(400, 'invalid_request', 'Invalid parameter hashes: not SHA-256 hashes');
  return bytes.toString('base64');
}

function sameHashes(given: readonly string[], authorized: readonly string[]): boolean {
  return given.length === authorized.length && [...given].sort().join(',') === [...authorized].sort().join(',');
}

/** Compares without telling by its timing how much of the secret matched. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/** Keeps `value` under `key`, dropping the expired entries and then the oldest beyond MAX_LIVE. */
function remember<V>(map: Map<string, V>, key: string, value: V, nowMs: number, expiresAt: (value: V) => number): void {
  for (const [k, v] of map) if (expiresAt(v) <= nowMs) map.delete(k);
  while (map.size >= MAX_LIVE) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

function sendJson(res: http.ServerResponse, httpStatus: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBytes(res, httpStatus, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body)), headers);
}

function sendBytes(res: http.ServerResponse, httpStatus: number, contentType: string, body: Uint8Array, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(httpStatus, { ...headers, 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}
