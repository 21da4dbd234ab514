import { describe, it, expect } from 'vitest';
import { parseAgencyCode, parseCode102, parseQd20 } from '#domain/agency/code';

/** [input, the block at fault (position, level, text) or undefined for a whole-input fault, a reason fragment]. */
type Case = readonly [string, { position: number; level: number; text: string } | undefined, RegExp];

describe('invalid QCVN 102 codes name the block, the expectation and the finding', () => {
  const cases: readonly Case[] = [
    ['', undefined, /^empty code: expected NNN\.NN\.NN\.XNN/],
    ['   ', undefined, /^empty code/],
    ['000.00.H26', undefined, /expected 4 blocks .* found 3/],
    ['000.00.00.00.H26', undefined, /expected 4 blocks .* found 5/],
    ['000-00-00-H26', undefined, /^character 4 "-": expected only digits, letters and "\."/],
    ['000.00.00 H26', undefined, /^character 10 " "/],
    ['000,00.00.H26', undefined, /^character 4 ","/],
    ['000.00.00.H２6', undefined, /^character 12 "２"/],
    ['0000.00.00.H26', { position: 1, level: 4, text: '0000' }, /expected 3 digits; found 4 characters$/],
    ['000.00.00.H260', { position: 4, level: 1, text: 'H260' }, /found 4 characters$/],
    ['000.000.00.H26', { position: 2, level: 3, text: '000' }, /expected 2 digits; found 3 characters$/],
    ['000.00..H26', { position: 3, level: 2, text: '' }, /expected 2 digits; found nothing$/],
    ['000.00.1A.H26', { position: 3, level: 2, text: '1A' }, /found "A" at character 2 of the block$/],
    ['0O0.00.00.H26', { position: 1, level: 4, text: '0O0' }, /found "O" at character 2 of the block$/],
    ['000.00.00.h26', { position: 4, level: 1, text: 'h26' }, /^block 4 \(level 1\) "h26": expected an upper-case letter A–K followed by 2 digits; found lower-case "h"/],
    ['000.00.00.Z26', { position: 4, level: 1, text: 'Z26' }, /found "Z", which is not a level-1 letter/],
    ['000.00.00.126', { position: 4, level: 1, text: '126' }, /found "1" at character 1 of the block$/],
    ['000.00.00.HA6', { position: 4, level: 1, text: 'HA6' }, /found "A" at character 2 of the block$/],
    ['000.00.00.W01', { position: 4, level: 1, text: 'W01' }, /W is used only in the hub block W00/],
    [
      '000.05.00.H26',
      { position: 2, level: 3, text: '05' },
      /^block 2 \(level 3\) "05": expected "00" since block 3 \(level 2\) is "00"; found a level-3 unit without a level-2 unit above it$/,
    ],
    ['001.00.00.H26', { position: 1, level: 4, text: '001' }, /^block 1 \(level 4\) "001": expected "000" since block 3 \(level 2\) is "00"/],
    ['001.00.18.G12', { position: 1, level: 4, text: '001' }, /since block 2 \(level 3\) is "00"/],
    ['001.05.00.H26', { position: 2, level: 3, text: '05' }, /since block 3 \(level 2\) is "00"/],
  ];

  it.each(cases)('%j', (input, block, reason) => {
    // Act
    const result = parseCode102(input);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.block === undefined ? undefined : pick(result.block)).toEqual(block);
  });

  it('reads right to left: the level-1 fault is reported before a level-4 one', () => {
    // Act
    const result = parseCode102('0000.00.00.h26');
    // Assess
    expect(!result.ok && result.block?.level).toBe(1);
  });

  it('14 characters is never a valid code', () => {
    // Prepare
    const fourteen = ['0000.00.00.H26', '000.00.00.H26X', '000.00.00.H26.'];
    // Act
    const results = fourteen.map((input) => parseCode102(input).ok);
    // Assess
    expect(fourteen.every((input) => input.length === 14)).toBe(true);
    expect(results).toEqual([false, false, false]);
  });
});

describe('invalid QĐ 20 codes', () => {
  const cases: readonly Case[] = [
    ['h26', { position: 1, level: 1, text: 'h26' }, /^block 1 \(level 1\) "h26": expected an upper-case letter A–K/],
    ['G12.', { position: 2, level: 2, text: '' }, /found nothing$/],
    ['G12.00', { position: 2, level: 2, text: '00' }, /found "00", which means no unit: omit the block/],
    ['G12.18.05.000', { position: 4, level: 4, text: '000' }, /which means no unit/],
    ['G12.00.05', { position: 2, level: 2, text: '00' }, /which means no unit/],
    ['G12.18.5', { position: 3, level: 3, text: '5' }, /expected 2 digits; found 1 character$/],
    ['G12.18.05.12', { position: 4, level: 4, text: '12' }, /expected 3 digits; found 2 characters$/],
    ['G12.18.05.012.01', undefined, /expected 1 to 4 blocks .* found 5/],
    ['G12/18', undefined, /^character 4 "\/"/],
    ['Q12.18', { position: 1, level: 1, text: 'Q12' }, /not a level-1 letter/],
  ];

  it.each(cases)('%j', (input, block, reason) => {
    // Act
    const result = parseQd20(input);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.block === undefined ? undefined : pick(result.block)).toEqual(block);
  });

  it('parseAgencyCode routes a leading letter to the QĐ 20 rules', () => {
    // Act
    const result = parseAgencyCode('G12.00');
    // Assess
    expect(!result.ok && result.notation).toBe('qd20');
  });
});

function pick(block: { position: number; level: number; text: string }) {
  return { position: block.position, level: block.level, text: block.text };
}
