import { describe, expect, it } from 'vitest';
import type { PdfSigningEngine, PreparedSignature } from '#domain/signing/engine';
import { DEFAULT_STAMP_PLACEMENT, STAMP_FIELDS } from '#domain/signing/stamp';
import { algorithmOf, signWithKey } from '#signature/dev/cms-builder';
import { appendIncrementalUpdate } from '#signature/dev/pdf-writer';
import { issueCrl, type DevPki, type Identity } from '#signature/dev/pki';
import { samplePdf, SAMPLE_CONTENT_OBJECT } from '#signature/dev/sample-pdf';
import { pdfDict, pdfName, pdfRef, pdfString, type PdfValue } from '#signature/pdf/objects';
import { PdfRevision } from '#signature/pdf/revision';
import { formFields } from '#signature/pdf/form-fields';
import { Budget } from '#signature/limits';
import { createPdfSigningEngine } from '#signature/sign/engine';
import { textFields, updatePdf } from '#signature/sign/pdf-update';
import { textAppearance } from '#signature/sign/text-appearance';
import { verifyPdf } from '#signature/verify';
import { HOUR, NOW, signAs, signer, testPki } from '../signature/fixtures.ts';
import { withFreeTextNote } from '../../support/pdf-edits.ts';

/**
 * The signing engine with keys held here (the dev PKI) in place of a USB token and KMS: the leader's
 * certified signature, then the issue's stamp and seal, and what the verifier accepts after each.
 */
const pki = testPki();
const LATER = new Date(NOW.getTime() + HOUR);
const crl = issueCrl(pki.root, [], new Date(NOW.getTime() - HOUR));
const engine: PdfSigningEngine = createPdfSigningEngine({
  trustAnchors: async () => [pki.root.certificate],
  textAppearance: (request) => textAppearance(request, 1),
});

/** The least a personal signature's preparation needs, for a signer's certificate alone. */
function personal(identity: Identity) {
  return { fieldName: 'f', signerName: 'n', reason: 'r', signingTime: NOW, certificates: [identity.certificate], crls: [], stamp: DEFAULT_STAMP_PLACEMENT };
}

/** Signs a prepared hash as a token or KMS would: the value over the signed attributes. */
function complete(prepared: PreparedSignature, identity: Identity, chain: DevPki): Uint8Array {
  return engine.embed(prepared, {
    signedAttributes: prepared.signedAttributes,
    signature: signWithKey(identity, prepared.signedAttributes),
    algorithm: algorithmOf(identity),
    certificates: [identity.certificate, chain.root.certificate],
  });
}

async function leaderSigned(pdf = samplePdf(['UBND THANH PHO', 'QUYET DINH'])): Promise<Uint8Array> {
  const leader = signer(pki, 'leader');
  const prepared = await engine.preparePersonal(pdf, {
    fieldName: 'vanthu.ky.1',
    signerName: 'Lãnh đạo',
    reason: 'Ký số',
    signingTime: NOW,
    certificates: [leader.certificate, pki.root.certificate],
    crls: [crl],
    stamp: DEFAULT_STAMP_PLACEMENT,
    certificationLevel: 2,
  });
  return complete(prepared, leader, pki);
}

async function issued(pdf: Uint8Array, seal = true): Promise<Uint8Array> {
  const agency = signer(pki, 'agency');
  const prepared = await engine.prepareIssue(pdf, {
    numberLine: 'Số: 15/QĐ-UBND',
    dateLine: 'Hà Nội, ngày 03 tháng 12 năm 2026',
    placement: DEFAULT_STAMP_PLACEMENT,
    signingTime: NOW,
    ...(seal ? { seal: { fieldName: 'vanthu.dau.1', signerName: 'UBND [MẪU]', reason: 'Phát hành', certificates: [agency.certificate, pki.root.certificate], crls: [crl] } } : {}),
  });
  return prepared.seal === undefined ? prepared.bytes : complete({ ...prepared.seal, bytes: prepared.bytes }, agency, pki);
}

const verify = (pdf: Uint8Array) => verifyPdf(pdf, { trustAnchors: [pki.root.certificate], now: LATER });

