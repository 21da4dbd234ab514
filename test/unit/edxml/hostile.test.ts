import { describe, expect, it } from 'vitest';
import { buildEdocToBuffer, EDXML_NAMESPACE, EdxmlError, parseEdxml, type EdxmlErrorReason, type ParseOptions } from '#edxml/index';
import type { EdxmlInput } from '#edxml/parse';
import { sampleEdoc } from './samples.ts';

async function refusal(input: EdxmlInput, options?: ParseOptions): Promise<EdxmlError> {
  try {
    await parseEdxml(input, options);
  } catch (error) {
    if (error instanceof EdxmlError) return error;
    throw error;
  }
  throw new Error('the package was accepted');
}

async function expectRefused(input: EdxmlInput, reason: EdxmlErrorReason, options?: ParseOptions): Promise<EdxmlError> {
  const error = await refusal(input, options);
  expect(error.reason).toBe(reason);
  return error;
}

/** A minimal valid package with `inner` spliced into the Subject element. */
function withSubject(inner: string): string {
  return (
    `<edXML xmlns="${EDXML_NAMESPACE}"><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>000.00.00.H26</OrganId></From>` +
    `<DocumentId>000.00.00.H26,2026/01/05,15/QĐ-UBND</DocumentId><Subject>${inner}</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`
  );
}

