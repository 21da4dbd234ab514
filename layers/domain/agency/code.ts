/**
 * Agency identification codes (mã định danh điện tử) in their two notations:
 * - QCVN 102:2016 `NNN.NN.NN.XNN`, read right to left: `012.05.18.G12` is level 4 under `000.05.18.G12`;
 * - QĐ 20/2020/QĐ-TTg, level 1 first: the same unit is `G12.18.05.012`.
 *
 * Input rules, decided here because codes are exchanged verbatim between systems:
 * - surrounding whitespace is trimmed (copy-paste from forms and spreadsheets); whitespace inside is refused;
 * - lower case is refused with a precise reason rather than upper-cased, so a wrong code is never "fixed" silently;
 * - the level-1 letter must be one of A–K (./level-one.ts); W is accepted only as the hub block `W00`;
 *   the two digits after the letter are not checked (H01–H63 changes with provincial mergers);
 * - "none at this level" is `00`/`000` in QCVN 102 and is refused in QĐ 20, where the block is omitted;
 *   a unit below a level that is "none" is refused (e.g. `000.05.00.H26`).
 * Parsing never throws: it returns a discriminated result; `parseAgencyCodeOrThrow` is for callers that want to.
 * The helpers that take `string | AgencyCode` parse a string in either notation and throw `AgencyCodeError` if invalid.
 */
import { blocksOf, form102, read102, readQd20, type Reading } from './blocks.ts';
import { hubBlock, isLevelOneLetter, levelOneKinds, type LevelOneKind } from './level-one.ts';

export { levelOneKinds, type LevelOneKind, type LevelOneLetter } from './level-one.ts';

export type AgencyLevel = 1 | 2 | 3 | 4;
export type Notation = 'qcvn102' | 'qd20';

/** A valid agency code, in both notations. */
export interface AgencyCode {
  /** QCVN 102 form, always 13 characters: `000.00.18.G12`. */
  readonly code102: string;
  /** QĐ 20 form, level 1 first: `G12.18`. */
  readonly qd20: string;
  readonly level: AgencyLevel;
  /** One entry per level, level 1 first: `['G12', '18']`. */
  readonly units: readonly string[];
}

/** The block a code was refused for: `position` counts blocks left to right in the notation that was read. */
export interface BlockFault {
  readonly position: 1 | 2 | 3 | 4;
  readonly level: AgencyLevel;
  readonly text: string;
  readonly expected: string;
  readonly found: string;
}

export type AgencyCodeParse =
  | { readonly ok: true; readonly code: AgencyCode }
  | { readonly ok: false; readonly reason: string; readonly notation?: Notation; readonly block?: BlockFault };

/**
 * Parses a code in either notation: a leading letter means QĐ 20, anything else QCVN 102.
 * @example
 * const result = parseAgencyCode('000.05.18.G12');
 * if (result.ok) result.code.qd20; // 'G12.18.05'
 * else result.reason;              // e.g. 'block 4 (level 1) "h26": expected an upper-case letter A–K ...'
 */
export function parseAgencyCode(input: string): AgencyCodeParse {
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: `empty code: expected ${form102} (QCVN 102) or a QĐ 20 code such as G12.18` };
  return /^[A-Za-z]/.test(text) ? parseQd20(text) : parseCode102(text);
}

/**
 * Parses the QCVN 102:2016 form only (13 characters, `NNN.NN.NN.XNN`).
 * @example parseCode102('000.00.00.H26') // { ok: true, code: { qd20: 'H26', level: 1, ... } }
 */
export function parseCode102(input: string): AgencyCodeParse {
  return fromReading(read102(input.trim()), 'qcvn102');
}

/**
 * Parses the QĐ 20/2020/QĐ-TTg form only (level 1 first).
 * @example parseQd20('G12.18') // { ok: true, code: { code102: '000.00.18.G12', level: 2, ... } }
 */
export function parseQd20(input: string): AgencyCodeParse {
  return fromReading(readQd20(input.trim()), 'qd20');
}

/** Thrown by the throwing variants; carries what `parseAgencyCode` would have returned. */
export class AgencyCodeError extends Error {
  override readonly name = 'AgencyCodeError';
  readonly input: string;
  readonly reason: string;
  readonly block: BlockFault | undefined;

  constructor(input: string, reason: string, block?: BlockFault) {
    super(`invalid agency code "${input}": ${reason}`);
    this.input = input;
    this.reason = reason;
    this.block = block;
  }
}

