import { constants, createHash, createPublicKey, verify as verifySignature, X509Certificate } from 'node:crypto';
import type { PdfSigningEngine, PdfVerification, PreparedSignature, SignatureValue } from '#domain/signing/engine';
import type { SignatureAlgorithm } from '#domain/signing/ports';
import { STAMP_FIELDS, type StampPlacement } from '#domain/signing/stamp';
import { verifyPdf } from '../verify.ts';
import { assembleSignedData, attributesHash, signedAttributes } from './cms.ts';
import { allFields, embedSignature, textFields, updatePdf, type Rect, type TextFieldFill, type TextFieldSpec } from './pdf-update.ts';
import { SigningError } from './errors.ts';
import { UnprocessableError } from '#domain/errors';
import { CmsFormatError } from '../errors.ts';
import type { TextAppearance, TextAppearanceRequest } from './text-appearance.ts';

/**
 * Bytes reserved for a CMS beyond its certificates and CRLs (known when it is prepared): the signed
 * attributes, the signature value and an RFC 3161 token with its own chain and CRL.
 */
const CONTENTS_MARGIN = 24 * 1024;

/** The /Contents to reserve for a CMS carrying these certificates and CRLs, in whole KiB. */
function contentsSize(certificates: readonly Uint8Array[], crls: readonly Uint8Array[]): number {
  const carried = [...certificates, ...crls].reduce((sum, der) => sum + der.length, 0);
  return Math.ceil((carried + CONTENTS_MARGIN) / 1024) * 1024;
}

/** Nghị định 30, Phụ lục I: 13–14 pt; the number upright, the place and date italic. */
const STAMP_FONT_SIZE = 13;

/**
 * The PDF signing engine (layers/signature behind the domain's PdfSigningEngine port): deferred personal
 * signatures, the issue's stamp and seal, verification against the configured trust anchors.
 *
 * @example
 * const engine = createPdfSigningEngine({ trustAnchors: async () => anchors });
 * const prepared = await engine.preparePersonal(pdf, { ... });
 */
export function createPdfSigningEngine(options: {
  readonly trustAnchors: () => Promise<readonly Uint8Array[]>;
  /** Lays out the stamp's text (./text-appearance.ts, an engine of its own: pdfkit and the font). */
  readonly textAppearance: (request: TextAppearanceRequest) => Promise<TextAppearance>;
}): PdfSigningEngine {
  return refusingUnsignable(signingEngine(options));
}

function signingEngine(options: {
  readonly trustAnchors: () => Promise<readonly Uint8Array[]>;
  readonly textAppearance: (request: TextAppearanceRequest) => Promise<TextAppearance>;
}): PdfSigningEngine {
  const fill = async (name: string, value: string, rect: readonly number[], italic: boolean): Promise<TextFieldFill> => {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
    const appearance = await options.textAppearance({ text: value, width: Math.abs(x2 - x1), height: Math.abs(y2 - y1), fontSize: STAMP_FONT_SIZE, align: 'center', italic });
    return { name, value, appearance };
  };
  return {
    async preparePersonal(pdf, request) {
      const existing = stampFieldsOf(pdf);
      if (existing.size > 0 && request.stampFieldsExpected !== true) {
        throw new SigningError('reserved-field', `the PDF already has fields named ${[...existing.keys()].join(', ')}: vanthu writes the number and date there`);
      }
      const addTextFields = existing.has(STAMP_FIELDS.number) ? [] : stampFields(request.stamp);
      const updated = updatePdf(pdf, {
        addTextFields,
        signature: {
          fieldName: request.fieldName,
          subFilter: 'ETSI.CAdES.detached',
          signingTime: request.signingTime,
          name: request.signerName,
          reason: request.reason,
          contentsSize: contentsSize(request.certificates, request.crls),
          ...(request.certificationLevel === undefined ? {} : { certificationLevel: request.certificationLevel }),
        },
      });
      return prepared(updated, request.certificates, request.crls);
    },

    async prepareIssue(pdf, request) {
      const existing = stampFieldsOf(pdf);
      const hasFields = existing.has(STAMP_FIELDS.number) && existing.has(STAMP_FIELDS.date);
      const rects = hasFields
        ? { number: existing.get(STAMP_FIELDS.number)?.rect ?? request.placement.number, date: existing.get(STAMP_FIELDS.date)?.rect ?? request.placement.date }
        : { number: request.placement.number, date: request.placement.date };
      const fills: TextFieldFill[] = [await fill(STAMP_FIELDS.number, request.numberLine, rects.number, false), await fill(STAMP_FIELDS.date, request.dateLine, rects.date, true)];
      const { seal } = request;
      const updated = updatePdf(pdf, {
        // A PDF signed elsewhere has no stamp fields: they are added with the stamp (a new, filled form field).
        addTextFields: hasFields ? [] : stampFields(request.placement),
        fillTextFields: fills,
        ...(seal === undefined
          ? {}
          : {
              signature: {
                fieldName: seal.fieldName,
                subFilter: 'ETSI.CAdES.detached' as const,
                signingTime: request.signingTime,
                name: seal.signerName,
                reason: seal.reason,
                contentsSize: contentsSize(seal.certificates, seal.crls),
                // The number and date written now may never change after the seal.
                lockFields: [STAMP_FIELDS.number, STAMP_FIELDS.date],
              },
            }),
      });
      if (seal === undefined) return { bytes: updated.bytes };
      return { bytes: updated.bytes, seal: prepared(updated, seal.certificates, seal.crls) };
    },

    checkValue(value) {
      const [certificate] = value.certificates;
      if (certificate === undefined) return false;
      try {
        const key = createPublicKey(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'pem' }));
        return verifySignature('sha256', value.signedAttributes, verifyKey(key, value.algorithm), value.signature);
      } catch {
        return false;
      }
    },

    embed(preparedPdf, value) {
      const cms = assembleSignedData({
        signedAttributes: value.signedAttributes,
        signature: value.signature,
        algorithm: value.algorithm,
        certificates: value.certificates,
        ...(value.timestampToken === undefined ? {} : { timestampToken: value.timestampToken }),
      });
      return embedSignature(preparedPdf.bytes, preparedPdf.hole, cms);
    },

    embedCms(preparedPdf, cms) {
      return embedSignature(preparedPdf.bytes, preparedPdf.hole, cms);
    },

    async verify(pdf, now): Promise<PdfVerification> {
      const { report, evidence } = await verifyPdf(pdf, { trustAnchors: [...(await options.trustAnchors())], now });
      return { verdict: report.verdict, report: report as unknown as PdfVerification['report'], evidence: evidence as unknown as Record<string, unknown> };
    },

    describeCertificate(certificate) {
      const x509 = new X509Certificate(certificate);
      const commonName = /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1] ?? x509.subject;
      return {
        commonName,
        sha256: createHash('sha256').update(certificate).digest('hex'),
        notAfter: new Date(x509.validTo).toISOString(),
        algorithms: algorithmsOf(x509),
      };
    },
  };
}

