import * as z from 'zod';
import { parseAgencyCode } from './code.ts';
import type { UnitInput } from './unit.ts';

/**
 * One row of the national axis agency catalogue (`getAgenciesList`): `{id, pid, code, code102, name, mail, …}`.
 * `code` is the QĐ 20/2020 form, `code102` the QCVN 102 form; either may be missing or stale in real
 * data, so a row is accepted when one of them parses and they agree when both are present.
 */
export const catalogueRowSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  pid: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? undefined : String(v))),
  code: z.string().trim().nullish(),
  code102: z.string().trim().nullish(),
  name: z.string().trim().min(1).max(200),
  mail: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(50).nullish(),
  address: z.string().trim().max(300).nullish(),
  website: z.string().trim().max(200).nullish(),
});

export type CatalogueRow = z.infer<typeof catalogueRowSchema>;

export type RowReading = { readonly ok: true; readonly unit: UnitInput & { catalogueId: string } } | { readonly ok: false; readonly reason: string };

/** Reads one catalogue row into a unit input, or says precisely why the row is rejected. */
export function readCatalogueRow(raw: unknown): RowReading {
  const parsed = catalogueRowSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') };
  }
  const row = parsed.data;
  const from102 = row.code102 ? parseAgencyCode(row.code102) : undefined;
  const fromQd20 = row.code ? parseAgencyCode(row.code) : undefined;
  if (from102 === undefined && fromQd20 === undefined) return { ok: false, reason: 'neither code nor code102 is present' };
  if (from102 !== undefined && !from102.ok) return { ok: false, reason: `code102 "${row.code102}": ${from102.reason}` };
  if (fromQd20 !== undefined && !fromQd20.ok && from102 === undefined) return { ok: false, reason: `code "${row.code}": ${fromQd20.reason}` };
  const code = from102?.ok === true ? from102.code : fromQd20?.ok === true ? fromQd20.code : undefined;
  if (code === undefined) return { ok: false, reason: 'no usable code' };
  if (from102?.ok === true && fromQd20?.ok === true && from102.code.code102 !== fromQd20.code.code102) {
    return { ok: false, reason: `code "${row.code}" and code102 "${row.code102}" name different agencies` };
  }
  const email = row.mail && z.email().safeParse(row.mail).success ? row.mail : undefined;
  return {
    ok: true,
    unit: {
      code102: code.code102,
      name: row.name,
      kind: 'other',
      contact: {
        ...(email === undefined ? {} : { email }),
        ...(row.phone ? { telephone: row.phone } : {}),
        ...(row.address ? { address: row.address } : {}),
        ...(row.website ? { website: row.website } : {}),
      },
      sample: false,
      catalogueId: row.id,
    },
  };
}