/**
 * Parses either notation, throwing `AgencyCodeError` with the precise reason when invalid.
 * @example parseAgencyCodeOrThrow('H26').code102 // '000.00.00.H26'
 */
export function parseAgencyCodeOrThrow(input: string): AgencyCode {
  const result = parseAgencyCode(input);
  if (!result.ok) throw new AgencyCodeError(input, result.reason, result.block);
  return result.code;
}

/**
 * The QCVN 102 form of a code given in either notation; throws `AgencyCodeError` when invalid.
 * @example toCode102('G12.18.05.012') // '012.05.18.G12'
 */
export function toCode102(code: string | AgencyCode): string {
  return resolve(code).code102;
}

/**
 * The QĐ 20 form of a code given in either notation; throws `AgencyCodeError` when invalid.
 * @example toQd20('000.00.18.G12') // 'G12.18'
 */
export function toQd20(code: string | AgencyCode): string {
  return resolve(code).qd20;
}

/**
 * The unit one level up, or undefined for a level-1 code.
 * @example parentOf('000.05.18.G12')?.code102 // '000.00.18.G12'
 */
export function parentOf(code: string | AgencyCode): AgencyCode | undefined {
  const { units } = resolve(code);
  return units.length === 1 ? undefined : fromUnits(units.slice(0, -1));
}

/**
 * Every unit above the code, level 1 first, ending with the parent; empty for a level-1 code.
 * @example ancestorsOf('G12.18.05').map((a) => a.qd20) // ['G12', 'G12.18']
 */
export function ancestorsOf(code: string | AgencyCode): AgencyCode[] {
  const { units } = resolve(code);
  return units.slice(1).map((_, index) => fromUnits(units.slice(0, index + 1)));
}

/**
 * Whether `ancestor` sits strictly above `code` in the hierarchy.
 * @example isUnder('012.05.18.G12', '000.00.00.G12') // true
 */
export function isUnder(code: string | AgencyCode, ancestor: string | AgencyCode): boolean {
  const below = resolve(code).units;
  const above = resolve(ancestor).units;
  return above.length < below.length && above.every((unit, index) => below[index] === unit);
}

/**
 * What kind of body the level-1 letter designates.
 * @example levelOneKindOf('000.00.00.H26') // 'provincial-people-committee'
 */
export function levelOneKindOf(code: string | AgencyCode): LevelOneKind {
  const resolved = resolve(code);
  const letter = resolved.units[0]?.charAt(0) ?? '';
  if (!isLevelOneLetter(letter)) throw new AgencyCodeError(resolved.code102, `unknown level-1 letter "${letter}"`);
  return levelOneKinds[letter].kind;
}

/**
 * Whether a code is a hub/centre code (contains a `W00` block), which is never a real recipient.
 * A string is checked by its blocks without validation, so even a malformed hub code is recognised.
 * @example isHub('000.00.00.W00') // true
 */
export function isHub(code: string | AgencyCode): boolean {
  const blocks = typeof code === 'string' ? blocksOf(code) : code.units;
  return blocks.includes(hubBlock);
}

/**
 * Whether a string is shaped like an agency code (dotted blocks, or a lone level-1 block) — valid or not. An
 * identifier of this shape that does not parse is a mistyped code, not an id from outside the state system.
 * @example looksLikeAgencyCode('28.22.H17') // true (and invalid)
 * @example looksLikeAgencyCode('010203040506') // false
 */
export function looksLikeAgencyCode(value: string): boolean {
  return /^[\dA-Za-z]{1,3}(\.[\dA-Za-z]{1,3})+$|^[A-Za-z]\d{2}$/.test(value.trim());
}

function fromReading(reading: Reading, notation: Notation): AgencyCodeParse {
  if (!reading.ok) return { ok: false, reason: reading.reason, notation, ...(reading.block && { block: reading.block }) };
  return { ok: true, code: fromUnits(reading.units) };
}

/** Builds both notations from units already validated, level 1 first. */
function fromUnits(units: readonly string[]): AgencyCode {
  const [top, level2 = '00', level3 = '00', level4 = '000'] = units;
  return Object.freeze({
    code102: [level4, level3, level2, top].join('.'),
    qd20: units.join('.'),
    level: units.length as AgencyLevel,
    units: Object.freeze([...units]),
  });
}

function resolve(code: string | AgencyCode): AgencyCode {
  return typeof code === 'string' ? parseAgencyCodeOrThrow(code) : code;
}
