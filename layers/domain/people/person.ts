import * as z from 'zod';
import { textSchema } from '../documents/metadata.ts';
import { roles } from '../identity/principal.ts';
import { foldVietnamese } from '../text.ts';
import { unitIdSchema } from './unit.ts';

/**
 * A user of the agency's directory (danh bạ cán bộ): linked to the identity provider by `sub` (the Cognito
 * user's sub, the JWT's `sub`), with what the system needs to route work and reach them: name, position,
 * units, roles and e-mail. The JWT's roles authorize; the directory's roles say whom to tell (the clerks
 * and leaders of the agency) and are kept equal to them by the admin.
 */
export const personInputSchema = z.strictObject({
  name: textSchema().min(1).max(100),
  /** Chức vụ: Chánh Văn phòng, Trưởng phòng, Chuyên viên… */
  position: textSchema().min(1).max(100).optional(),
  units: z.array(unitIdSchema).max(10).default([]),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  email: z.email().max(254).optional(),
  active: z.boolean().default(true),
  /**
   * What this person signs with, recorded by the admin: the remote signing service's credential ids and the
   * SHA-256 (hex) of their own certificates (a USB token's). Once any is recorded, a personal signature they
   * prepare must use one of them (layers/app/signing/prepare.ts).
   */
  signing: z
    .strictObject({
      credentialIds: z.array(z.string().min(1).max(200)).max(10).default([]),
      certificates: z
        .array(
          z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 của chứng thư số (64 chữ số hệ 16)')
            .transform((hex) => hex.toLowerCase()),
        )
        .max(10)
        .default([]),
    })
    .optional(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export interface Person extends PersonInput {
  readonly organId: string;
  readonly sub: string;
  readonly updatedAt: string;
  readonly updatedBy: { readonly sub: string; readonly name: string };
  readonly version: number;
}

/** The query of `GET /users`: a unit, a role, and words of the name, position or e-mail without diacritics. */
export interface PersonQuery {
  readonly organId: string;
  readonly unit?: string;
  readonly role?: (typeof roles)[number];
  readonly q?: string;
  readonly includeInactive?: boolean;
  readonly limit: number;
  readonly nextToken?: string;
}

/** The folded text `q` is matched against: name, position and e-mail, without diacritics. */
export function personSearchText(person: Pick<Person, 'name' | 'position' | 'email' | 'sub'>): string {
  return foldVietnamese([person.name, person.position ?? '', person.email ?? '', person.sub].join(' '));
}

/**
 * The words of `q` folded (the last one a prefix of a word, as typed so far): each must be found in the
 * search text. `nguyen van a` finds "Nguyễn Văn An".
 */
export function personQueryWords(q: string | undefined): string[] {
  return q === undefined
    ? []
    : foldVietnamese(q)
        .split(' ')
        .filter((word) => word !== '');
}

export function matchesPerson(person: Person, query: Omit<PersonQuery, 'organId' | 'limit' | 'nextToken'>): boolean {
  if (query.includeInactive !== true && !person.active) return false;
  if (query.unit !== undefined && !person.units.includes(query.unit)) return false;
  if (query.role !== undefined && !person.roles.includes(query.role)) return false;
  const text = ` ${personSearchText(person)}`;
  return personQueryWords(query.q).every((word) => text.includes(` ${word}`));
}
