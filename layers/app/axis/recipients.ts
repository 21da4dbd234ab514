import { isUnder } from '#domain/agency/code';
import type { OrganisationUnit } from '#domain/agency/unit';
/**
 * The city system's own agencies: the city code (Dependencies.cityCode, `000.00.00.H26` by default — the
 * Hanoi People's Committee) and every unit below it. Documents between them are delivered internally,
 * without the axis; everyone else is reached through the national axis.
 */
export function isCityAgency(cityCode: string, organId: string, unit: OrganisationUnit | undefined): boolean {
  return unit !== undefined && (organId === cityCode || isUnder(organId, cityCode));
}

/** A system principal acting for an agency (the receiver of an internal delivery, the axis receiver). */
export function systemPrincipal(organId: string, name: string) {
  return { sub: `system:${name}`, organId, roles: ['clerk' as const], name };
}
