import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { SignJWT, decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyLocalToken } from '#infra/local/jwt';
import { handler as devToken } from '../../../functions/http/dev-token.ts';

const secret = 'a-development-secret-of-32-bytes-at-least';
const issuer = 'vanthu-local';
const claims = { organId: '000.00.91.H26', roles: ['clerk'], name: 'Văn thư' };

function token(options: { exp?: string; secret?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('clerk-1').setIssuer(issuer).setAudience('vanthu').setIssuedAt();
  return (options.exp === undefined ? jwt : jwt.setExpirationTime(options.exp)).sign(new TextEncoder().encode(options.secret ?? secret));
}

describe('the local JWT authorizer (infra/local/jwt.ts)', () => {
  it('accepts a signed token with exp, claims in API Gateway shape', async () => {
    // Act
    const verified = await verifyLocalToken(`Bearer ${await token({ exp: '5m' })}`, secret, issuer);
    // Assess
    expect(verified).toMatchObject({ sub: 'clerk-1', organId: '000.00.91.H26', roles: '[clerk]' });
  });

  it('refuses a correctly signed token without exp', async () => {
    // Act
    const verified = await verifyLocalToken(`Bearer ${await token()}`, secret, issuer);
    // Assess
    expect(verified).toBeUndefined();
  });

  it('refuses an expired token and one signed with another secret', async () => {
    // Act
    const expired = await verifyLocalToken(`Bearer ${await token({ exp: '-1m' })}`, secret, issuer);
    const forged = await verifyLocalToken(`Bearer ${await token({ exp: '5m', secret: 'another-secret-of-32-bytes-at-least-x' })}`, secret, issuer);
    // Assess
    expect(expired).toBeUndefined();
    expect(forged).toBeUndefined();
  });
});

describe('POST /dev/token (functions/http/dev-token.ts)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('issues a token with exp that the local authorizer accepts', async () => {
    // Prepare
    vi.stubEnv('VANTHU_DEV_JWT_SECRET', secret);
    vi.stubEnv('VANTHU_DEV_JWT_ISSUER', issuer);
    const event = {
      version: '2.0',
      routeKey: 'POST /dev/token',
      rawPath: '/dev/token',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'clerk-1', ...claims }),
      isBase64Encoded: false,
      requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/dev/token' } },
    } as unknown as APIGatewayProxyEventV2;
    // Act
    const response = (await devToken(event, { awsRequestId: 'aws-1' } as Context)) as APIGatewayProxyStructuredResultV2;
    const issued = JSON.parse(response.body ?? '{}') as { token: string; expiresIn: number };
    // Assess
    expect(response.statusCode).toBe(200);
    const payload = decodeJwt(issued.token);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(issued.expiresIn);
    expect(await verifyLocalToken(`Bearer ${issued.token}`, secret, issuer)).toMatchObject({ sub: 'clerk-1' });
  });
});
