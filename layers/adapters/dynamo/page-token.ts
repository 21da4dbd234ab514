import { z } from 'zod';
import { ValidationError } from '#domain/errors';

/**
 * Opaque page tokens: the DynamoDB position, base64url-encoded. A token is accepted only for the index
 * partition it was issued for, so a crafted token cannot move a query into another agency's data.
 */
const tokenSchema = z.record(z.string(), z.string().max(1024));

export function encodePageToken(key: Record<string, unknown>, scope: { index: string; partition: string }): string {
  return Buffer.from(JSON.stringify({ ...key, [`${scope.index}pk`]: scope.partition })).toString('base64url');
}

export function decodePageToken(token: string, scope: { index: string; partition: string }): Record<string, string> {
  const invalid = () =>
    new ValidationError('The nextToken is not valid for this list; start again without it.', { errors: [{ path: 'query.nextToken', message: 'not a token issued for this list' }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = tokenSchema.safeParse(parsed);
  if (!result.success) throw invalid();
  const key = result.data;
  const allowed = new Set(['pk', 'sk', `${scope.index}pk`, `${scope.index}sk`]);
  if (key[`${scope.index}pk`] !== scope.partition || Object.keys(key).some((name) => !allowed.has(name)) || key.pk === undefined || key.sk === undefined) {
    throw invalid();
  }
  return key;
}
