import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthenticatedError } from '#domain/errors';
import { principalSchema, type Principal } from '#domain/identity/principal';

/**
 * The principal from the JWT claims that API Gateway's authorizer (or the local runtime) verified.
 * API Gateway passes array claims as a string such as `[clerk leader]`; JSON arrays and space or comma
 * separated lists are accepted too.
 */
export function principalFromEvent(event: APIGatewayProxyEventV2): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  if (claims === undefined) throw new UnauthenticatedError('Sign in first: send Authorization: Bearer <token>.');
  const parsed = principalSchema.safeParse({ sub: claims.sub, organId: claims.organId, name: claims.name, roles: parseRoles(claims.roles) });
  if (!parsed.success) {
    throw new UnauthenticatedError('The token does not carry the claims vanthu needs (sub, organId, roles, name).', {
      errors: parsed.error.issues.map((issue) => ({ path: ['token', ...issue.path.map(String)].join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}

export function parseRoles(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: fall through to the API Gateway form
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((role) => role !== '');
}
