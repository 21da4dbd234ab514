import { describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken } from '#adapters/dynamo/page-token';
import { ValidationError } from '#domain/errors';

const scope = { index: 'gsi1', partition: 'ORG#000.00.91.H26#incoming' };

describe('page tokens', () => {
  it('round-trips a position', () => {
    const key = { pk: 'DOC#1', sk: 'DOC', gsi1pk: scope.partition, gsi1sk: '2026#1' };
    expect(decodePageToken(encodePageToken(key, scope), scope)).toEqual(key);
  });

  it("refuses a token made for another agency's list", () => {
    const foreign = encodePageToken({ pk: 'DOC#1', sk: 'DOC', gsi1sk: 'x' }, { index: 'gsi1', partition: 'ORG#000.00.92.H26#incoming' });
    expect(() => decodePageToken(foreign, scope)).toThrowError(ValidationError);
  });

  it('refuses garbage and extra attributes', () => {
    expect(() => decodePageToken('not-a-token', scope)).toThrowError(ValidationError);
    const extra = Buffer.from(JSON.stringify({ pk: 'a', sk: 'b', gsi1pk: scope.partition, gsi1sk: 'c', gsi2pk: 'x' })).toString('base64url');
    expect(() => decodePageToken(extra, scope)).toThrowError(ValidationError);
  });
});
