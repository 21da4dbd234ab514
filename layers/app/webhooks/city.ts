import { isUnder, parseAgencyCode, toCode102 } from '#domain/agency/code';
import { UnprocessableError } from '#domain/errors';

/**
 * Inbound webhooks are for agencies OUTSIDE the city. A city agency's documents go through the city's own
 * workflow (draft, approval, issue, a number in the register) and reach other city agencies by internal
 * delivery; a webhook signed with a key minted for a city agency would skip all of it. So no key is
 * minted for a city agency, and a delivery whose sender, From or reporting agency is a city agency is
 * refused, whatever key signed it (keys minted before this rule included).
 *
 * The city's agencies are `cityCode` and every code under it, in the directory or not: the claim alone is
 * refused. (`isCityAgency` of the axis also asks the directory, because it routes real deliveries.)
 *
 * @example
 * isCityCode('000.00.00.H26', 'H26.91'); // true
 */
export function isCityCode(cityCode: string, code: string): boolean {
  const parsed = parseAgencyCode(code);
  if (!parsed.ok) return false;
  const city = toCode102(cityCode);
  return parsed.code.code102 === city || isUnder(parsed.code, city);
}

/**
 * Refuses a webhook that claims a city agency at `path` (the signing agency in the path, the package's
 * From, a status's `from`).
 *
 * @throws {UnprocessableError} `city-sender`.
 * @example
 * refuseCitySender(deps.cityCode, organId, 'path.organId');
 */
export function refuseCitySender(cityCode: string, code: string, path: string): void {
  if (!isCityCode(cityCode, code)) return;
  throw new UnprocessableError('city-sender', `${code} is an agency of the city: its documents are drafted, approved and issued in this system, not sent by webhook.`, {
    errors: [{ path, message: 'must be an agency outside the city' }],
  });
}