/** Gives the last field named like the number an appearance and value, as a forger's editor would. */
function refillLast(pdf: Uint8Array, appearance: Awaited<ReturnType<typeof textAppearance>>): Uint8Array {
  const revision = PdfRevision.open(pdf, pdf.length, Budget.forMillis(5000));
  const fields = formFields(revision).filter((field) => field.name === STAMP_FIELDS.number);
  const last = fields.at(-1);
  if (last?.ref === undefined) throw new Error('no field to paint');
  const size = Number(revision.trailer.entries.get('Size'));
  const objects = new Map<number, PdfValue>();
  for (const [num, value] of appearance.objects) objects.set(num + size - 1, value);
  const entries = new Map(last.dict.entries);
  entries.set('V', pdfString(Buffer.from('So: 99')));
  entries.set('AP', pdfDict([['N', pdfRef(appearance.formXObject.num + size - 1)]]));
  objects.set(last.ref.num, { kind: 'dict', entries, start: -1, end: -1 });
  return appendIncrementalUpdate(pdf, objects);
}

/** Fills a text field again in a later incremental update, as an editor would. */
function refill(pdf: Uint8Array, name: string, value: string): Uint8Array {
  return updatePdf(pdf, {
    fillTextFields: [{ name, value, appearance: { objects: new Map([[1, pdfDict([['Type', pdfName('XObject')]])]]), formXObject: pdfRef(1), nextObjectNumber: 2 } }],
  }).bytes;
}

describe("the leader's signature, prepared here and signed where the key is", () => {
  it('certifies the PDF (DocMDP P=2) with the empty number and date fields under it, and passes', async () => {
    // Act
    const signed = await leaderSigned();
    // Assess
    const { report } = await verify(signed);
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.certificationLevel).toBe(2);
    expect([...textFields(signed).keys()]).toEqual([STAMP_FIELDS.number, STAMP_FIELDS.date]);
    expect(textFields(signed).get(STAMP_FIELDS.number)?.value).toBeUndefined();
  });

  it('checks a signature value against the certificate and the prepared attributes', async () => {
    // Prepare
    const leader = signer(pki, 'leader');
    const prepared = await engine.preparePersonal(samplePdf(['X']), personal(leader));
    const value = { signedAttributes: prepared.signedAttributes, algorithm: algorithmOf(leader), certificates: [leader.certificate] };
    // Act
    const good = engine.checkValue({ ...value, signature: signWithKey(leader, prepared.signedAttributes) });
    const otherKey = engine.checkValue({ ...value, signature: signWithKey(signer(pki, 'agency'), prepared.signedAttributes) });
    const otherData = engine.checkValue({ ...value, signature: signWithKey(leader, new Uint8Array([1, 2, 3])) });
    // Assess
    expect([good, otherKey, otherData]).toEqual([true, false, false]);
  });
});

describe('the issue: the number stamp, then the agency seal', () => {
  it('fills the number and date and seals: both signatures pass, the stamp is a form fill', async () => {
    // Prepare
    const signed = await leaderSigned();
    // Act
    const final = await issued(signed);
    // Assess
    const { report } = await verify(final);
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(new Set(report.signatures[0]?.changesAfterSigning.map((c) => c.category))).toEqual(new Set(['form-fill']));
    expect(textFields(final).get(STAMP_FIELDS.number)?.value).toBe('Số: 15/QĐ-UBND');
    expect(textFields(final).get(STAMP_FIELDS.date)?.value).toBe('Hà Nội, ngày 03 tháng 12 năm 2026');
  });

  it('stamps without a seal under the policy "leader": the leader signature still passes', async () => {
    // Act
    const final = await issued(await leaderSigned(), false);
    // Assess
    const { report } = await verify(final);
    expect(report.verdict).toBe('TOTAL_PASSED');
    expect(report.signatures).toHaveLength(1);
  });

  it('adds the fields to a PDF the leader signed elsewhere (no certification) and the leader signature still passes', async () => {
    // Act
    const final = await issued(signAs(pki, 'leader'));
    // Assess
    const { report } = await verify(final);
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  });
});

