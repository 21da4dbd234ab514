import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseRoles, principalFromEvent } from '#http/claims';
import { UnauthenticatedError } from '#domain/errors';

const event = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: claims === undefined ? {} : { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('claims from the JWT authorizer', () => {
  it('reads roles in API Gateway form, JSON form and as a real array', () => {
    expect(parseRoles('[clerk leader]')).toEqual(['clerk', 'leader']);
    expect(parseRoles('["clerk","admin"]')).toEqual(['clerk', 'admin']);
    expect(parseRoles(['specialist'])).toEqual(['specialist']);
    expect(parseRoles(undefined)).toEqual([]);
  });

  it('builds the principal from verified claims', () => {
    const principal = principalFromEvent(event({ sub: 'u1', organId: '000.00.91.H26', roles: '[clerk]', name: 'Văn thư' }));
    expect(principal).toEqual({ sub: 'u1', organId: '000.00.91.H26', roles: ['clerk'], name: 'Văn thư' });
  });

  it('refuses a request without claims, or with an unknown role, as unauthenticated', () => {
    expect(() => principalFromEvent(event(undefined))).toThrowError(UnauthenticatedError);
    expect(() => principalFromEvent(event({ sub: 'u1', organId: 'x', roles: '[root]', name: 'n' }))).toThrowError(/claims/);
  });
});
