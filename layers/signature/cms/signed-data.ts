import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError } from '../errors.ts';
import { OID } from './algorithms.ts';

/** A CMS SignedData (RFC 5652 §5) with the exact encodings of its certificates and revocation data. */
export interface ParsedSignedData {
  readonly signerInfos: readonly pkijs.SignerInfo[];
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  /** OCSPResponse encodings carried as OtherRevocationInfoFormat (RFC 5940). */
  readonly ocspResponses: readonly Uint8Array[];
  readonly eContentType: string;
  /** Encapsulated content: absent for detached PDF signatures, the TSTInfo for timestamps. */
  readonly eContent: Uint8Array | undefined;
  /** Non-zero bytes after the CMS inside /Contents (zero padding is normal). */
  readonly trailingData: boolean;
}

/**
 * Decodes a ContentInfo holding SignedData. Exact certificate bytes are taken from the encoding itself,
 * not re-encoded, because signing-certificate attributes and evidence hash them.
 *
 * @example
 * const cms = parseSignedData(signature.contents.bytes);
 */
export function parseSignedData(bytes: Uint8Array): ParsedSignedData {
  const known = parsedBefore.get(bytes);
  if (known instanceof CmsFormatError) throw known;
  if (known !== undefined) return known;
  try {
    const result = decode(bytes);
    parsedBefore.set(bytes, result);
    return result;
  } catch (error) {
    if (error instanceof CmsFormatError) parsedBefore.set(bytes, error);
    throw error;
  }
}

/** The same /Contents is read by the certificate pool and by its signature's check: decode it once. */
const parsedBefore = new WeakMap<Uint8Array, ParsedSignedData | CmsFormatError>();

/**
 * Walks the encoding with asn1js and lets pkijs decode only the SignerInfos: pkijs's full SignedData
 * schema also decodes every embedded certificate, which costs more than the whole PDF parse.
 */
function decode(bytes: Uint8Array): ParsedSignedData {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new CmsFormatError(`CMS is not valid BER: ${parsed.result.error}`);
  const trailingData = bytes.subarray(parsed.offset).some((b) => b !== 0);
  const [contentType, wrapped] = sequenceItems(parsed.result, 'ContentInfo');
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.signedData) throw new CmsFormatError('CMS content type is not SignedData');
  if (!(wrapped instanceof asn1js.Constructed) || wrapped.idBlock.tagClass !== 3 || wrapped.idBlock.tagNumber !== 0) throw new CmsFormatError('ContentInfo has no [0] content');
  const fields = sequenceItems(wrapped.valueBlock.value[0], 'SignedData');
  if (!(fields[0] instanceof asn1js.Integer) || !(fields[1] instanceof asn1js.Set)) throw new CmsFormatError('SignedData does not start with version and digestAlgorithms');
  const [eContentType, eContentHolder] = sequenceItems(fields[2], 'EncapsulatedContentInfo');
  if (!(eContentType instanceof asn1js.ObjectIdentifier)) throw new CmsFormatError('EncapsulatedContentInfo has no content type');
  const eContentValue = eContentHolder instanceof asn1js.Constructed ? eContentHolder.valueBlock.value[0] : undefined;
  const infos = fields[fields.length - 1];
  if (!(infos instanceof asn1js.Set)) throw new CmsFormatError('SignedData has no SignerInfos SET');
  let signerInfos: pkijs.SignerInfo[];
  try {
    signerInfos = infos.valueBlock.value.map((schema) => new pkijs.SignerInfo({ schema }));
  } catch (error) {
    throw new CmsFormatError(`a SignerInfo does not decode: ${(error as Error).message}`, { cause: error });
  }
  const revocation = tagged(fields, 1);
  return {
    signerInfos,
    certificates: tagged(fields, 0).filter(isUniversalSequence).map(encoding),
    crls: revocation.filter(isUniversalSequence).map(encoding),
    ocspResponses: revocation.filter((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 1).flatMap(otherRevocationOcsp),
    eContentType: eContentType.valueBlock.toString(),
    eContent: eContentValue instanceof asn1js.OctetString ? octets(eContentValue) : undefined,
    trailingData,
  };
}

/** The bytes of an OCTET STRING, joining the segments of a constructed (BER) one. */
export function octets(value: asn1js.OctetString): Uint8Array {
  if (!value.idBlock.isConstructed) return new Uint8Array(value.valueBlock.valueHexView);
  const parts = value.valueBlock.value.filter((part): part is asn1js.OctetString => part instanceof asn1js.OctetString).map(octets);
  return new Uint8Array(Buffer.concat(parts));
}

function sequenceItems(block: unknown, what: string): asn1js.AsnType[] {
  if (!(block instanceof asn1js.Sequence)) throw new CmsFormatError(`${what} is not a SEQUENCE`);
  return block.valueBlock.value;
}

function tagged(items: asn1js.AsnType[], tag: number): asn1js.AsnType[] {
  const found = items.find((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === tag);
  return found instanceof asn1js.Constructed ? found.valueBlock.value : [];
}

function isUniversalSequence(item: asn1js.AsnType): boolean {
  return item.idBlock.tagClass === 1 && item.idBlock.tagNumber === 16;
}

function encoding(item: asn1js.AsnType): Uint8Array {
  return new Uint8Array(item.valueBeforeDecodeView);
}

function otherRevocationOcsp(item: asn1js.AsnType): Uint8Array[] {
  if (!(item instanceof asn1js.Constructed)) return [];
  const [format, value] = item.valueBlock.value;
  if (!(format instanceof asn1js.ObjectIdentifier) || format.valueBlock.toString() !== OID.ocspResponseFormat || value === undefined) return [];
  return [encoding(value)];
}
