import { describe, expect, it } from 'vitest';
import { appendIncrementalUpdate } from '#signature/dev/pdf-writer';
import { Budget } from '#signature/limits';
import { dictOf, isArray, pdfArray, pdfDict, pdfName, pdfRef, pdfString, type PdfDict, type PdfValue } from '#signature/pdf/objects';
import { PdfRevision } from '#signature/pdf/revision';
import { signatureFields } from '#signature/pdf/signature-fields';
import { verifyPdfSignatures } from '#signature/verify';
import { HOUR, NOW, signAs, testPki } from './fixtures.ts';

const LATER = new Date(NOW.getTime() + HOUR);
const pki = testPki();
const verify = (pdf: Uint8Array, policy: 'fail' | 'warn' = 'fail') => verifyPdfSignatures(pdf, { trustAnchors: [pki.root.certificate], now: LATER, modificationPolicy: policy });

describe('universal signature forgery', () => {
  it('fails a signature whose /Contents is all zeros', async () => {
    // Prepare
    const pdf = withContents(signAs(pki, 'leader'), () => '0');
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.signatures[0]?.reasons.join()).toContain('/Contents is empty');
  });

  it('fails a signature whose /Contents is garbage', async () => {
    // Prepare
    const pdf = withContents(signAs(pki, 'leader'), (i) => 'f3a9'[i % 4] ?? '0');
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('cannot identify a signer whose certificate is missing from the CMS', async () => {
    // Prepare
    const pdf = signAs(pki, 'leader', { omitSignerCertificate: true });
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', signer: null });
  });
});

describe('changes after signing', () => {
  it('fails a signature whose dictionary is redefined later with another /Reason (spoofing)', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const field = signatureFields(open(signed))[0];
    const forged = withEntries(field?.dict, [['Reason', pdfString(Buffer.from('Approved by the minister'))]]);
    const pdf = appendIncrementalUpdate(signed, new Map([[field?.ref?.num ?? -1, forged]]));
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', modifiedAfterSigning: true });
  });

  it('fails objects appended after the last revision without a cross-reference section', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const pdf = new Uint8Array(Buffer.concat([signed, Buffer.from('4 0 obj\n<< /Length 23 >>\nstream\nBT (FORGED) Tj ET      \nendstream\nendobj\n')]));
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', coversWholeDocument: false, modifiedAfterSigning: true });
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.description).join()).toContain('no cross-reference section lists it');
  });

  it('finds no signature to pass when an update points the trailer at a new document', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const pdf = appendIncrementalUpdate(
      signed,
      new Map<number, PdfValue>([
        [
          50,
          pdfDict([
            ['Type', pdfName('Catalog')],
            ['Pages', pdfRef(51)],
          ]),
        ],
        [
          51,
          pdfDict([
            ['Type', pdfName('Pages')],
            ['Kids', pdfArray([pdfRef(52)])],
            ['Count', 1],
          ]),
        ],
        [
          52,
          pdfDict([
            ['Type', pdfName('Page')],
            ['Parent', pdfRef(51)],
            ['MediaBox', pdfArray([0, 0, 595, 842])],
          ]),
        ],
      ]),
      new Map([['Root', pdfRef(50)]]),
    );
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [], reasons: ['no signature found'] });
  });

  it('fails an update that swaps the catalog but keeps the signature field reachable', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const catalog = dictOf(open(signed).catalog());
    const pdf = appendIncrementalUpdate(signed, new Map<number, PdfValue>([[50, withEntries(catalog, [['OpenAction', pdfRef(3)]])]]), new Map([['Root', pdfRef(50)]]));
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', modifiedAfterSigning: true });
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.description)).toContain('the trailer /Root was changed: the document was replaced');
  });

  it('fails a page added after signing even under the warn policy', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const pdf = appendIncrementalUpdate(
      signed,
      new Map<number, PdfValue>([
        [
          2,
          pdfDict([
            ['Type', pdfName('Pages')],
            ['Kids', pdfArray([pdfRef(3), pdfRef(40)])],
            ['Count', 2],
          ]),
        ],
        [
          40,
          pdfDict([
            ['Type', pdfName('Page')],
            ['Parent', pdfRef(2)],
            ['MediaBox', pdfArray([0, 0, 595, 842])],
          ]),
        ],
      ]),
    );
    // Act
    const report = await verify(pdf, 'warn');
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ category: 'pages', description: 'the signed revision has 1 page(s), the final document 2' }),
    );
  });

  it('accepts a comment annotation added after signing and lists it', async () => {
    // Prepare
    const signed = signAs(pki, 'leader');
    const page = dictOf(open(signed).object(3)?.value ?? null);
    const annots = page?.entries.get('Annots');
    const pdf = appendIncrementalUpdate(
      signed,
      new Map<number, PdfValue>([
        [3, withEntries(page, [['Annots', pdfArray([...(isArray(annots) ? annots.items : []), pdfRef(41)])]])],
        [
          41,
          pdfDict([
            ['Type', pdfName('Annot')],
            ['Subtype', pdfName('Text')],
            ['Rect', pdfArray([10, 10, 30, 30])],
            ['Contents', pdfString(Buffer.from('Da xem'))],
          ]),
        ],
      ]),
    );
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', modifiedAfterSigning: false });
    expect(report.signatures[0]?.changesAfterSigning).toEqual([expect.objectContaining({ category: 'annotation', object: 3 })]);
    expect(report.signatures[0]?.warnings.join()).toContain('annotations were added or changed after signing');
  });
});

describe('certification signatures (DocMDP)', () => {
  it('fails a P=1 certification when another signature is added after it', async () => {
    // Prepare
    const certified = signAs(pki, 'leader', { certificationLevel: 1 });
    const pdf = signAs(pki, 'agency', { pdf: certified });
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures.map((s) => [s.certificationLevel, s.indication])).toEqual([
      [1, 'TOTAL_FAILED'],
      [null, 'TOTAL_PASSED'],
    ]);
    expect(report.signatures[0]?.reasons.join()).toContain('DocMDP P=1');
    expect(report.verdict).toBe('TOTAL_FAILED');
  });

  it('passes a P=2 certification followed by an approval signature', async () => {
    // Prepare
    const pdf = signAs(pki, 'agency', { pdf: signAs(pki, 'leader', { certificationLevel: 2 }) });
    // Act
    const report = await verify(pdf);
    // Assess
    expect(report.signatures.map((s) => [s.certificationLevel, s.indication])).toEqual([
      [2, 'TOTAL_PASSED'],
      [null, 'TOTAL_PASSED'],
    ]);
  });
});

function open(pdf: Uint8Array): PdfRevision {
  return PdfRevision.open(pdf, pdf.length, Budget.forMillis(5_000));
}

function withEntries(dict: PdfDict | undefined, entries: [string, PdfValue][]): PdfDict {
  return pdfDict([...(dict?.entries ?? new Map()), ...entries]);
}

/** Overwrites the hex digits of the first /Contents with `digit(i)`, keeping the length. */
function withContents(pdf: Uint8Array, digit: (i: number) => string): Uint8Array {
  const buffer = Buffer.from(pdf);
  const start = buffer.indexOf('/Contents <', 0, 'latin1') + '/Contents <'.length;
  const end = buffer.indexOf('>', start, 'latin1');
  for (let i = start; i < end; i += 1) buffer[i] = digit(i - start).charCodeAt(0);
  return new Uint8Array(buffer);
}
