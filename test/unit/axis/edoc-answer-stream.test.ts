import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEdocAnswer } from '#adapters/axis/edoc-answer-stream';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';

const context = { operation: 'getEdoc', httpStatus: 200 };
/** 35 bytes: base64 with `/`, `+` and one `=` of padding (35 = 3 × 11 + 2). */
const payload = Buffer.from('<edXML>ÿ?> Hà Nội ~~~ ¿?¿</edXML>', 'utf8').subarray(0, 35);
const encoded = payload.toString('base64');

function answer(data: string, before = '"status":"OK","ErrorCode":"0","ErrorDesc":"Success",', after = ''): Buffer {
  return Buffer.from(`{${before}"data":"${data}"${after}}`, 'utf8');
}

/** The text cut at the given offsets. */
function cut(text: Uint8Array, at: readonly number[]): Uint8Array[] {
  const bounds = [0, ...at, text.length];
  return bounds.slice(1).map((end, i) => text.subarray(bounds[i], end));
}

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

/** Reads the answer; `yielded` counts the chunks handed on before a failure. */
async function read(chunks: readonly Uint8Array[]): Promise<{ bytes: Buffer; yielded: number }> {
  const out: Uint8Array[] = [];
  for await (const bytes of readEdocAnswer(from(chunks), context)) out.push(bytes);
  return { bytes: Buffer.concat(out), yielded: out.length };
}

async function failure(chunks: readonly Uint8Array[]): Promise<{ error: unknown; yielded: number }> {
  let yielded = 0;
  try {
    for await (const _ of readEdocAnswer(from(chunks), context)) yielded += 1;
  } catch (error) {
    return { error, yielded };
  }
  throw new Error('the answer was accepted');
}