describe('hostile XML is refused before it can hurt', () => {
  it('XXE: a DOCTYPE with an external entity is refused; the file is never read', async () => {
    // Prepare
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${withSubject('&xxe;')}`;
    // Act
    const error = await expectRefused(xxe, 'doctype-forbidden');
    // Assess
    expect(error.message).not.toContain('root:');
  });

  it('a DOCTYPE naming an external DTD is refused', async () => {
    // Act + Assess
    await expectRefused(`<!DOCTYPE edXML SYSTEM "file:///etc/passwd">${withSubject('x')}`, 'doctype-forbidden');
  });

  it('billion laughs: refused at once, no expansion', async () => {
    // Prepare
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>${withSubject('&lol9;')}`;
    const started = performance.now();
    // Act
    await expectRefused(bomb, 'doctype-forbidden');
    // Assess
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an entity reference without a DOCTYPE is malformed (only the five XML entities exist)', async () => {
    // Act + Assess
    await expectRefused(withSubject('&nbsp;'), 'malformed');
  });

  it('10,000-deep nesting stops at the depth limit', async () => {
    // Act
    const error = await expectRefused(withSubject(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`), 'too-deep');
    // Assess
    expect(error.message).toContain('32 levels');
  });

  it('an oversize header field is refused, as is an oversize attribute or a long run without markup', async () => {
    // Act + Assess
    await expectRefused(withSubject('x'.repeat(100_001)), 'field-too-long');
    await expectRefused(withSubject('ab'.repeat(600)), 'field-too-long', { limits: { maxFieldChars: 1000 } });
    await expectRefused(withSubject(`<b c="${'x'.repeat(200_000)}"/>`), 'field-too-long');
  });

  it('indentation between thousands of elements is not a long field', async () => {
    // Prepare
    const places = Array.from({ length: 8000 }, (_, i) => `\n            <Place>Nơi nhận ${i}</Place>`).join('');
    const xml = withSubject('x').replace('</MessageHeader>', `<ToPlaces>${places}\n        </ToPlaces></MessageHeader>`);
    // Act
    const parsed = await parseEdxml(xml);
    // Assess
    expect(parsed).toMatchObject({ kind: 'edoc' });
    expect(parsed.kind === 'edoc' ? parsed.toPlaces.length : 0).toBe(8000);
  });

  it('too many elements, too many bytes', async () => {
    // Act + Assess
    await expectRefused(withSubject('<b/>'.repeat(60_000)), 'too-many-elements');
    await expectRefused(withSubject('x'), 'too-large', { limits: { maxBytes: 100 } });
  });
});

describe('packages that cannot be processed are refused with a reason', () => {
  it('wrong namespace: the root, or an edXML prefix bound to another namespace', async () => {
    // Act + Assess
    await expectRefused(withSubject('x').replace(EDXML_NAMESPACE, 'urn:other'), 'wrong-namespace');
    const soapish = '<edXML:Status xmlns:edXML="http://schemas.xmlsoap.org/soap/envelope/"><edXML:StatusCode>01</edXML:StatusCode></edXML:Status>';
    await expectRefused(soapish, 'wrong-namespace');
  });

  it('an element prefix that is never declared is malformed (edXML: itself is read as QCVN 102, see parse.test.ts)', async () => {
    // Act + Assess
    await expectRefused('<x:edXML><x:edXMLEnvelope/></x:edXML>', 'malformed');
    await expectRefused('<edXML:edXML><edXML:edXMLEnvelope/></edXML:edXML>', 'not-edxml');
  });

  it('truncated packages, in the header or inside an attachment payload (whose sink is aborted)', async () => {
    // Prepare
    const xml = await buildEdocToBuffer({
      ...sampleEdoc,
      attachments: [{ contentId: 'cid:1', attachmentName: 'a.bin', contentType: 'application/octet-stream', payload: new Uint8Array(30_000).fill(7) }],
    });
    const payloadAt = xml.indexOf('ContentTransferEncoded>') + 5_000;
    const events: string[] = [];
    const onAttachment = () => ({ write: () => void events.push('write'), end: () => void events.push('end'), abort: () => void events.push('abort') });
    // Act
    await expectRefused(xml.subarray(0, 300), 'truncated');
    await expectRefused(xml.subarray(0, xml.indexOf('Hà Nội') + 2), 'truncated');
    await expectRefused(xml.subarray(0, payloadAt), 'truncated', { onAttachment });
    // Assess
    expect(events).toContain('write');
    expect(events.at(-1)).toBe('abort');
    expect(events).not.toContain('end');
  });

  it('empty input and text before the XML declaration', async () => {
    // Act + Assess
    await expectRefused('', 'truncated');
    await expectRefused(`1212<?xml version="1.0" encoding="UTF-8"?>${withSubject('x')}`, 'malformed');
  });

  it('no sender, no document id, not edXML at all', async () => {
    // Act + Assess
    await expectRefused(withSubject('x').replace('<From><OrganId>000.00.00.H26</OrganId></From>', ''), 'missing-sender');
    await expectRefused(withSubject('x').replace('<OrganId>000.00.00.H26</OrganId>', '<OrganName>ai đó</OrganName>'), 'missing-sender');
    await expectRefused(withSubject('x').replace(/<DocumentId>.*<\/DocumentId>/, ''), 'missing-document-id');
    await expectRefused(`<html xmlns="${EDXML_NAMESPACE}"/>`, 'not-edxml');
    await expectRefused(`<edXML xmlns="${EDXML_NAMESPACE}"><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>`, 'not-edxml');
  });

  it('encodings other than UTF-8', async () => {
    // Act + Assess
    await expectRefused(Buffer.from(`\uFEFF${withSubject('x')}`, 'utf16le'), 'unsupported-encoding');
    await expectRefused(`<?xml version="1.0" encoding="ISO-8859-1"?>${withSubject('x')}`, 'unsupported-encoding');
    await expectRefused(Buffer.concat([Buffer.from(withSubject('x').slice(0, 200)), Buffer.from([0xc3, 0x28])]), 'unsupported-encoding');
  });

  it('an attachment that is not base64', async () => {
    // Prepare
    const xml = (
      await buildEdocToBuffer({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y', payload: Buffer.from('hello world') }] })
    ).toString();
    // Act + Assess
    await expectRefused(xml.replace('aGVsbG8gd29ybGQ=', 'aGVsbG8g*29ybGQ='), 'invalid-attachment-encoding');
  });

  it('a failing sink stops the parse with the sink error as cause', async () => {
    // Prepare
    const xml = await buildEdocToBuffer({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y', payload: Buffer.from('hello') }] });
    const disk = new Error('ENOSPC: no space left on device');
    // Act
    const error = await expectRefused(xml, 'attachment-sink-failed', { onAttachment: () => ({ write: () => Promise.reject(disk), end: () => undefined }) });
    // Assess
    expect(error.cause).toBe(disk);
  });
});
