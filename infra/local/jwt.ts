import { jwtVerify } from 'jose';

/**
 * The local stand-in for API Gateway's JWT authorizer: verifies the development token (HS256, issuer,
 * audience, expiry) and returns its claims in API Gateway's shape — every claim a string, arrays as
 * `[a b]` — so handlers see exactly what they will see in AWS. A token without `exp` is refused: jose
 * would otherwise accept it for ever, while API Gateway's authorizer checks `exp` on every token.
 */
export async function verifyLocalToken(authorization: string | undefined, secret: string, issuer: string): Promise<Record<string, string> | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  try {
    const { payload } = await jwtVerify(match[1], new TextEncoder().encode(secret), { issuer, audience: 'vanthu', algorithms: ['HS256'], requiredClaims: ['exp'] });
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
    }
    return claims;
  } catch {
    return undefined;
  }
}
