/**
 * An RFC 3161 time-stamping client: the `Timestamper` port over HTTP (RFC 3161 §3.4). It posts a
 * TimeStampReq (version 1, a SHA-256 imprint, a fresh nonce, certReq) as `application/timestamp-query` and
 * accepts the reply only when it is granted, its TSTInfo stamps exactly our hash with our nonce, and the
 * token's signature verifies with a certificate for time-stamping that the token carries. Whether that TSA
 * is trusted is the verifier's question (trust anchors), asked when the signature is verified.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { RemoteSignerError, type Timestamper } from '#domain/signing/ports';
import { OID } from '#signature/cms/algorithms';
import { parseSignedData } from '#signature/cms/signed-data';
import { checkTimestamp } from '#signature/cms/timestamp';
import { httpLimits, postBounded, type HttpLimits } from './csc-client.ts';

export interface Rfc3161TimestamperOptions {
  /** The TSA's URL, e.g. `http://tsa.example/tsa`. */
  readonly url: string;
  /** Extra request headers (a TSA's `authorization`); never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The TSA policy to ask for (reqPolicy); default the TSA's own. */
  readonly policy?: string;
  /** Per request; default 15 s. */
  readonly timeoutMs?: number;
  /** Largest reply read; default 1 MiB. */
  readonly maxAnswerBytes?: number;
  readonly fetch?: typeof globalThis.fetch;
}

const SHA256 = '2.16.840.1.101.3.4.2.1';
/** `application/timestamp-response` is what some TSAs still answer (the draft's name). */
const REPLY_TYPES = new Set(['application/timestamp-reply', 'application/timestamp-response']);
const PKI_STATUS = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];
const FAILURE_INFO = new Map([
  [0, 'badAlg'],
  [2, 'badRequest'],
  [5, 'badDataFormat'],
  [14, 'timeNotAvailable'],
  [15, 'unacceptedPolicy'],
  [16, 'unacceptedExtension'],
  [17, 'addInfoNotAvailable'],
  [25, 'systemFailure'],
]);

/**
 * @example
 * const timestamper = new Rfc3161Timestamper({ url: required('TSA_URL') });
 * const token = await timestamper.timestamp(createHash('sha256').update(signatureValue).digest());
 */
export class Rfc3161Timestamper implements Timestamper {
  private readonly limits: HttpLimits;

  constructor(private readonly options: Rfc3161TimestamperOptions) {
    this.limits = httpLimits(options);
  }

  /** The TimeStampToken (DER ContentInfo, exactly as the TSA encoded it) over `hash`, a SHA-256 digest. */
  async timestamp(hash: Uint8Array): Promise<Uint8Array> {
    if (hash.length !== 32) throw new RangeError(`a timestamp is over a SHA-256 hash (32 bytes), not ${hash.length} bytes`);
    const nonce = randomNonce();
    const answer = await postBounded(
      this.options.url,
      {
        headers: { ...this.options.headers, 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: timestampRequest(hash, nonce, this.options.policy),
      },
      this.limits,
      'timestamp',
    );
    if (answer.status < 200 || answer.status > 299) throw new RemoteSignerError(`timestamp: the TSA answered HTTP ${answer.status}`);
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!REPLY_TYPES.has(type)) throw new RemoteSignerError(`timestamp: the TSA answered ${type === '' ? 'no content type' : type}, not application/timestamp-reply`);
    return readTimestampReply(answer.bytes, hash, nonce);
  }
}

/**
 * A DER TimeStampReq (RFC 3161 §2.4.1): version 1, SHA-256 imprint, `nonce` (positive INTEGER content
 * octets), certReq TRUE.
 */
export function timestampRequest(hash: Uint8Array, nonce: Uint8Array, policy?: string): Uint8Array {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: hash }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
    ...(policy === undefined ? {} : { reqPolicy: policy }),
  });
  return new Uint8Array(request.toSchema().toBER());
}

/**
 * Checks a DER TimeStampResp (RFC 3161 §2.4.2) against the request and returns its token's own encoding.
 * Throws `RemoteSignerError` when it is not granted, not readable, or not the answer to this request.
 */
export function readTimestampReply(reply: Uint8Array, hash: Uint8Array, nonce: Uint8Array): Uint8Array {
  const decoded = asn1js.fromBER(reply);
  if (decoded.offset !== reply.length || !(decoded.result instanceof asn1js.Sequence)) throw new RemoteSignerError('timestamp: the reply is not a DER TimeStampResp');
  let response: pkijs.TimeStampResp;
  try {
    response = new pkijs.TimeStampResp({ schema: decoded.result });
  } catch (error) {
    throw new RemoteSignerError('timestamp: the reply is not a TimeStampResp', { cause: error });
  }
  const status = response.status.status;
  if (status !== 0 && status !== 1) throw new RemoteSignerError(`timestamp: the TSA did not grant the request (${describeStatus(response.status)})`);
  const tokenBlock = decoded.result.valueBlock.value[1];
  if (tokenBlock === undefined) throw new RemoteSignerError('timestamp: the TSA granted the request without a token');
  const token = new Uint8Array(tokenBlock.valueBeforeDecodeView);
  const info = tstInfoOf(token);
  const imprint = info.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== SHA256 || !Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(hash)) {
    throw new RemoteSignerError('timestamp: the token stamps another hash than the one asked');
  }
  if (info.nonce === undefined || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce)) {
    throw new RemoteSignerError('timestamp: the token does not carry the nonce of the request');
  }
  const check = checkTimestamp(token, { digest: (name) => (name === 'sha256' ? hash : new Uint8Array(0)), data: () => new Uint8Array(0) });
  if (!check.intact) throw new RemoteSignerError(`timestamp: the token does not verify (${check.problems.join('; ')})`);
  return token;
}

function tstInfoOf(token: Uint8Array): pkijs.TSTInfo {
  try {
    const cms = parseSignedData(token);
    if (cms.eContentType !== OID.tstInfo || cms.eContent === undefined) throw new Error('the token does not encapsulate a TSTInfo');
    return pkijs.TSTInfo.fromBER(cms.eContent);
  } catch (error) {
    throw new RemoteSignerError('timestamp: the token is not a readable TimeStampToken', { cause: error });
  }
}

/** Eight random bytes as a positive DER INTEGER without a leading zero octet. */
function randomNonce(): Uint8Array {
  const nonce = new Uint8Array(randomBytes(8));
  nonce[0] = (nonce[0] ?? 0) & 0x7f || 0x01;
  return nonce;
}

function describeStatus(info: pkijs.PKIStatusInfo): string {
  const parts = [PKI_STATUS[info.status] ?? `status ${info.status}`];
  const bits = info.failInfo === undefined ? [] : bitsOf(info.failInfo);
  parts.push(...bits.map((bit) => FAILURE_INFO.get(bit) ?? `failInfo bit ${bit}`));
  const text = (info.statusStrings ?? []).map((s) => s.valueBlock.value).join(' ');
  if (text !== '')
    parts.push(
      Array.from(text.replace(/[\u0000-\u001f\u007f]+/g, ' '))
        .slice(0, 200)
        .join(''),
    );
  return parts.join(', ');
}

function bitsOf(bitString: asn1js.BitString): number[] {
  const bytes = bitString.valueBlock.valueHexView;
  const bits: number[] = [];
  for (let bit = 0; bit < bytes.length * 8 && bit < 32; bit += 1) if (((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0) bits.push(bit);
  return bits;
}