describe('readEdocAnswer: decoding', () => {
  it('decodes the package whatever the chunk boundaries: every cut into two and three pieces, and 1-byte chunks', async () => {
    // Prepare: `/` escaped as Java libraries write it, so cuts also fall inside escapes
    const text = answer(encoded.replaceAll('/', '\\/'), '"status":"OK",', ',"ErrorCode":"0"');
    expect(text.includes('\\/')).toBe(true);
    // Act / Assess
    for (let a = 1; a < text.length; a += 1) {
      expect((await read(cut(text, [a]))).bytes.equals(payload)).toBe(true);
      for (let b = a + 1; b < text.length; b += 1) expect((await read(cut(text, [a, b]))).bytes.equals(payload)).toBe(true);
    }
    expect((await read([...text].map((byte) => Uint8Array.of(byte)))).bytes.equals(payload)).toBe(true);
  });

  it('takes the escapes and line breaks JSON writers put in base64: \\/, \\u003d (Gson), \\r\\n, raw line breaks', async () => {
    const wrapped = `${encoded.slice(0, 8)}\\r\\n${encoded.slice(8, 16)}\\n${encoded.slice(16, 24)}\r\n${encoded.slice(24, -1)}\\u003d`;
    const text = answer(wrapped.replaceAll('/', '\\/').replace('+', '\\u002B'));
    for (const size of [1, 2, 3, 5, 7, text.length]) {
      const chunks = cut(
        text,
        Array.from({ length: Math.ceil(text.length / size) - 1 }, (_, i) => (i + 1) * size),
      );
      expect((await read(chunks)).bytes.equals(payload)).toBe(true);
    }
  });

  it('reads the members in any order, nested values and a byte order mark included', async () => {
    const text = Buffer.from(
      `\uFEFF { "data" : "${encoded}" , "extra": {"a":"}\\"{[","b":[1,{"c":null}]}, "ErrorDesc":"Thành công", "status" : "SUCCESS", "n": -1.5e3 , "ok": true }  \n`,
      'utf8',
    );
    expect((await read([text])).bytes.equals(payload)).toBe(true);
    expect((await read([...text].map((byte) => Uint8Array.of(byte)))).bytes.equals(payload)).toBe(true);
  });

  it('hands the bytes on as they are decoded, before the answer ends', async () => {
    const text = answer('A'.repeat(4_000));
    const reader = readEdocAnswer(from(cut(text, [1_000, 2_000])), context)[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(first.done).toBe(false);
    expect(first.value?.length).toBeGreaterThan(0);
    expect(first.value?.length).toBeLessThan(3_000);
    await reader.return?.(undefined);
  });

  it('decodes unpadded tails and an empty package', async () => {
    expect((await read([answer('QQ')])).bytes).toEqual(Buffer.from('A'));
    expect((await read([answer('QUI')])).bytes).toEqual(Buffer.from('AB'));
    expect((await read([answer('QQ=')])).bytes).toEqual(Buffer.from('A'));
    expect((await read([answer('')])).bytes.length).toBe(0);
  });

  it('decodes any bytes, wrapped and escaped, in any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('none', 'java', 'gson'),
        async (bytes, wrap, cuts, escapes) => {
          const base64 = Buffer.from(bytes).toString('base64');
          let data = (base64.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []).join('\\r\\n');
          if (escapes === 'java') data = data.replaceAll('/', '\\/');
          if (escapes === 'gson') data = data.replaceAll('=', '\\u003d').replaceAll('+', '\\u002b');
          const text = answer(data);
          const at = [...new Set(cuts.map((c) => c % text.length))].filter((c) => c > 0).sort((x, y) => x - y);
          expect((await read(cut(text, at))).bytes.equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readEdocAnswer: refusals', () => {
  it('throws AxisRejectedError before any byte when FAIL comes before data', async () => {
    const text = answer(encoded, '"status":"FAIL","ErrorCode":"NOT_FOUND","ErrorDesc":"no such docId",');
    const { error, yielded } = await failure([text]);
    expect(error).toBeInstanceOf(AxisRejectedError);
    expect(error).toMatchObject({ errorCode: 'NOT_FOUND', errorDesc: 'no such docId', operation: 'getEdoc', httpStatus: 200 });
    expect(yielded).toBe(0);
  });

  it('throws AxisRejectedError after the bytes when FAIL comes after data', async () => {
    const text = answer(encoded, '', ',"status":"FAIL","ErrorCode":"E42"');
    const { error, yielded } = await failure(cut(text, [20]));
    expect(error).toMatchObject({ name: 'AxisRejectedError', errorCode: 'E42', errorDesc: '' });
    expect(yielded).toBeGreaterThan(0);
  });

  it('rejects a FAIL answer without data or with data null, with the status as code when there is no ErrorCode', async () => {
    await expect(read([Buffer.from('{"status":"FAIL","ErrorDesc":"hết hạn"}')])).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: 'FAIL', errorDesc: 'hết hạn' });
    await expect(read([Buffer.from('{"data":null,"status":"FAIL","ErrorCode":7}')])).rejects.toMatchObject({ name: 'AxisRejectedError', errorCode: '7' });
  });
});

describe('readEdocAnswer: malformed answers', () => {
  it.each([
    ['missing data', '{"status":"OK","ErrorCode":"0"}', /without data/],
    ['data null', '{"status":"OK","data":null}', /not a string/],
    ['data a number', '{"status":"OK","data":12}', /not a string/],
    ['data an object', '{"data":{"content":"QQ=="},"status":"OK"}', /not a string/],
    ['data an array', '{"status":"OK","data":["QQ=="]}', /not a string/],
    ['two data members', '{"status":"OK","data":"QQ==","data":"QQ=="}', /two data/],
    ['a data member after a data null', '{"status":"OK","data":null,"data":"QQ=="}', /two data/],
    ['a member name over 256 bytes', `{"${'k'.repeat(300)}":1,"status":"OK","data":"QQ=="}`, /longer than 256/],
    ['no status', '{"data":"QQ=="}', /no status/],
    ['an HTML page', '<html>proxy error</html>', /not a JSON object/],
    ['a JSON array', '[{"status":"OK","data":"QQ=="}]', /not a JSON object/],
    ['an empty body', '', /is empty/],
    ['a truncated answer', '{"status":"OK","data":"QUJD', /ended before/],
    ['text after the object', '{"status":"OK","data":"QQ=="} {}', /goes on after/],
    ['a member that is not JSON', '{"status":OK,"data":"QQ=="}', /not JSON/],
    ['members without a comma', '{"status":"OK" "data":"QQ=="}', /commas/],
  ])('refuses %s as malformed-answer', async (_case, text, message) => {
    const { error } = await failure([Buffer.from(text)]);
    expect(error).toBeInstanceOf(AxisUnavailableError);
    expect(error).toMatchObject({ reason: 'malformed-answer', operation: 'getEdoc' });
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['a character outside base64', 'QUJD<html>', /byte 0x3c/],
    ['the URL-safe alphabet', 'QU-D', /byte 0x2d/],
    ['a space', 'QUJD QUJD', /byte 0x20/],
    ['data after the padding', 'QQ==QUJD', /after the "=" padding/],
    ['too much padding', 'QQ===', /more "="/],
    ['padding in the wrong place', 'Q===', /no padding can be/],
    ['a lone digit at the end', 'QUJDQ', /middle of a quantum/],
    ['an escaped quote', 'QUJD\\"', /\\" is not base64/],
    ['an escaped tab', 'QUJD\\t', /\\t is not base64/],
    ['a \\u escape of another character', 'QUJD\\u0041\\u00e9', /\\u00e9 is not base64/],
    ['a short \\u escape', 'QUJD\\u00x1', /four hex digits/],
  ])('refuses %s in data as malformed-answer, whatever the chunking', async (_case, data, message) => {
    const text = answer(data);
    for (const chunks of [[text], [...text].map((byte) => Uint8Array.of(byte))]) {
      const { error } = await failure(chunks);
      expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'malformed-answer' });
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses members besides data that are too large', async () => {
    const { error } = await failure([answer(encoded, `"status":"OK","ErrorDesc":"${'x'.repeat(70_000)}",`)]);
    expect(error).toMatchObject({ reason: 'malformed-answer' });
    expect((error as Error).message).toMatch(/besides data/);
  });
});
