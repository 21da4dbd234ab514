import { SignJWT } from 'jose';
import { required } from '#adapters/config';
import { devTokenContract } from '#http/operations/dev-token';
import { httpRoute } from '#http/route';

/** Development tokens live for 12 hours. */
const LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * POST /dev/token — LOCAL RUNTIME ONLY (`localOnly` in infra/definitions.ts: never deployed). Signs the
 * given claims with the local runtime's development secret.
 */
export const handler = httpRoute(devTokenContract, {}, async ({ body }) => {
  const secret = new TextEncoder().encode(required('VANTHU_DEV_JWT_SECRET'));
  const token = await new SignJWT({ organId: body.organId, roles: body.roles, name: body.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(body.sub)
    .setIssuer(required('VANTHU_DEV_JWT_ISSUER'))
    .setAudience('vanthu')
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(secret);
  return { token, expiresIn: LIFETIME_SECONDS };
});
