import type { AgencyStore } from '#domain/agency/store';
import { defaultRegisters } from '#domain/documents/numbering';
import type { NumberingStore } from '#domain/documents/numbering-store';
import { newUnit } from '#domain/agency/unit';
import type { DirectoryStore } from '#domain/people/directory';
import { sampleAgencies, sampleUnitOf, sampleUnits, sampleUsers } from './sample-data.ts';

/**
 * Puts the SAMPLE directory (infra/local/sample-data.ts) into the local runtime's table, once: units that
 * exist are left as they are, so a restart never overwrites what a developer changed.
 */
export async function seedSampleDirectory(agencies: AgencyStore, now: Date): Promise<number> {
  const existing = await agencies.getMany(sampleAgencies.map((a) => a.code102));
  const missing = sampleAgencies.filter((a) => !existing.has(a.code102));
  const changes = missing.map((agency) => {
    const unit = newUnit({ code102: agency.code102, name: agency.name, kind: agency.kind, contact: {}, sample: agency.sample }, now);
    return { unit, change: { at: unit.updatedAt, by: { sub: 'local-runtime', name: 'sample data' }, source: 'sample' as const, before: null, after: unit } };
  });
  await agencies.save(changes);
  return changes.length;
}

/**
 * Gives each SAMPLE agency its ký hiệu (a numbering configuration with the one default register), once:
 * a configuration an administrator changed is never overwritten.
 */
export async function seedSampleNumbering(numbering: NumberingStore): Promise<number> {
  let seeded = 0;
  for (const agency of sampleAgencies) {
    const config = { issuerAbbreviation: agency.abbreviation, registers: defaultRegisters.map((r) => ({ ...r, typeNames: [...r.typeNames] })) };
    if ((await numbering.saveNumbering(agency.code102, { config, expectedVersion: 0, guards: [], starts: [] })) === 'saved') seeded += 1;
  }
  return seeded;
}

/**
 * Gives each SAMPLE agency its SAMPLE units (Văn phòng, Phòng Tổng hợp) and records the sample users in its
 * people directory (e-mail at the reserved `example.invalid` domain: the local outbox shows where mail would
 * go), once: what a developer changed is never overwritten.
 */
export async function seedSamplePeople(directory: DirectoryStore, now: Date): Promise<number> {
  const by = { sub: 'local-runtime', name: 'sample data' };
  const updatedAt = now.toISOString();
  let seeded = 0;
  for (const agency of sampleAgencies) {
    for (const unit of sampleUnits) {
      if ((await directory.saveUnit({ ...unit, organId: agency.code102, active: true, updatedAt, updatedBy: by, version: 1 })) === 'saved') seeded += 1;
    }
  }
  for (const user of sampleUsers) {
    const role = user.roles[0] ?? 'specialist';
    const person = {
      organId: user.organId,
      sub: user.sub,
      name: user.name,
      units: [sampleUnitOf[role]],
      roles: [...user.roles],
      email: `${user.sub}@example.invalid`,
      active: true,
      // A sample leader signs with the development remote signer's credential named after them (signing-setup.ts).
      ...(user.roles.includes('leader') ? { signing: { credentialIds: [user.sub], certificates: [] } } : {}),
    };
    if ((await directory.savePerson({ ...person, updatedAt, updatedBy: by, version: 1 })) === 'saved') seeded += 1;
  }
  return seeded;
}
