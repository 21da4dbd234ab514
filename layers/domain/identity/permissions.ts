import { ForbiddenError } from '../errors.ts';
import type { Principal, Role } from './principal.ts';

/**
 * The permission matrix, in one place. Use cases call `authorize` before they touch data, so the rule
 * holds whichever edge (HTTP, queue, CLI) calls them. Agency scope (whose documents) is checked
 * separately by `assertSameAgency` / the document's addressees.
 */
export const permissions = {
  'document.register-incoming': ['clerk'],
  'document.read': ['clerk', 'leader', 'specialist', 'admin'],
  'file.read': ['clerk', 'leader', 'specialist', 'admin'],
  'file.write': ['clerk', 'specialist', 'leader'],
  'document.return': ['clerk'],
  'document.assign': ['leader'],
  'document.progress': ['specialist', 'leader'],
  'document.complete': ['specialist', 'leader'],
  'document.draft': ['specialist', 'clerk'],
  'document.submit': ['specialist', 'clerk'],
  'document.approve': ['leader'],
  'document.issue': ['clerk'],
  'register.read': ['clerk', 'leader', 'admin'],
  'report.read': ['leader', 'admin', 'city-admin'],
  'kpi.rebuild': ['city-admin'],
  'numbering.read': ['clerk', 'leader', 'admin'],
  'numbering.write': ['admin'],
  'record.read': ['clerk', 'leader', 'specialist', 'admin'],
  'record.write': ['specialist', 'leader', 'clerk'],
  'agency.read': ['clerk', 'leader', 'specialist', 'admin', 'city-admin'],
  'agency.write': ['admin', 'city-admin'],
  'agency.import': ['city-admin'],
  'directory.read': ['clerk', 'leader', 'specialist', 'admin', 'city-admin'],
  'directory.write': ['admin', 'city-admin'],
  'delivery.read': ['clerk', 'leader', 'specialist', 'admin'],
  'webhook.keys': ['admin', 'city-admin'],
  'webhook.endpoint': ['admin', 'city-admin'],
  'webhook.deliveries': ['admin', 'city-admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/** Throws ForbiddenError unless one of the principal's roles may perform the action. */
export function authorize(principal: Principal, action: Action): void {
  const allowed: readonly Role[] = permissions[action];
  if (!principal.roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError(`Your roles (${principal.roles.join(', ')}) do not allow this action; it needs one of: ${allowed.join(', ')}.`, {
      details: { action, allowed },
    });
  }
}

export function can(principal: Principal, action: Action): boolean {
  const allowed: readonly Role[] = permissions[action];
  return principal.roles.some((role) => allowed.includes(role));
}
