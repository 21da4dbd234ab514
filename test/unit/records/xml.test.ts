import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { element, escapeXmlText, leaf, toXml } from '#domain/records/xml';

/** The text of every leaf element, read back with a conforming XML parser (throws on malformed XML). */
function readLeaves(xml: string): Record<string, string> {
  const parser = new SaxesParser();
  const texts: Record<string, string> = {};
  const open: string[] = [];
  parser.on('opentag', (tag) => open.push(tag.name));
  parser.on('closetag', () => open.pop());
  parser.on('text', (text) => {
    const name = open.at(-1);
    if (name !== undefined && text.trim() !== '') texts[name] = (texts[name] ?? '') + text;
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return texts;
}

describe('XML text escaping', () => {
  it('escapes <, & and > and leaves Vietnamese letters as UTF-8', () => {
    // Act
    const escaped = escapeXmlText('Sở Tài chính & Kho bạc <Hà Nội> "Đội" \'Quyết định\'');
    // Assess
    expect(escaped).toBe('Sở Tài chính &amp; Kho bạc &lt;Hà Nội&gt; "Đội" \'Quyết định\'');
  });

  it('cannot produce a CDATA end or a markup start from data', () => {
    expect(escapeXmlText(']]><x/>&amp;')).toBe(']]&gt;&lt;x/&gt;&amp;amp;');
  });

  it('keeps a carriage return as a character reference and replaces characters XML cannot carry', () => {
    expect(escapeXmlText('a\r\nb')).toBe('a&#13;\nb');
    expect(escapeXmlText('x\u0000y\u001Fz\uFFFE\uD800')).toBe('x\uFFFDy\uFFFDz\uFFFD\uFFFD');
    expect(escapeXmlText('emoji 😀 tab\t')).toBe('emoji 😀 tab\t');
  });

  it('reads back exactly what was written, for any text without characters XML forbids', () => {
    const allowed = fc.string({ unit: 'binary', maxLength: 200 }).map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
    fc.assert(
      fc.property(allowed, (text) => {
        // Prepare
        const xml = toXml(element('Root', [leaf('Before', 'x'), leaf('Text', `[${text}]`)]));
        // Act
        const read = readLeaves(xml);
        // Assess
        expect(read.Text).toBe(`[${text}]`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the XML writer', () => {
  it('writes the UTF-8 declaration, nested elements, and leaves out absent values', () => {
    // Act
    const xml = toXml(element('Record', [leaf('Title', 'Hồ sơ <A&B>'), leaf('Missing', undefined), leaf('Count', 0), element('Empty', [])]));
    // Assess
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Record>\n  <Title>Hồ sơ &lt;A&amp;B&gt;</Title>\n  <Count>0</Count>\n  <Empty/>\n</Record>\n');
    expect(readLeaves(xml)).toEqual({ Title: 'Hồ sơ <A&B>', Count: '0' });
  });

  it('refuses an element name that is not an XML name', () => {
    expect(() => leaf('1Title', 'x')).toThrowError(/Not an XML element name/);
    expect(() => element('a b', [])).toThrowError(/Not an XML element name/);
  });
});
