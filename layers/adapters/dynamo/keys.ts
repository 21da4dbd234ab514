/**
 * Key builders for the single table, named by access pattern (docs/DATA.md). Every item carries `entity`
 * and `schemaVersion`; nothing outside this folder knows a key's shape.
 */
export const SCHEMA_VERSION = 1;

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export const keys = {
  document: (id: string): Key => ({ pk: `DOC#${id}`, sk: 'DOC' }),
  historyEvent: (documentId: string, sequence: number): Key => ({ pk: `DOC#${documentId}`, sk: `EVENT#${pad(sequence, 6)}` }),
  historyPrefix: 'EVENT#',
  /** Số đến counter of an agency-year, per series (ordinary or secret). */
  arrivalCounter: (organId: string, year: number, series: 'main' | 'secret' = 'main'): Key => ({
    pk: `COUNTER#${organId}`,
    sk: series === 'main' ? `ARRIVAL#${year}` : `ARRIVAL-SECRET#${year}`,
  }),
  /** Số đi counter of a register (sổ) and year; the secret series is the register `secret`. */
  registerCounter: (organId: string, registerId: string, year: number): Key => ({ pk: `COUNTER#${organId}`, sk: `REG#${registerId}#${year}` }),
  /** Every register counter of an agency: `REG#<registerId>#<year>` under `COUNTER#<organId>`. */
  registerCounterPrefix: 'REG#',
  numbering: (organId: string): Key => ({ pk: `AGENCY#${organId}`, sk: 'NUMBERING' }),
  /** A printed number and notation of an agency-year, issued once (`scope` public or secret). */
  printed: (organId: string, year: number, scope: string, identity: string): Key => ({ pk: `PRINTED#${organId}#${year}#${scope}#${identity}`, sk: 'PRINTED' }),
  duplicateMarker: (organId: string, duplicateKey: string): Key => ({ pk: `DUP#${organId}#${duplicateKey}`, sk: 'DUP' }),
  idempotency: (organId: string, key: string): Key => ({ pk: `IDEMP#${organId}#${key}`, sk: 'IDEMP' }),
} as const;

/** GSI keys of a document: by agency+direction (gsi1), by status (gsi2), incoming register (gsi3). */
export const documentIndexes = {
  byDirection: (organId: string, direction: string) => `ORG#${organId}#${direction}`,
  byStatus: (organId: string, direction: string, status: string) => `ORG#${organId}#${direction}#${status}`,
  register: (organId: string, direction: string, year: number) => `REGISTER#${organId}#${direction}#${year}`,
  created: (createdAt: string, id: string) => `${createdAt}#${id}`,
} as const;

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Removes the storage attributes so the domain sees only its own fields. */
export function stripStorage<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _v, searchText: _s, searchName: _n, issuerText: _i, typeText: _t, assigneeText: _a, expiresAt: _x, ...rest } = item;
  for (const name of Object.keys(rest)) if (/^gsi\d+(pk|sk)$/.test(name)) delete rest[name];
  return rest as T;
}
