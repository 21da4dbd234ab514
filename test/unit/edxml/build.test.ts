import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildEdoc, buildEdocToBuffer, buildStatus, EDXML_NAMESPACE, EdxmlError, type AttachmentDigest } from '#edxml/index';
import { sampleEdoc, sampleStatus as status } from './samples.ts';

describe('buildEdoc', () => {
  it('writes the explicit edXML: prefix on every element and declares the QCVN 102 namespace once', async () => {
    // Act
    const xml = (
      await buildEdocToBuffer({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a.pdf', contentType: 'application/pdf', payload: Buffer.from('%PDF') }] })
    ).toString();
    // Assess
    const tags = [...xml.matchAll(/<\/?([A-Za-z][\w:.-]*)/g)].map((m) => m[1]);
    expect(tags.length).toBeGreaterThan(40);
    expect(tags.filter((t) => !t?.startsWith('edXML:'))).toEqual([]);
    expect(xml.match(/xmlns:edXML="([^"]+)"/g)).toEqual([`xmlns:edXML="${EDXML_NAMESPACE}"`]);
  });

  it('escapes text: no raw < & > in element content, quotes kept as they are', async () => {
    // Act
    const xml = (await buildEdocToBuffer(sampleEdoc)).toString();
    // Assess
    expect(xml).toContain('<edXML:Subject>V/v "thử" &lt;nghiệm&gt; &amp; kiểm tra \'liên thông\'</edXML:Subject>');
  });

  it('writes dates as YYYY/MM/DD and timestamps as Vietnam wall time', async () => {
    // Act
    const xml = (await buildEdocToBuffer(sampleEdoc)).toString();
    // Assess
    expect(xml).toContain('<edXML:PromulgationDate>2026/01/05</edXML:PromulgationDate>');
    expect(xml).toContain('<edXML:Timestamp>2026/01/05 08:02:03</edXML:Timestamp>');
  });

  it('streams an attachment given as async chunks, base64 in pieces, and reports its SHA-256', async () => {
    // Prepare
    const chunks = Array.from({ length: 40 }, (_, i) => new Uint8Array(100_001).fill(i));
    async function* payload(): AsyncGenerator<Uint8Array> {
      yield* chunks;
    }
    const digests: AttachmentDigest[] = [];
    const out: Uint8Array[] = [];
    // Act
    for await (const c of buildEdoc(
      { ...sampleEdoc, attachments: [{ contentId: 'cid:big', attachmentName: 'big.bin', contentType: 'application/octet-stream', payload: payload() }] },
      { onAttachment: (d) => digests.push(d) },
    ))
      out.push(c);
    // Assess
    const whole = Buffer.concat(chunks);
    expect(out.length).toBeGreaterThan(20);
    expect(Math.max(...out.map((c) => c.length))).toBeLessThan(1024 * 1024);
    expect(Buffer.concat(out).toString()).toContain(`<edXML:ContentTransferEncoded>${whole.toString('base64')}</edXML:ContentTransferEncoded>`);
    expect(digests).toEqual([{ contentId: 'cid:big', size: whole.length, sha256: createHash('sha256').update(whole).digest('hex') }]);
  });

  it('refuses, by default, a package that breaks QCVN 102, listing every problem', () => {
    // Prepare
    const messy = { ...sampleEdoc, to: [{ organId: '28.22.H17' }], code: { codeNumber: 'abc', codeNotation: 'QĐ-UBND' } };
    // Act
    let refusal: unknown;
    try {
      buildEdoc(messy);
    } catch (error) {
      refusal = error;
    }
    // Assess
    expect(refusal).toBeInstanceOf(EdxmlError);
    expect(refusal).toMatchObject({
      reason: 'invalid-model',
      issues: expect.arrayContaining(['organ-id-notation', 'code-number-not-numeric', 'document-id-mismatch'].map((code) => expect.objectContaining({ code }))),
    });
  });

  it('builds the same messy package when asked to be lenient', async () => {
    // Act
    const xml = (await buildEdocToBuffer({ ...sampleEdoc, to: [{ organId: '28.22.H17' }] }, { strict: false })).toString();
    // Assess
    expect(xml).toContain('<edXML:OrganId>28.22.H17</edXML:OrganId>');
  });

  it('refuses input the model cannot carry, whatever the strictness', () => {
    // Act + Assess
    expect(() => buildEdoc({ ...sampleEdoc, documentId: '  ' }, { strict: false })).toThrow(/documentId/);
    expect(() => buildEdoc({ ...sampleEdoc, subject: 'bell \u0007' }, { strict: false })).toThrow(/XML 1.0 cannot carry/);
    expect(() => buildEdoc({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y', payload: 'text' as never }] })).toThrow(/payload must be/);
  });
});

describe('buildStatus', () => {
  it('writes a status package with the two-digit code and the reason', () => {
    // Act
    const xml = buildStatus(status);
    // Assess
    expect(xml).not.toContain('<edXML:Status>');
    expect(xml).not.toContain('edXMLBody');
    expect(xml).toContain('<edXML:MessageHeader>');
    expect(xml).toContain('<edXML:StatusCode>02</edXML:StatusCode>');
    expect(xml).toContain('<edXML:Description>Gửi nhầm đơn vị</edXML:Description>');
    expect(xml).toContain('<edXML:Timestamp>2026/01/06 08:00:00</edXML:Timestamp>');
  });

  it('refuses a 02 (rejected) without a reason, or with one over 1,000 characters', () => {
    // Act + Assess
    expect(() => buildStatus({ ...status, description: undefined })).toThrow(/status 02 \(rejected\) requires a reason/);
    expect(() => buildStatus({ ...status, description: 'x'.repeat(1001) })).toThrow(/1001 characters, the standard allows 1000/);
  });

  it('refuses a status code QCVN 102 does not define', () => {
    // Act + Assess
    expect(() => buildStatus({ ...status, statusCode: '07' as never })).toThrow(/statusCode/);
  });
});
