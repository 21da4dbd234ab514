/**
 * Hostile and broken input to the verifier. One test (the time budget) reads a large file of the public
 * corpus in ../shared/fixtures, outside the repository: without it that test is skipped with a message.
 */
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '#signature/verify';
import { itWithFixtures } from '../../support/shared-fixtures.ts';
import { corpusFile, HOUR, NOW, signAs, testPki } from './fixtures.ts';

const LATER = new Date(NOW.getTime() + HOUR);
const pki = testPki();
const signed = signAs(pki, 'leader');
const [holeStart, holeEnd] = hole(signed);
const verify = (pdf: Uint8Array, limits: { maxBytes?: number; maxMillis?: number } = {}) =>
  verifyPdfSignatures(pdf, { trustAnchors: [pki.root.certificate], now: LATER, ...limits });

describe('hostile and broken input', () => {
  it('starts from a file that passes', async () => {
    // Assess
    expect((await verify(signed)).verdict).toBe('TOTAL_PASSED');
  });

  it('never passes once any signed byte (outside the /Contents hole) is changed', async () => {
    // Prepare
    const outsideHole = fc.oneof(fc.integer({ min: 0, max: holeStart - 1 }), fc.integer({ min: holeEnd, max: signed.length - 1 }));
    // Act + Assess
    await fc.assert(
      fc.asyncProperty(outsideHole, fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const copy = Uint8Array.from(signed);
        copy[at] = ((copy[at] ?? 0) + delta) & 0xff;
        expect((await verify(copy)).verdict).not.toBe('TOTAL_PASSED');
      }),
      { numRuns: 200 },
    );
  });

  it('gives a verdict, never an exception, for any byte changed inside the hole', async () => {
    // Act + Assess
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: holeStart, max: holeEnd - 1 }), fc.integer({ min: 0, max: 255 }), async (at, value) => {
        const copy = Uint8Array.from(signed);
        copy[at] = value;
        const report = await verify(copy);
        expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).toContain(report.verdict);
      }),
      { numRuns: 100 },
    );
  });

  it('gives INDETERMINATE or TOTAL_FAILED with a reason for random bytes', async () => {
    // Act + Assess
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const report = await verify(bytes);
        expect(report.verdict).not.toBe('TOTAL_PASSED');
        expect(report.reasons.length + report.signatures.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never passes a truncated file', async () => {
    // Act + Assess
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: signed.length - 2 }), async (length) => {
        expect((await verify(signed.subarray(0, length))).verdict).not.toBe('TOTAL_PASSED');
      }),
      { numRuns: 100 },
    );
  });

  it('fails a ByteRange with numbers far beyond the file', async () => {
    // Prepare
    const text = Buffer.from(signed).toString('latin1');
    const declared = /\/ByteRange \[[^\]]*\]/.exec(text)?.[0] ?? '';
    const huge = Buffer.from(text.replace(declared, '/ByteRange [0 99999999999999999999 99999999999999999999 1]'.padEnd(declared.length)), 'latin1');
    // Act
    const report = await verify(new Uint8Array(huge));
    // Assess
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('stops on deeply nested objects with a reason', async () => {
    // Prepare
    const deep = pdfWithCatalog(`<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(100_000)} >>`);
    // Act
    const report = await verify(deep);
    // Assess
    expect(report.verdict).toBe('INDETERMINATE');
    expect(report.reasons[0]).toContain('nested deeper than 128 levels');
  });

  it('does not loop on a cross-reference chain whose /Prev points to itself', async () => {
    // Prepare
    const body = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
    const xrefAt = body.length;
    const loop = `${body}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R /Prev ${xrefAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    // Act
    const report = await verify(new Uint8Array(Buffer.from(loop, 'latin1')));
    // Assess
    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [], reasons: ['no signature found'] });
  });

  it('refuses to inflate a stream beyond the decoded-size limit (zip bomb)', async () => {
    // Prepare: the DSS certificate streams are inflated while reading validation data.
    const bomb = deflateSync(Buffer.alloc(80 * 2 ** 20));
    const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /DSS << /Certs [2 0 R] >> >>\nendobj\n';
    const stream = Buffer.concat([Buffer.from(`2 0 obj\n<< /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, Buffer.from('\nendstream\nendobj\n')]);
    const xrefAt = head.length + stream.length;
    const tail = `xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n${String(head.length).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    // Act
    const report = await verify(new Uint8Array(Buffer.concat([Buffer.from(head), stream, Buffer.from(tail)])));
    // Assess
    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [] });
    expect(report.reasons[0]).toContain('inflates to more than');
  });

  it('refuses a file above maxBytes without reading it', async () => {
    // Act
    const report = await verify(signed, { maxBytes: 1000 });
    // Assess
    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [] });
    expect(report.reasons[0]).toContain('more than the limit of 1000');
  });

  itWithFixtures('stops when the time budget is spent', async () => {
    // Prepare
    const big = corpusFile('attacks/annotation-and-visible-change.pdf');
    // Act
    const report = await verify(big, { maxMillis: 1 });
    // Assess
    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [] });
    expect(report.reasons[0]).toContain('longer than the allowed time');
  });
});

function hole(pdf: Uint8Array): [number, number] {
  const match = /\/ByteRange \[0 (\d+) (\d+)/.exec(Buffer.from(pdf).toString('latin1'));
  return [Number(match?.[1]), Number(match?.[2])];
}

function pdfWithCatalog(catalog: string): Uint8Array {
  const body = `%PDF-1.7\n1 0 obj\n${catalog}\nendobj\n`;
  return new Uint8Array(
    Buffer.from(`${body}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1'),
  );
}