/**
 * The engine whose refusals of a PDF (unreadable, encrypted, no such page, reserved fields, a placement the
 * text cannot fit, a CMS that does not fit its hole) are 422 `pdf-not-signable` in words a clerk reads.
 */
function refusingUnsignable(engine: PdfSigningEngine): PdfSigningEngine {
  const refuse = (error: unknown): never => {
    if (error instanceof SigningError || error instanceof RangeError || error instanceof CmsFormatError) {
      throw new UnprocessableError('pdf-not-signable', `Không ký được tệp PDF này: ${error.message}.`, { details: { reason: error.message }, cause: error });
    }
    throw error;
  };
  return {
    ...engine,
    preparePersonal: (pdf, request) => engine.preparePersonal(pdf, request).catch(refuse),
    prepareIssue: (pdf, request) => engine.prepareIssue(pdf, request).catch(refuse),
    embed: (prepared, value) => {
      try {
        return engine.embed(prepared, value);
      } catch (error) {
        return refuse(error);
      }
    },
    embedCms: (prepared, cms) => {
      try {
        return engine.embedCms(prepared, cms);
      } catch (error) {
        return refuse(error);
      }
    },
  };
}

/** The number and date fields a PDF already has; throws when one is there twice or is not a text field. */
function stampFieldsOf(pdf: Uint8Array): ReadonlyMap<string, { readonly rect: Rect; readonly value?: string }> {
  const names: string[] = [STAMP_FIELDS.number, STAMP_FIELDS.date];
  const all = allFields(pdf).filter((field) => names.includes(field.name));
  for (const name of names) {
    if (all.filter((field) => field.name === name).length > 1) throw new SigningError('reserved-field', `the PDF has the field ${name} twice`);
  }
  const text = textFields(pdf);
  const found = new Map<string, { readonly rect: Rect; readonly value?: string }>();
  for (const field of all) {
    const entry = text.get(field.name);
    if (entry === undefined) throw new SigningError('reserved-field', `the field ${field.name} is not a text field`);
    found.set(field.name, entry);
  }
  return found;
}

function stampFields(placement: StampPlacement): TextFieldSpec[] {
  return [
    { name: STAMP_FIELDS.number, page: placement.page, rect: placement.number },
    { name: STAMP_FIELDS.date, page: placement.page, rect: placement.date },
  ];
}

function prepared(updated: ReturnType<typeof updatePdf>, certificates: readonly Uint8Array[], crls: readonly Uint8Array[]): PreparedSignature {
  const slot = updated.signature;
  const [signer] = certificates;
  if (slot === undefined || signer === undefined) throw new Error('a signature slot needs a signer certificate');
  const attributes = signedAttributes({ digest: slot.digest, signerCertificate: signer, crls });
  return { bytes: updated.bytes, hole: slot.hole, signedAttributes: attributes, hash: attributesHash(attributes), documentDigest: slot.digest };
}

/** How a key of this certificate signs: RSA (PKCS#1 v1.5 first) or ECDSA on P-256. */
function algorithmsOf(certificate: X509Certificate): SignatureAlgorithm[] {
  const key = certificate.publicKey;
  if (key.asymmetricKeyType === 'rsa') return ['rsa-pkcs1-sha256', 'rsa-pss-sha256'];
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ['ecdsa-sha256'];
  return [];
}

function verifyKey(key: ReturnType<typeof createPublicKey>, algorithm: SignatureAlgorithm) {
  switch (algorithm) {
    case 'rsa-pkcs1-sha256':
      return key;
    case 'rsa-pss-sha256':
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    case 'ecdsa-sha256':
      return { key, dsaEncoding: 'der' as const };
  }
}

export type { SignatureValue };
