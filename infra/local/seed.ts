import type { AgencyStore } from '#domain/agency/store';
import { newUnit } from '#domain/agency/unit';
import { sampleAgencies } from './sample-data.ts';

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
