import type { Principal } from '../identity/principal.ts';
import { isSecret, type Document } from './document.ts';
import { memberKey } from './routing.ts';

/**
 * Need-to-know for secret documents (Mật, Tối mật, Tuyệt mật): inside the agency that holds them, only its
 * clerks (văn thư, who keep the secret register) and leaders see them, plus the people they concern — the
 * assignees of an incoming one (a person, or a specialist among the members of an assigned unit) and the drafter of an
 * outgoing one. Everyone else is answered as if the document did not exist. Documents of other agencies are
 * never visible (agency scope, OWASP API1).
 */
export function mayRead(principal: Principal, document: Document): boolean {
  if (document.organId !== principal.organId) return false;
  if (!isSecret(document) || seesEverySecret(principal)) return true;
  if (document.direction === 'outgoing') return document.createdBy.sub === principal.sub;
  const keys = document.assigneeKeys ?? [];
  return secretListRestriction(principal)?.assigneeKeys.some((key) => keys.includes(key)) === true;
}

/** Clerks and leaders of the agency see all of its secret documents. */
export function seesEverySecret(principal: Principal): boolean {
  return principal.roles.includes('clerk') || principal.roles.includes('leader');
}

/**
 * What a list query must add for a principal who does not see every secret document: a secret document is
 * listed only when it is theirs (see mayRead). Undefined when no restriction applies.
 */
export function secretListRestriction(principal: Principal): { readonly sub: string; readonly assigneeKeys: readonly string[] } | undefined {
  if (seesEverySecret(principal)) return undefined;
  // A unit's members are concerned as its specialists: an admin who joined the unit is not.
  const asSpecialist = principal.roles.includes('specialist') ? [`unit:${principal.organId}`, memberKey(principal.sub)] : [];
  return { sub: principal.sub, assigneeKeys: [`person:${principal.sub}`, ...asSpecialist] };
}
