import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError } from '../errors.ts';
import { OID } from './algorithms.ts';

/** A CMS SignedData (RFC 5652 §5) with the exact encodings of its certificates and revocation data. */
export interface ParsedSignedData {
  readonly signedData: pkijs.SignedData;
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
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new CmsFormatError(`CMS is not valid BER: ${parsed.result.error}`);
  const trailingData = bytes.subarray(parsed.offset).some((b) => b !== 0);
  let signedData: pkijs.SignedData;
  let contentInfo: pkijs.ContentInfo;
  try {
    contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new CmsFormatError(`CMS content type ${contentInfo.contentType} is not SignedData`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    if (error instanceof CmsFormatError) throw error;
    throw new CmsFormatError(`CMS SignedData does not decode: ${(error as Error).message}`, { cause: error });
  }
  const fields = sequenceItems(contentInfo.content);
  const certificates = tagged(fields, 0).filter(isUniversalSequence).map(encoding);
  const revocation = tagged(fields, 1);
  const crls = revocation.filter(isUniversalSequence).map(encoding);
  const ocspResponses = revocation.filter((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 1).flatMap(otherRevocationOcsp);
  const eContent = signedData.encapContentInfo.eContent;
  return {
    signedData,
    certificates,
    crls,
    ocspResponses,
    eContentType: signedData.encapContentInfo.eContentType,
    eContent: eContent === undefined ? undefined : octets(eContent),
    trailingData,
  };
}

/** The bytes of an OCTET STRING, joining the segments of a constructed (BER) one. */
export function octets(value: asn1js.OctetString): Uint8Array {
  if (!value.idBlock.isConstructed) return new Uint8Array(value.valueBlock.valueHexView);
  const parts = value.valueBlock.value.filter((part): part is asn1js.OctetString => part instanceof asn1js.OctetString).map(octets);
  return new Uint8Array(Buffer.concat(parts));
}

function sequenceItems(block: unknown): asn1js.AsnType[] {
  if (!(block instanceof asn1js.Sequence)) throw new CmsFormatError('SignedData is not a SEQUENCE');
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