describe('anything else after the leader signs is TOTAL_FAILED', () => {
  it('an annotation added after the certified leader signature', async () => {
    // Prepare
    const signed = await leaderSigned();
    // Act
    const { report } = await verify(withFreeTextNote(signed, 3));
    // Assess
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expect(report.signatures[0]?.reasons.join(' ')).toContain('DocMDP P=2');
  });

  it('the page content replaced after the leader signature', async () => {
    // Prepare
    const signed = await leaderSigned();
    const content = { kind: 'stream' as const, dict: pdfDict([]), raw: new Uint8Array(Buffer.from('BT /F1 12 Tf 72 700 Td (KHAC) Tj ET', 'latin1')) };
    // Act
    const { report } = await verify(appendIncrementalUpdate(signed, new Map([[SAMPLE_CONTENT_OBJECT, content]])));
    // Assess
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
  });

  it('the number changed after the seal: the seal locks it (FieldMDP) and fails', async () => {
    // Prepare
    const final = await issued(await leaderSigned());
    // Act
    const { report } = await verify(refill(final, STAMP_FIELDS.number, 'Số: 99/QĐ-UBND'));
    // Assess
    expect(report.verdict).toBe('TOTAL_FAILED');
    expect(report.signatures[1]?.indication).toBe('TOTAL_FAILED');
    expect(report.signatures[1]?.reasons.join(' ')).toContain('FieldMDP');
  });

  it('a new form field painted over the page after the certified leader signature (a new widget is not a form fill)', async () => {
    // Prepare
    const signed = await leaderSigned();
    const overlay = await textAppearance({ text: 'Phê duyệt 900 triệu đồng', width: 400, height: 20, fontSize: 12, align: 'left' }, 1);
    // Act
    const forged = updatePdf(signed, {
      addTextFields: [{ name: 'x', page: 1, rect: [70, 745, 470, 765] }],
      fillTextFields: [{ name: 'x', value: ' ', appearance: overlay }],
    }).bytes;
    const { report } = await verify(forged);
    // Assess
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.category)).toContain('new-field');
  });

  it('a second field named like the number, added after the seal, over the first: the seal fails (FieldMDP by name)', async () => {
    // Prepare
    const final = await issued(await leaderSigned());
    const fake = await textAppearance({ text: 'Số: 99/QĐ-UBND', width: 200, height: 20, fontSize: 13, align: 'center' }, 1);
    // Act
    const forged = updatePdf(final, {
      addTextFields: [{ name: STAMP_FIELDS.number, page: 1, rect: DEFAULT_STAMP_PLACEMENT.number }],
    }).bytes;
    const painted = refillLast(forged, fake);
    const { report } = await verify(painted);
    // Assess
    expect(report.signatures[1]?.indication).toBe('TOTAL_FAILED');
    expect(report.signatures[1]?.reasons.join(' ')).toContain('FieldMDP');
  });
});

describe('what vanthu refuses to sign', () => {
  it('a draft that already holds a field named like the number, so that the stamp would go where the drafter put it', async () => {
    // Prepare
    const draft = updatePdf(samplePdf(['QUYET DINH']), { addTextFields: [{ name: STAMP_FIELDS.number, page: 1, rect: [10, 10, 200, 30] }] }).bytes;
    const leader = signer(pki, 'leader');
    // Act
    const attempt = engine.preparePersonal(draft, personal(leader));
    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unprocessable', type: 'pdf-not-signable' });
  });

  it('a stamp on a page the PDF does not have, and a PDF that is not one: 422, not an exception', async () => {
    // Prepare
    const leader = signer(pki, 'leader');
    const request = personal(leader);
    // Act
    const noPage = engine.preparePersonal(samplePdf(['X']), { ...request, stamp: { ...DEFAULT_STAMP_PLACEMENT, page: 9 } });
    const notPdf = engine.preparePersonal(new Uint8Array(Buffer.from('%PDF-1.7 nothing else')), { ...request, stamp: DEFAULT_STAMP_PLACEMENT });
    // Assess
    await expect(noPage).rejects.toMatchObject({ type: 'pdf-not-signable' });
    await expect(notPdf).rejects.toMatchObject({ type: 'pdf-not-signable' });
  });
});
