import { describe, expect, it } from 'vitest';
import { decodeApiGatewayBody } from '#webhooks/api-gateway-body';
import { BoundedJsonError, parseBoundedJson } from '#webhooks/bounded-json';
import { WebhookBodyTooLargeError } from '#webhooks/errors';
import { utf8 } from './fixtures.ts';

const limits = { maxDepth: 32, maxBytes: 1024 * 1024 };

function refusalOf(act: () => unknown): BoundedJsonError | undefined {
  try {
    act();
    return undefined;
  } catch (error) {
    if (error instanceof BoundedJsonError) return error;
    throw error;
  }
}

describe('decodeApiGatewayBody', () => {
  it('returns the same bytes for a base64 body and for the plain text body', () => {
    // Prepare
    const text = '{"trích yếu":"Về việc"}';

    // Act
    const fromBase64 = decodeApiGatewayBody(Buffer.from(text).toString('base64'), true);
    const fromText = decodeApiGatewayBody(text, false);

    // Assess
    expect(Buffer.from(fromBase64).equals(Buffer.from(text))).toBe(true);
    expect(Buffer.from(fromText).equals(Buffer.from(text))).toBe(true);
  });

  it('keeps binary bytes that are not UTF-8 intact when base64-encoded', () => {
    // Prepare
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);

    // Act
    const bytes = decodeApiGatewayBody(binary.toString('base64'), true);

    // Assess
    expect(Buffer.from(bytes).equals(binary)).toBe(true);
  });

  it.each([undefined, null, ''])('gives an empty body for %j', (body) => {
    // Act
    const bytes = decodeApiGatewayBody(body, false);

    // Assess
    expect(bytes.byteLength).toBe(0);
  });

  it.each([
    [true, 'base64 at the limit', Buffer.alloc(99).toString('base64'), false],
    [true, 'base64 over the limit', Buffer.alloc(101).toString('base64'), true],
    [false, 'text whose UTF-8 bytes exceed the limit (34 three-byte letters)', 'ệ'.repeat(34), true],
    [false, 'text at the limit', 'a'.repeat(100), false],
  ])('with base64=%s, %s', (isBase64, _, body, refused) => {
    // Act
    const act = () => decodeApiGatewayBody(body, isBase64, { maxBytes: 100 });

    // Assess
    if (refused) expect(act).toThrow(WebhookBodyTooLargeError);
    else expect(act()).toHaveProperty('byteLength', isBase64 ? 99 : 100);
  });
});

describe('parseBoundedJson', () => {
  it('parses JSON within the limits, ignoring brackets inside strings', () => {
    // Prepare
    const raw = utf8('{"subject":"[[[[{{{{ \\" ]]]] [","nested":[[1]]}');

    // Act
    const value = parseBoundedJson(raw, { maxDepth: 3, maxBytes: 100 });

    // Assess
    expect(value).toEqual({ subject: '[[[[{{{{ " ]]]] [', nested: [[1]] });
  });

  it('does not let an escaped quote end a string early (brackets after it stay inside the string)', () => {
    // Prepare: misreading \" as the end of the string would count six brackets.
    const raw = utf8(String.raw`["a\"[[[[[[", "\\"]`);

    // Act
    const value = parseBoundedJson(raw, { maxDepth: 1, maxBytes: 100 });

    // Assess
    expect(value).toEqual(['a"[[[[[[', '\\']);
  });

  it('accepts exactly maxDepth levels and refuses one more', () => {
    // Prepare
    const depth = (n: number) => utf8('['.repeat(n) + ']'.repeat(n));

    // Act
    const accepted = parseBoundedJson(depth(32), limits);
    const refused = refusalOf(() => parseBoundedJson(depth(33), limits));

    // Assess
    expect(accepted).toBeInstanceOf(Array);
    expect(refused).toMatchObject({ reason: 'too-deep', status: 400, path: 'body' });
  });

  it('refuses 100,000 nested brackets quickly, before JSON.parse', () => {
    // Prepare
    const raw = utf8('['.repeat(100_000) + ']'.repeat(100_000));
    const started = performance.now();

    // Act
    const refused = refusalOf(() => parseBoundedJson(raw, { maxDepth: 64, maxBytes: 1024 * 1024 }));

    // Assess: stops at the 65th bracket; generous bound for a shared CI machine.
    expect(refused).toMatchObject({ reason: 'too-deep', message: expect.stringMatching(/at byte 64/) });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses an oversized body before scanning it (413)', () => {
    // Act
    const refused = refusalOf(() => parseBoundedJson(utf8('[]'.repeat(51)), { maxDepth: 2, maxBytes: 100 }));

    // Assess
    expect(refused).toMatchObject({ reason: 'too-large', status: 413 });
  });

  it.each([
    ['truncated JSON', utf8('{"a":'), /not valid JSON/],
    ['invalid UTF-8', new Uint8Array([0x22, 0xc3, 0x28, 0x22]), /not valid UTF-8/],
  ])('refuses %s with a typed error', (_, raw, message) => {
    // Act
    const refused = refusalOf(() => parseBoundedJson(raw, limits));

    // Assess
    expect(refused).toMatchObject({ name: 'BoundedJsonError', reason: 'invalid-json', status: 400, message: expect.stringMatching(message) });
  });
});
