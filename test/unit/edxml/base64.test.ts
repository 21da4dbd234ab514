import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Decoder, encodeBase64 } from '#edxml/base64';
import { EdxmlError } from '#edxml/index';

async function encodeAll(source: Parameters<typeof encodeBase64>[0]): Promise<{ text: string; seen: number }> {
  let seen = 0;
  let text = '';
  for await (const piece of encodeBase64(source, (b) => {
    seen += b.length;
  }))
    text += piece;
  return { text, seen };
}

function decodeAll(pieces: readonly string[]): Buffer {
  const decoder = new Base64Decoder();
  const out = pieces.map((p) => decoder.push(p) ?? Buffer.alloc(0));
  return Buffer.concat([...out, decoder.end() ?? Buffer.alloc(0)]);
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((s, i) => text.slice(s, at[i] ?? text.length));
}

describe('streaming base64', () => {
  it('encodes async chunks of any sizes to the same text as a one-shot encode, seeing every byte once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 8 }), async (chunks) => {
        // Prepare
        const whole = Buffer.concat(chunks);
        async function* source(): AsyncGenerator<Uint8Array> {
          yield* chunks;
        }
        // Act
        const { text, seen } = await encodeAll(source());
        // Assess
        expect(text).toBe(whole.toString('base64'));
        expect(seen).toBe(whole.length);
      }),
    );
  });

  it('cuts a large Uint8Array into pieces without holding one big string', async () => {
    // Prepare
    const big = new Uint8Array(2_000_000).map((_, i) => i % 251);
    const pieces: string[] = [];
    // Act
    for await (const piece of encodeBase64(big, () => undefined)) pieces.push(piece);
    // Assess
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.from(pieces.join(''), 'base64').equals(big)).toBe(true); // .equals: a deep toEqual over 2 MB is slow
  });

  it('decodes text split anywhere, with MIME line breaks, to the original bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (bytes, cuts, wrap) => {
        // Prepare
        const b64 = Buffer.from(bytes).toString('base64');
        const text = wrap ? (b64.match(/.{1,76}/g) ?? []).join('\r\n') : b64;
        // Act
        const decoded = decodeAll(splitAt(text, cuts));
        // Assess
        expect(decoded).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('tolerates missing padding', () => {
    // Act + Assess
    expect(decodeAll(['aGVsbG8'])).toEqual(Buffer.from('hello'));
  });

  it.each([
    ['a character outside the alphabet', ['aGVs*bG8=']],
    ['a character outside the alphabet in an unpadded run', ['aGVsbG8g', 'd2*ybGQh']],
    ['a non-ASCII letter', ['aGVsbÀ8g']],
    ['data after the padding', ['aGVsbA==', 'bG8=']],
    ['a lone trailing character', ['aGVsb']],
    ['a URL-safe alphabet', ['-_-_']],
  ])('refuses %s', (_, pieces) => {
    // Act + Assess
    expect(() => decodeAll(pieces)).toThrow(EdxmlError);
    expect(() => decodeAll(pieces)).toThrow(/invalid-attachment-encoding/);
  });
});
