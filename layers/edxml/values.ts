/**
 * The value formats of QCVN 102 and their JSON spelling: dates `YYYY/MM/DD` in XML are ISO `YYYY-MM-DD` in
 * JSON; timestamps `YYYY/MM/DD HH:mm:ss` are Vietnam wall time (UTC+7, no daylight saving) in XML and ISO
 * with `+07:00` in JSON; a DocumentId is `OrganId,YYYY/MM/DD,Number/Notation`.
 */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The parts of a DocumentId (mã định danh văn bản). */
export interface DocumentIdParts {
  readonly organId: string;
  /** ISO `YYYY-MM-DD`. */
  readonly promulgationDate: string;
  /** Số, e.g. `7816` (kept as text: real packages carry non-numeric ones). */
  readonly number: string;
  /** Ký hiệu, e.g. `VPCP-TTĐT`. */
  readonly notation: string;
}

/**
 * Formats a DocumentId.
 *
 * @example
 * formatDocumentId({ organId: '000.00.00.G22', promulgationDate: '2015-09-30', number: '7816', notation: 'VPCP-TTĐT' })
 * // '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT'
 */
export function formatDocumentId(parts: DocumentIdParts): string {
  return `${parts.organId},${isoDateToXml(parts.promulgationDate)},${parts.number}/${parts.notation}`;
}

/** Reads a DocumentId; `success: false` carries a reason a clerk can read (a zod-like safe parse). */
export function parseDocumentId(text: string): { readonly success: true; readonly data: DocumentIdParts } | { readonly success: false; readonly error: string } {
  const fields = text.split(',');
  if (fields.length !== 3) return { success: false, error: `expected "OrganId,YYYY/MM/DD,Number/Notation", got ${fields.length} comma-separated parts` };
  const [organId = '', date = '', code = ''] = fields.map((f) => f.trim());
  if (organId === '') return { success: false, error: 'the OrganId part is empty' };
  const promulgationDate = /^\d{4}\/\d{2}\/\d{2}$/.test(date) ? calendarDate(date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)) : undefined;
  if (promulgationDate === undefined) return { success: false, error: `"${date}" is not a valid YYYY/MM/DD date` };
  const slash = code.indexOf('/');
  if (slash <= 0 || slash === code.length - 1) return { success: false, error: `"${code}" is not Number/Notation` };
  return { success: true, data: { organId, promulgationDate, number: code.slice(0, slash), notation: code.slice(slash + 1) } };
}

/** `2015-09-30` → `2015/09/30`. */
export function isoDateToXml(isoDate: string): string {
  return isoDate.replaceAll('-', '/');
}

/** An ISO instant (any offset) → Vietnam wall time `YYYY/MM/DD HH:mm:ss`. */
export function isoTimestampToXml(isoTimestamp: string): string {
  const wall = new Date(Date.parse(isoTimestamp) + VIETNAM_OFFSET_MS).toISOString();
  return `${wall.slice(0, 10).replaceAll('-', '/')} ${wall.slice(11, 19)}`;
}

/** Any ISO instant → the canonical JSON spelling `YYYY-MM-DDTHH:mm:ss+07:00` (seconds precision). */
export function toVietnamIso(isoTimestamp: string): string {
  const wall = new Date(Math.floor(Date.parse(isoTimestamp) / 1000) * 1000 + VIETNAM_OFFSET_MS).toISOString();
  return `${wall.slice(0, 19)}+07:00`;
}

/** What a reader made of a date or timestamp: the ISO value, and whether the XML spelling was not QCVN 102's. */
export interface ReadValue {
  readonly value: string | undefined;
  readonly nonStandard: boolean;
}

/** Reads an XML date: `YYYY/MM/DD` (standard), or leniently `YYYY-MM-DD` and `DD/MM/YYYY`. */
export function readXmlDate(text: string): ReadValue {
  const t = text.trim();
  let m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m !== null) return { value: calendarDate(m[1], m[2], m[3]), nonStandard: !/^\d{4}\/\d{2}\/\d{2}$/.test(t) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (m !== null) return { value: calendarDate(m[1], m[2], m[3]), nonStandard: true };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m !== null) return { value: calendarDate(m[3], m[2], m[1]), nonStandard: true };
  return { value: undefined, nonStandard: true };
}

/**
 * Reads an XML timestamp: `YYYY/MM/DD HH:mm:ss` Vietnam time (standard), or leniently `YYYY-MM-DD HH:mm:ss`,
 * `DD/MM/YYYY HH:mm:ss` (seen in provincial systems) and ISO instants with an offset.
 */
export function readXmlTimestamp(text: string): ReadValue {
  const t = text.trim();
  const standard = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(t);
  if (standard !== null) return { value: wallTime(standard[1], standard[2], standard[3], standard.slice(4)), nonStandard: false };
  const isoLike = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (isoLike !== null) {
    const zone = isoLike[8];
    if (zone === undefined) return { value: wallTime(isoLike[1], isoLike[2], isoLike[3], isoLike.slice(4, 7)), nonStandard: true };
    return { value: Number.isNaN(Date.parse(t.replace(' ', 'T'))) ? undefined : toVietnamIso(t.replace(' ', 'T')), nonStandard: true };
  }
  const dayFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(t);
  if (dayFirst !== null) return { value: wallTime(dayFirst[3], dayFirst[2], dayFirst[1], dayFirst.slice(4)), nonStandard: true };
  return { value: undefined, nonStandard: true };
}

/** `YYYY-MM-DD` when the numbers name a real calendar day (2014/02/30 does not). */
function calendarDate(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || y < 1000 || y > 9999) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function wallTime(year: string | undefined, month: string | undefined, day: string | undefined, hms: readonly (string | undefined)[]): string | undefined {
  const date = calendarDate(year, month, day);
  const [h, mi, s] = hms.map(Number);
  if (date === undefined || h === undefined || mi === undefined || s === undefined) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}+07:00`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
