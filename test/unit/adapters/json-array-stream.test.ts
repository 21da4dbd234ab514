import { describe, expect, it } from 'vitest';
import { readJsonArray } from '#adapters/json-array-stream';
import { ValidationError } from '#domain/errors';

async function all(chunks: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of readJsonArray(chunks)) out.push(value);
  return out;
}

describe('readJsonArray', () => {
  it('reads objects, nested arrays and scalars, whatever the chunk boundaries', async () => {
    const text = '\uFEFF [ {"name":"Sở [Nội] vụ, \\"mẫu\\"","n":[1,[2]]}, [[1,2],3], 7, "x,]", null ]  ';
    const expected = [{ name: 'Sở [Nội] vụ, "mẫu"', n: [1, [2]] }, [[1, 2], 3], 7, 'x,]', null];
    expect(await all([text])).toEqual(expected);
    expect(await all([...text])).toEqual(expected);
  });

  it('reads an empty array', async () => {
    expect(await all(['[]'])).toEqual([]);
  });

  it.each([['{"a":1}'], ['[{"a":1}'], ['[{"a":1}] x'], ['[{"a":}]'], ['']])('refuses %j with a ValidationError', async (text) => {
    await expect(all([text])).rejects.toThrowError(ValidationError);
  });

  it('refuses an element over the size limit', async () => {
    const iterate = async () => {
      for await (const _ of readJsonArray([`[{"a":"${'x'.repeat(100)}"}]`], { maxElementBytes: 50 })) void _;
    };
    await expect(iterate()).rejects.toThrowError(/longer than 50/);
  });
});
