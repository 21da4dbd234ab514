/**
 * The local KMS, SSM Parameter Store and Secrets Manager behind one HTTP server speaking the AWS JSON 1.1
 * protocol (POST /, `X-Amz-Target: <service>.<Operation>`), so the application's real SDK clients run
 * unchanged with their `endpoint` pointed at it. Requests are not authenticated: it listens on the given
 * (loopback) host only. Development tooling only: production uses the AWS services themselves.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { listenOn } from '../listen.ts';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import * as z from 'zod';
import { kmsState, KmsEmulator } from './kms.ts';
import { AwsJsonError, type AwsJsonService } from './protocol.ts';
import { SecretsEmulator, secretsState } from './secrets.ts';
import { SsmEmulator, ssmState } from './ssm.ts';

export interface AwsJsonEmulator {
  /** Where the SDK clients send requests, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /**
   * Local runtime only: makes an existing private key (RSA 2048 or 3072 bits, or EC P-256) the KMS key
   * `keyId`, replacing any key of that id, and points `aliases` ('alias/...') at it, so the dev CA's agency
   * key signs through KMS Sign. Throws on any other key type or a malformed id or alias.
   */
  importSigningKey(keyId: string, privateKey: KeyObject, aliases?: readonly string[]): void;
  /** How many KMS Sign calls key `keyIdOrAlias` answered since the emulator started (0 for unknown keys). */
  signCount(keyIdOrAlias: string): number;
  /** Stops accepting requests, waits for the state file to be written and frees the port. */
  close(): Promise<void>;
}

const emulatorOptions = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535).optional(),
  dataDir: z.string().min(1).optional(),
});

/** The largest request body read; a secret or message is at most 64 KiB. */
const maxBodyBytes = 1024 * 1024;
const defaultRegion = 'us-east-1';

const persistedState = z.object({ version: z.literal(1), kms: kmsState, ssm: ssmState, secrets: secretsState });

/**
 * Starts the three services on `host` (`port` 0 or absent picks a free port). With `dataDir`, their state
 * (parameters, secrets, KMS keys with their PKCS#8 private keys) is kept in `dataDir/aws-json/state.json`
 * (mode 0600, rewritten atomically after every change) and read back at start; in memory otherwise.
 *
 * @example
 * const emulator = await startAwsJsonEmulator({ host: '127.0.0.1', dataDir: '.data' });
 * const ssm = new SSMClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 */
export async function startAwsJsonEmulator(options: { host: string; port?: number; dataDir?: string }): Promise<AwsJsonEmulator> {
  const { host, port = 0, dataDir } = emulatorOptions.parse(options);
  const stateFile = dataDir === undefined ? undefined : new StateFile(path.join(dataDir, 'aws-json', 'state.json'));
  const saved = await stateFile?.load();
  const kms = new KmsEmulator(saved?.kms);
  const ssm = new SsmEmulator(saved?.ssm);
  const secrets = new SecretsEmulator(saved?.secrets);
  const services: readonly AwsJsonService[] = [kms, ssm, secrets];
  const save = async (): Promise<void> => {
    await stateFile?.save(() => ({ version: 1, kms: kms.snapshot(), ssm: ssm.snapshot(), secrets: secrets.snapshot() }));
  };

  async function answer(req: http.IncomingMessage): Promise<Answer> {
    const target = req.headers['x-amz-target'];
    const [prefix, operationName] = typeof target === 'string' ? target.split('.', 2) : [];
    const service = services.find((candidate) => candidate.targetPrefix === prefix);
    const operation = operationName === undefined ? undefined : service?.operation(operationName);
    if (req.method !== 'POST' || service === undefined || operation === undefined || operationName === undefined) {
      throw new AwsJsonError('UnknownOperationException', `The local AWS emulator does not answer ${req.method} ${String(target)}`);
    }
    try {
      const input = parseBody(await readBody(req));
      const output = await operation(input, { region: regionOf(req.headers.authorization) });
      if (service.mutates(operationName)) await save();
      return { status: 200, body: output };
    } catch (error) {
      if (error instanceof AwsJsonError) throw error;
      process.stderr.write(`aws-json emulator ${String(target)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      throw new AwsJsonError(service.internalErrorType, 'The local AWS emulator failed to answer; see its log.', 500);
    }
  }

  const server = http.createServer((req, res) => {
    answer(req)
      .catch((error: unknown): Answer => {
        if (error instanceof AwsJsonError) return { status: error.status, body: { __type: error.type, message: error.message } };
        return { status: 500, body: { __type: 'InternalFailure', message: String(error) } };
      })
      .then((result) => send(res, result))
      .catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  const boundPort = await listenOn(server, port, host);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    importSigningKey: (keyId, privateKey, aliases) => {
      kms.importSigningKey(keyId, privateKey, aliases);
      save().catch((error: unknown) => process.stderr.write(`aws-json emulator: saving imported key ${keyId}: ${(error as Error).message}\n`));
    },
    signCount: (keyIdOrAlias) => kms.signCount(keyIdOrAlias),
    close: () => {
      closing ??= (async () => {
        await stop(server);
        await stateFile?.settled();
      })();
      return closing;
    },
  };
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

function send(res: http.ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
    // A request cut short (too large) leaves unread bytes on the connection: do not reuse it.
    ...(answer.status === 413 ? { connection: 'close' } : {}),
  });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new AwsJsonError('RequestEntityTooLargeException', `A request body is at most ${maxBodyBytes} bytes`, 413);
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON object of a request body (an empty body is `{}`); SerializationException for anything else. */
function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsJsonError('SerializationException', 'The request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AwsJsonError('SerializationException', 'The request body is not a JSON object');
  return parsed;
}

/** The region of the SigV4 credential scope (`Credential=<key>/<date>/<region>/<service>/aws4_request`). */
function regionOf(authorization: string | undefined): string {
  return /Credential=[^/,]+\/\d{8}\/([a-z0-9-]+)\//.exec(authorization ?? '')?.[1] ?? defaultRegion;
}

/** state.json: read once at start, then rewritten whole (temp file + rename) after each change, one write at a time. */
class StateFile {
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async load(): Promise<z.infer<typeof persistedState> | undefined> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    // A damaged file stops the start: carrying on would overwrite the keys and secrets it still holds.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.file} is not JSON: ${(error as Error).message}`);
    }
    const parsed = persistedState.safeParse(json);
    if (!parsed.success) throw new Error(`${this.file} is not a state file of the local AWS emulator: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Writes the state `snapshot` gives once the writes before it are done (so it is the newest state). */
  save(snapshot: () => z.infer<typeof persistedState>): Promise<void> {
    const written = this.writing.then(() => writeAtomically(this.file, `${JSON.stringify(snapshot())}\n`));
    this.writing = written.catch(() => undefined);
    return written;
  }

  settled(): Promise<void> {
    return this.writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets of the SDK's clients would otherwise hold the server open.
    server.closeIdleConnections();
  });
}
