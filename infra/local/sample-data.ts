/**
 * SAMPLE DATA for the local runtime — not real agencies or people. Only `000.00.00.H26` (Hanoi People's
 * Committee) is a published code; every other code here uses blocks 90–99, which vanthu reserves for
 * samples, and every name starts with "[MẪU]" (sample). Never load this into a real deployment.
 */
import type { Role } from '#domain/identity/principal';

export interface SampleAgency {
  readonly code102: string;
  readonly name: string;
  readonly kind: 'people-committee' | 'department' | 'district' | 'commune';
  readonly sample: boolean;
  /** The ký hiệu its notations carry (its numbering configuration), e.g. 15/QĐ-SNV. */
  readonly abbreviation: string;
}

export interface SampleUser {
  readonly sub: string;
  readonly organId: string;
  readonly roles: readonly Role[];
  readonly name: string;
}

export const sampleAgencies: readonly SampleAgency[] = [
  { code102: '000.00.00.H26', name: 'Ủy ban nhân dân thành phố Hà Nội', kind: 'people-committee', sample: false, abbreviation: 'UBND' },
  { code102: '000.00.91.H26', name: '[MẪU] Sở Nội vụ', kind: 'department', sample: true, abbreviation: 'SNV' },
  { code102: '000.00.92.H26', name: '[MẪU] Sở Tài chính', kind: 'department', sample: true, abbreviation: 'STC' },
  { code102: '000.00.95.H26', name: '[MẪU] Ủy ban nhân dân quận Hoàn Kiếm Mẫu', kind: 'district', sample: true, abbreviation: 'UBND' },
  { code102: '000.91.95.H26', name: '[MẪU] Ủy ban nhân dân phường Tràng Tiền Mẫu', kind: 'commune', sample: true, abbreviation: 'UBND' },
  { code102: '000.92.95.H26', name: '[MẪU] Ủy ban nhân dân phường Hàng Bạc Mẫu', kind: 'commune', sample: true, abbreviation: 'UBND' },
];

const people: Record<Exclude<Role, 'city-admin'>, string> = {
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  specialist: 'Chuyên viên',
  admin: 'Quản trị',
};

/** The SAMPLE units inside every sample agency, and the unit of each sample role. */
export const sampleUnits = [
  { unitId: 'VP', name: '[MẪU] Văn phòng', kind: 'van-phong' },
  { unitId: 'P-TH', name: '[MẪU] Phòng Tổng hợp', kind: 'phong' },
] as const;
export const sampleUnitOf: Record<Role, (typeof sampleUnits)[number]['unitId']> = { clerk: 'VP', leader: 'VP', admin: 'VP', 'city-admin': 'VP', specialist: 'P-TH' };

export const sampleUsers: readonly SampleUser[] = [
  ...sampleAgencies.flatMap((agency, index) =>
    (Object.keys(people) as (keyof typeof people)[]).map((role) => ({
      sub: `sample-${role}-${index}`,
      organId: agency.code102,
      roles: [role],
      name: `[MẪU] ${people[role]} ${index}`,
    })),
  ),
  { sub: 'sample-city-admin', organId: '000.00.00.H26', roles: ['city-admin', 'admin'], name: '[MẪU] Quản trị thành phố' },
];
