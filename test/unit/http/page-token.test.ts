import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePageToken, encodePageToken, PageTokenCodec } from '#adapters/dynamo/page-token';
import { resetSingletons } from '#adapters/lazy';
import { ValidationError } from '#domain/errors';
import { env } from '#infra/definitions';

const scope = { index: 'gsi1', partition: 'ORG#000.00.91.H26#incoming' };
const key = { pk: 'DOC#1', sk: 'DOC', gsi1pk: scope.partition, gsi1sk: '2026#1' };
const codec = new PageTokenCodec('k'.repeat(32));

/** The ValidationError a decode throws, or what else it did. */
function refusal(token: string, c = codec, s = scope): unknown {
  try {
    return { decoded: c.decode(token, s) };
  } catch (error) {
    return error instanceof ValidationError ? error.errors : error;
  }
}
const refused = [{ path: 'query.nextToken', message: 'not a token issued for this list' }];

describe('page tokens', () => {
  it('round-trips a position of an index and of the table itself', () => {
    expect(codec.decode(codec.encode(key, scope), scope)).toEqual(key);
    const tableScope = { index: '', partition: 'DOC#1' };
    const tableKey = { pk: 'DOC#1', sk: 'FILE#01J' };
    expect(codec.decode(codec.encode(tableKey, tableScope), tableScope)).toEqual(tableKey);
  });

  it('seals the position of a sealed list: unreadable in the token, round-trips, refused when changed or read as unsealed', () => {
    const sealedScope = { index: '', partition: 'SEARCH#000.00.91.H26', bound: '{"q":"x"}', sealed: true };
    const position = { pk: 'SEARCH#000.00.91.H26', sk: '2026-06-15T03:00:00.000Z#01JSECRET' };
    const token = codec.encode(position, sealedScope);
    const [, payload, mac] = token.split('.');
    expect(Buffer.from(payload ?? '', 'base64url').toString('latin1')).not.toContain('01JSECRET');
    expect(codec.decode(token, sealedScope)).toEqual(position);
    expect(codec.encode(position, sealedScope)).not.toBe(token);
    expect(refusal(token, codec, { ...sealedScope, sealed: false } as never)).toEqual(refused);
    const flipped = Buffer.from(payload ?? '', 'base64url');
    flipped[14] = (flipped[14] ?? 0) ^ 1;
    expect(refusal(`v1.${flipped.toString('base64url')}.${mac}`, codec, sealedScope)).toEqual(refused);
  });

  it('keeps the partition out of the token and signs it', () => {
    const [version, payload, mac] = codec.encode(key, scope).split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(payload ?? '', 'base64url').toString()).not.toContain('000.00.91.H26');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a token made for another agency's list", () => {
    const foreign = codec.encode({ ...key, gsi1pk: 'ORG#000.00.92.H26#incoming' }, { index: 'gsi1', partition: 'ORG#000.00.92.H26#incoming' });
    expect(refusal(foreign)).toEqual(refused);
  });

  it('refuses a token whose position was changed, or signed with another key', () => {
    const [version, , mac] = codec.encode(key, scope).split('.');
    const forged = Buffer.from(JSON.stringify({ pk: 'DOC#2', sk: 'DOC', gsi1sk: '2026#9' })).toString('base64url');
    expect(refusal(`${version}.${forged}.${mac}`)).toEqual(refused);
    expect(refusal(new PageTokenCodec('x'.repeat(32)).encode(key, scope))).toEqual(refused);
  });

  it('refuses the unsigned tokens of before (base64url JSON) and garbage, with 400 not 500', () => {
    const unsigned = Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const token of [unsigned, 'not-a-token', '', 'v1..', 'v1.e30.', `v1.${unsigned}.${'A'.repeat(43)}`, 'v1.a.b.c', `v1.${'A'.repeat(5000)}.${'A'.repeat(43)}`]) {
      expect(refusal(token)).toEqual(refused);
    }
  });

  it('refuses anything that is not a token it issued for the list, and never fails otherwise', () => {
    const issued = codec.encode(key, scope);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: issued.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), (random, at, insert) => {
        expect(refusal(random)).toEqual(refused);
        const mutated = `${issued.slice(0, at)}${insert}${issued.slice(at + 1)}`;
        if (mutated !== issued) expect(refusal(mutated)).toEqual(refused);
      }),
    );
  });

  it('refuses a signed token whose position has attributes of another index (a key mix-up)', () => {
    expect(refusal(codec.encode({ ...key, gsi2pk: 'x' }, scope))).toEqual(refused);
    expect(refusal(codec.encode({ pk: 'DOC#1', gsi1sk: 'x' }, scope))).toEqual(refused);
  });

  it('will not sign with a short key', () => {
    expect(() => new PageTokenCodec('short')).toThrowError(/at least 32/);
  });
});

describe('the page token key', () => {
  const saved = { key: process.env[env.pageTokenKey], lambda: process.env.AWS_LAMBDA_FUNCTION_NAME };
  afterEach(() => {
    for (const [name, value] of [
      [env.pageTokenKey, saved.key],
      ['AWS_LAMBDA_FUNCTION_NAME', saved.lambda],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetSingletons();
  });

  it(`signs with ${env.pageTokenKey} when it is set`, () => {
    process.env[env.pageTokenKey] = 's'.repeat(40);
    resetSingletons();
    const token = encodePageToken(key, scope);
    expect(new PageTokenCodec('s'.repeat(40)).decode(token, scope)).toEqual(key);
    expect(decodePageToken(token, scope)).toEqual(key);
  });

  it('refuses, through the functions the stores call, an unsigned token the previous format accepted', () => {
    const unsigned = Buffer.from(JSON.stringify(key)).toString('base64url');
    expect(() => decodePageToken(unsigned, scope)).toThrowError(ValidationError);
  });

  it('is required in Lambda', () => {
    delete process.env[env.pageTokenKey];
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'vanthu-list-documents';
    resetSingletons();
    expect(() => encodePageToken(key, scope)).toThrowError(new RegExp(env.pageTokenKey));
  });
});
