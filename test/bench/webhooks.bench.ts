/**
 * Standard Webhooks verification on one core: full `verifyWebhook` (header parsing, window, signature,
 * constant-time compare) beside the bare primitive over the same signed content, so the ratio shows what
 * the library adds. 1 KB JSON body; keys generated at run time.
 */
import { createHmac, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { parseBoundedJson } from '#webhooks/bounded-json';
import { signWebhook } from '#webhooks/sign';
import { verifyWebhook } from '#webhooks/verify';
import type { BenchSection } from './run.ts';

const SECONDS_PER_CASE = 2;

export async function run(): Promise<BenchSection> {
  const now = new Date();
  const timestamp = Math.floor(now.getTime() / 1000);
  const rawBody = new TextEncoder().encode(JSON.stringify({ kind: 'status', documentId: 'doc-1', note: 'x'.repeat(960) }).slice(0, 1024));
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]);
  const secrets = [randomBytes(32), randomBytes(32), randomBytes(32)];
  const [secret = randomBytes(32)] = secrets;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  const v1 = { ...signWebhook({ id, timestamp, rawBody, hmacSecrets: [secret] }) };
  const v1a = { ...signWebhook({ id, timestamp, rawBody, ed25519PrivateKeys: [privateKey] }) };
  const lastOfThree = { ...signWebhook({ id, timestamp, rawBody, hmacSecrets: [secrets[2] ?? secret] }) };
  const v1aSignature = Buffer.from(v1a['webhook-signature'].slice('v1a,'.length), 'base64');
  const oneKey = { hmacSecrets: [secret], ed25519PublicKeys: [publicKey] };
  const deep = new TextEncoder().encode('['.repeat(100_000) + ']'.repeat(100_000));

  const rawHmac = measure(() => createHmac('sha256', secret).update(content).digest());
  const verifyV1 = measure(() => expectOk(verifyWebhook({ headers: v1, rawBody, keys: oneKey, now })));
  const rotation = measure(() => expectOk(verifyWebhook({ headers: lastOfThree, rawBody, keys: { hmacSecrets: secrets, ed25519PublicKeys: [] }, now })));
  const rawEd25519 = measure(() => verify(null, content, publicKey, v1aSignature));
  const verifyV1a = measure(() => expectOk(verifyWebhook({ headers: v1a, rawBody, keys: oneKey, now })));
  const deepRefusal = measure(() => refusedDeep(deep));

  return {
    title: 'Standard Webhooks verification (1 KB body, one core)',
    rows: [
      row('raw HMAC-SHA256 of `{id}.{ts}.{body}`', rawHmac, rawHmac),
      row('verifyWebhook v1 (1 active secret)', verifyV1, rawHmac),
      row('verifyWebhook v1, matching 3rd of 3 secrets', rotation, rawHmac),
      row('raw Ed25519 verify of the same content', rawEd25519, rawEd25519),
      row('verifyWebhook v1a (1 active key)', verifyV1a, rawEd25519),
      row('parseBoundedJson refusing 100,000 nested `[`', deepRefusal, deepRefusal),
    ],
    notes: [
      `Each case runs ${SECONDS_PER_CASE} s after a warm-up, on the main thread (one core).`,
      '"vs primitive" is the rate relative to the bare primitive of its section (raw HMAC for v1, raw Ed25519 verify for v1a).',
    ],
  };
}

interface Rate {
  readonly perSecond: number;
}

function measure(operation: () => unknown): Rate {
  const deadline = (ms: number) => performance.now() + ms;
  for (const end = deadline(300); performance.now() < end; ) operation();
  let count = 0;
  const started = performance.now();
  for (const end = deadline(SECONDS_PER_CASE * 1000); performance.now() < end; count += 100) {
    for (let i = 0; i < 100; i++) operation();
  }
  return { perSecond: count / ((performance.now() - started) / 1000) };
}

function row(name: string, rate: Rate, primitive: Rate): Record<string, string | number> {
  return {
    case: name,
    'ops/s': Math.round(rate.perSecond).toLocaleString('en-US'),
    'µs/op': (1e6 / rate.perSecond).toFixed(2),
    'vs primitive': (rate.perSecond / primitive.perSecond).toFixed(2),
  };
}

function expectOk(result: ReturnType<typeof verifyWebhook>): void {
  if (!result.ok) throw new Error(`bench delivery refused: ${result.reason}`);
}

function refusedDeep(raw: Uint8Array): void {
  try {
    parseBoundedJson(raw, { maxDepth: 64, maxBytes: 1024 * 1024 });
  } catch {
    return;
  }
  throw new Error('100,000 nested brackets were accepted');
}
