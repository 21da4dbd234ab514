/**
 * The block rules of both notations, kept apart from ./code.ts so that every refusal reads the same way:
 * `block <position> (level <level>) "<text>": expected <what>; found <what>`. Levels are checked from 1
 * downwards in both notations, which for QCVN 102 means right to left, the way the code is read.
 */
import type { AgencyLevel, BlockFault } from './code.ts';
import { hubBlock, isLevelOneLetter } from './level-one.ts';

/** Units level 1 first (`['G12', '18', '05']`), or why the text is not a code. */
export type Reading = { readonly ok: true; readonly units: readonly string[] } | { readonly ok: false; readonly reason: string; readonly block?: BlockFault };

export const form102 = 'NNN.NN.NN.XNN';

/** Reads `NNN.NN.NN.XNN` (QCVN 102:2016): block 4 is level 1, block 1 is level 4; zeros mean "none". */
export function read102(text: string): Reading {
  const whole = checkWhole(text, `expected ${form102} (QCVN 102)`);
  if (whole !== undefined) return whole;
  const blocks = text.split('.');
  if (blocks.length !== 4) {
    const hint = /^[A-Za-z]/.test(text) ? ' (a code starting with a letter is in the QĐ 20 form)' : '';
    return refuse(`expected 4 blocks ${form102} separated by "."; found ${blocks.length}${hint}`);
  }
  const byLevel = blocks.slice().reverse();
  let missingLevel: AgencyLevel | undefined;
  const units: string[] = [];
  for (const [index, unit] of byLevel.entries()) {
    const level = levelAt(index);
    const position = positionIn102(level);
    const found = checkUnit(unit, level);
    if (found !== undefined) return refuseBlock({ position, level, text: unit, expected: expectedAt(level), found });
    if (!isNone(unit)) {
      if (missingLevel !== undefined) {
        const none = noneAt(missingLevel);
        return refuseBlock({
          position,
          level,
          text: unit,
          expected: `"${noneAt(level)}" since block ${positionIn102(missingLevel)} (level ${missingLevel}) is "${none}"`,
          found: `found a level-${level} unit without a level-${missingLevel} unit above it`,
        });
      }
      units.push(unit);
    } else {
      missingLevel ??= level;
    }
  }
  return { ok: true, units };
}

/** Reads the QĐ 20/2020/QĐ-TTg form: level 1 first, one block per level, no "none" blocks. */
export function readQd20(text: string): Reading {
  const whole = checkWhole(text, 'expected a QĐ 20 code such as G12.18');
  if (whole !== undefined) return whole;
  const blocks = text.split('.');
  if (blocks.length > 4) {
    return refuse(`expected 1 to 4 blocks separated by "." (level 1 first, e.g. G12.18.05.012); found ${blocks.length}`);
  }
  for (const [index, unit] of blocks.entries()) {
    const level = levelAt(index);
    const fault = { position: level, level, text: unit, expected: expectedAt(level) };
    const found = checkUnit(unit, level);
    if (found !== undefined) return refuseBlock({ ...fault, found });
    if (level !== 1 && isNone(unit)) {
      return refuseBlock({ ...fault, expected: `${fault.expected} other than "${unit}"`, found: `found "${unit}", which means no unit: omit the block` });
    }
  }
  return { ok: true, units: blocks };
}

/** The blocks of a code in either notation, for the lenient hub test; no validation. */
export function blocksOf(text: string): readonly string[] {
  return text.trim().split('.');
}

function checkWhole(text: string, expected: string): Reading | undefined {
  if (text.length === 0) return refuse(`empty code: ${expected}`);
  let position = 0;
  for (const character of text) {
    position += 1;
    if (!/^[0-9A-Za-z.]$/.test(character)) {
      return refuse(`character ${position} ${quote(character)}: expected only digits, letters and "." between blocks`);
    }
  }
  return undefined;
}

/** What is wrong with one block (as a "found ..." phrase), or undefined when it is well formed. */
function checkUnit(unit: string, level: AgencyLevel): string | undefined {
  const length = level === 2 || level === 3 ? 2 : 3;
  if (unit.length === 0) return 'found nothing';
  if (unit.length !== length) return `found ${unit.length} character${unit.length === 1 ? '' : 's'}`;
  for (const [index, character] of [...unit].entries()) {
    if (level === 1 && index === 0) {
      if (/[a-z]/.test(character)) return `found lower-case "${character}" (codes are exchanged verbatim: upper case only)`;
      if (!/[A-Z]/.test(character)) return `found "${character}" at character 1 of the block`;
      if (!isLevelOneLetter(character)) return `found "${character}", which is not a level-1 letter (A–K; W only in the hub block ${hubBlock})`;
    } else if (!/[0-9]/.test(character)) {
      return `found "${character}" at character ${index + 1} of the block`;
    }
  }
  if (level === 1 && unit.startsWith('W') && unit !== hubBlock) return `found "${unit}": W is used only in the hub block ${hubBlock}`;
  return undefined;
}

function expectedAt(level: AgencyLevel): string {
  if (level === 1) return 'an upper-case letter A–K followed by 2 digits';
  return level === 4 ? '3 digits' : '2 digits';
}

function levelAt(index: number): AgencyLevel {
  const levels = [1, 2, 3, 4] as const;
  const level = levels[index];
  if (level === undefined) throw new RangeError(`no level at block index ${index}`);
  return level;
}

function positionIn102(level: AgencyLevel): BlockFault['position'] {
  return (5 - level) as BlockFault['position'];
}

function noneAt(level: AgencyLevel): string {
  return level === 4 ? '000' : '00';
}

function isNone(unit: string): boolean {
  return /^0+$/.test(unit);
}

/** Quotes a character, adding its code point when it would not be visible or is easy to confuse. */
function quote(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const visible = codePoint > 0x20 && codePoint < 0x7f;
  return visible ? `"${character}"` : `"${character}" (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
}

function refuse(reason: string): Reading {
  return { ok: false, reason };
}

function refuseBlock(block: BlockFault): Reading {
  return { ok: false, reason: `block ${block.position} (level ${block.level}) "${block.text}": expected ${block.expected}; ${block.found}`, block };
}
