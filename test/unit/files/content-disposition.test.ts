import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attachmentDisposition, encodeRfc5987 } from '#adapters/s3/content-disposition';

/** Reads `filename` and `filename*` back the way a browser does (RFC 6266 §4.3, RFC 5987). */
function parse(header: string): { fallback: string; name: string } {
  const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  if (match === null) throw new Error(`not a well-formed disposition: ${header}`);
  return { fallback: match[1] ?? '', name: decodeURIComponent(match[2] ?? '') };
}

describe('the download Content-Disposition', () => {
  it('keeps a Vietnamese name intact in filename* and gives old clients an unaccented filename', () => {
    // Act
    const header = attachmentDisposition('Quyết định số 15/QĐ-UBND.pdf'.replace('/', '_'));
    // Assess
    expect(parse(header)).toEqual({ fallback: 'Quyet dinh so 15_QD-UBND.pdf', name: 'Quyết định số 15_QĐ-UBND.pdf' });
    expect(header).toContain("filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh");
  });

  it("percent-encodes ' ( ) *, which RFC 5987 does not allow bare", () => {
    expect(encodeRfc5987("Tờ trình (bản 2)*'.docx")).toBe('T%E1%BB%9D%20tr%C3%ACnh%20%28b%E1%BA%A3n%202%29%2A%27.docx');
  });

  it('cannot be broken out of by quotes, backslashes or percent signs in the name', () => {
    expect(parse(attachmentDisposition('a"; filename="evil.exe\\%41.pdf')).fallback).toBe('a_; filename=_evil.exe__41.pdf');
  });

  it('is ASCII, well formed and decodes back to the name for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (name) => {
        const header = attachmentDisposition(name);
        expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
        expect(parse(header).name).toBe(name);
      }),
    );
  });
});
