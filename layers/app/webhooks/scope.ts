import { isUnder, parseAgencyCode } from '#domain/agency/code';
import type { OrganisationUnit } from '#domain/agency/unit';
import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors';
import type { Principal } from '#domain/identity/principal';
import type { Dependencies } from '../context.ts';

/**
 * The agency of an admin route, by either code notation; it must be in the directory. The city
 * administrator manages every agency (external agencies included); an agency admin only their own agency
 * and the units below it.
 *
 * @throws {ValidationError} not an agency code. @throws {ForbiddenError} out of the admin's scope.
 * @throws {NotFoundError} no such agency in the directory.
 * @example
 * const agency = await administeredAgency(deps, ctx.principal, params.organId);
 */
export async function administeredAgency(deps: Dependencies, principal: Principal, code: string): Promise<OrganisationUnit> {
  const parsed = parseAgencyCode(code);
  if (!parsed.ok) throw new ValidationError(`The agency code is not valid: ${parsed.reason}`, { errors: [{ path: 'path.organId', message: parsed.reason }] });
  const code102 = parsed.code.code102;
  const inScope = principal.roles.includes('city-admin') || code102 === principal.organId || isUnder(code102, principal.organId);
  if (!inScope) throw new ForbiddenError(`Agency ${code102} is outside your administration; the city administrator manages it.`, { details: { organId: code102 } });
  const agency = await deps.agencies.get(code102);
  if (agency === undefined) throw new NotFoundError(`No agency ${code102} in the directory; add it first (POST /agencies).`, { details: { organId: code102 } });
  return agency;
}
