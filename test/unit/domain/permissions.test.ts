import { describe, expect, it } from 'vitest';
import { authorize, can, permissions, type Action } from '#domain/identity/permissions';
import { roles, type Role } from '#domain/identity/principal';
import { ForbiddenError } from '#domain/errors';

const principal = (role: Role) => ({ sub: 'u', organId: '000.00.91.H26', roles: [role], name: 'n' });

describe('the permission matrix', () => {
  it('allows exactly the listed roles for every action, and refuses the others with ForbiddenError', () => {
    for (const action of Object.keys(permissions) as Action[]) {
      for (const role of roles) {
        const allowed = (permissions[action] as readonly Role[]).includes(role);
        expect(can(principal(role), action), `${role} → ${action}`).toBe(allowed);
        if (allowed) expect(() => authorize(principal(role), action)).not.toThrow();
        else expect(() => authorize(principal(role), action)).toThrowError(ForbiddenError);
      }
    }
  });

  it('keeps the rules of the regulation: only clerks register, only the city administrator imports', () => {
    expect(permissions['document.register-incoming']).toEqual(['clerk']);
    expect(permissions['agency.import']).toEqual(['city-admin']);
  });
});
