/**
 * The simulator's `getAgenciesList`: one row per agency served by a registered system, in the axis's row
 * shape (`{id, pid, code, code102, name, mail}`), both code notations when the code parses. Marked as
 * simulated in the name so a row imported by mistake is recognisable.
 */
import { parseAgencyCode } from '#domain/agency/code';
import type { SimulatedSystem } from './store.ts';

export interface CatalogueRow {
  readonly id: string;
  readonly pid: string | null;
  readonly code: string;
  readonly code102: string;
  readonly name: string;
  readonly mail: string | null;
}

export function simulatedCatalogue(systems: readonly SimulatedSystem[]): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const system of systems) {
    for (const agency of system.agencies) {
      const parsed = parseAgencyCode(agency);
      rows.push({
        id: String(rows.length + 1),
        pid: null,
        code: parsed.ok ? parsed.code.qd20 : agency,
        code102: parsed.ok ? parsed.code.code102 : agency,
        name: `Simulated agency ${agency} (system ${system.systemId})`,
        mail: null,
      });
    }
  }
  return rows;
}
