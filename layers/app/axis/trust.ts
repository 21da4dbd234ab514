import { isUnder, parseAgencyCode } from '#domain/agency/code';
import type { Dependencies } from '../context.ts';

/**
 * Who may say what through the axis. The From inside a package is the sender's own claim; what the axis
 * vouches for is the listing's `from`, the agency the sending system authenticated as. A package is taken
 * in only when its From is that very agency (in either notation), never a city agency (those reach each
 * other inside this system, not through the axis). Not a unit under it either: a unit with a system of
 * its own must not be spoken for by its parent's. Statuses and sender requests are further tied to the
 * delivery and to the document they are about (./receive.ts).
 */

/** Longer identifiers are no agency's: never looked up, never part of a key. */
export const MAX_ID_LENGTH = 64;

/** Why a package was not taken in; recorded, and the package acknowledged `fail`. */
export const refusalReasons = {
  'invalid-package': 'the package is not edXML we can process',
  'sender-not-authenticated': "the package's From is not the agency the axis says sent it",
  'not-for-the-city': 'the package is addressed to no agency of the city',
  'duplicate-document-id': 'another package already came under this DocumentId from this sender, with other content',
  'status-not-for-recipient': 'a status code only the sender of a document may send (13), sent by a recipient',
  'gave-up': 'the package failed on every delivery of its message (recorded, not acknowledged: it goes to the dead-letter queue)',
  'city-sender-via-axis': 'the package claims a city agency as its sender, but city agencies never send through the axis',
  'status-for-unknown-delivery': 'a status about a document this system never sent to that agency',
  'status-wrong-channel': 'a status through the axis about a delivery made inside the city',
  'request-not-from-sender': 'a revocation, update or replacement of a document its sender never sent to this agency',
} as const;
export type RefusalReason = keyof typeof refusalReasons;

export class PackageRefusal extends Error {
  override readonly name = 'PackageRefusal';
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * The canonical form of an identifier as it travels: the QCVN 102 code of an agency code in either notation
 * (`G12.18` → `000.00.18.G12`), anything else (an enterprise id of 12 digits) as it came.
 */
export function canonicalOrganId(organId: string): string {
  const parsed = parseAgencyCode(organId);
  return parsed.ok ? parsed.code.code102 : organId.trim();
}

/** Whether two identifiers name the same agency, whatever notation each uses. */
export function sameOrgan(a: string, b: string): boolean {
  return canonicalOrganId(a) === canonicalOrganId(b);
}

/** Whether `organId` is the city or one of its units, in either notation. */
export function isCityCode(cityCode: string, organId: string): boolean {
  const canonical = canonicalOrganId(organId);
  const parsed = parseAgencyCode(canonical);
  return parsed.ok && (canonical === canonicalOrganId(cityCode) || isUnder(parsed.code, cityCode));
}

/**
 * An identifier as the axis catalogue knows it: a code the parser cannot read may still be the catalogue's
 * `code` of an agency (imported into the directory), whose QCVN 102 code is then the canonical form.
 */
async function catalogued(deps: Pick<Dependencies, 'agencies'>, organId: string): Promise<string> {
  const canonical = canonicalOrganId(organId);
  if (parseAgencyCode(canonical).ok || canonical.length > MAX_ID_LENGTH) return canonical;
  return (await deps.agencies.getByQd20(canonical))?.code102 ?? canonical;
}

/**
 * @throws {PackageRefusal} when the package's From is not the listing's sender, or claims a city agency.
 */
export async function checkSender(deps: Pick<Dependencies, 'cityCode' | 'agencies'>, listingFrom: string, packageFrom: string): Promise<void> {
  const [system, sender] = await Promise.all([catalogued(deps, listingFrom), catalogued(deps, packageFrom)]);
  if (isCityCode(deps.cityCode, sender)) {
    throw new PackageRefusal('city-sender-via-axis', `Gói tin ghi đơn vị gửi ${packageFrom} thuộc thành phố, nhưng được gửi qua trục bởi ${listingFrom}.`, {
      listingFrom,
      packageFrom,
    });
  }
  if (system === sender) return;
  throw new PackageRefusal('sender-not-authenticated', `Gói tin ghi đơn vị gửi ${packageFrom}, nhưng trục cho biết người gửi là ${listingFrom}.`, { listingFrom, packageFrom });
}

/** The spellings an identifier may have been recorded under: as it came, and both notations of an agency code. */
export function notationsOf(organId: string): string[] {
  const parsed = parseAgencyCode(organId);
  return [...new Set([organId.trim(), ...(parsed.ok ? [parsed.code.code102, parsed.code.qd20] : [])])];
}
