import { describe, it, expect } from 'vitest';
import {
  AgencyCodeError,
  ancestorsOf,
  isHub,
  isUnder,
  levelOneKindOf,
  parentOf,
  parseAgencyCode,
  parseAgencyCodeOrThrow,
  parseCode102,
  parseQd20,
  toCode102,
  toQd20,
} from '#domain/agency/code';

describe('parseCode102: the QCVN 102:2016 form, read right to left', () => {
  it.each([
    ['000.00.00.H26', 1, 'H26', ['H26']],
    ['000.00.18.G12', 2, 'G12.18', ['G12', '18']],
    ['000.05.18.G12', 3, 'G12.18.05', ['G12', '18', '05']],
    ['012.05.18.G12', 4, 'G12.18.05.012', ['G12', '18', '05', '012']],
  ])('%s is level %i, %s in QĐ 20', (input, level, qd20, units) => {
    // Act
    const result = parseCode102(input);
    // Assess
    expect(result).toEqual({ ok: true, code: { code102: input, qd20, level, units } });
  });

  it('trims surrounding whitespace, including a no-break space', () => {
    // Prepare
    const padded = ' \t000.00.18.G12\u00a0\n';
    // Act
    const result = parseCode102(padded);
    // Assess
    expect(result.ok && result.code.code102).toBe('000.00.18.G12');
  });

  it('refuses the QĐ 20 form', () => {
    // Act
    const result = parseCode102('G12.18');
    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/expected 4 blocks.*found 2/);
  });
});

describe('parseQd20: level 1 first', () => {
  it.each([
    ['H26', '000.00.00.H26', 1],
    ['G12.18', '000.00.18.G12', 2],
    ['G12.18.05', '000.05.18.G12', 3],
    ['G12.18.05.012', '012.05.18.G12', 4],
  ])('%s is %s', (input, code102, level) => {
    // Act
    const result = parseQd20(input);
    // Assess
    expect(result.ok && result.code).toMatchObject({ qd20: input, code102, level });
  });

  it('refuses the QCVN 102 form', () => {
    // Act
    const result = parseQd20('000.00.18.G12');
    // Assess
    expect(!result.ok && result.block).toMatchObject({ position: 1, level: 1, text: '000' });
  });
});

describe('parseAgencyCode: either notation', () => {
  it('tells the notations apart by the first character', () => {
    // Act
    const from102 = parseAgencyCode('000.05.18.G12');
    const fromQd20 = parseAgencyCode('G12.18.05');
    // Assess
    expect(from102).toEqual(fromQd20);
    expect(from102.ok && from102.code.level).toBe(3);
  });

  it('gives the brief reason for a lower-case level-1 block', () => {
    // Act
    const result = parseAgencyCode('000.00.00.h26');
    // Assess
    expect(!result.ok && result.reason).toMatch(/^block 4 \(level 1\) "h26": expected an upper-case letter A–K followed by 2 digits/);
  });
});

describe('parseAgencyCodeOrThrow and AgencyCodeError', () => {
  it('returns the code when valid', () => {
    // Act
    const code = parseAgencyCodeOrThrow('H26');
    // Assess
    expect(code.code102).toBe('000.00.00.H26');
  });

  it('throws an AgencyCodeError carrying the input, the reason and the block', () => {
    // Act
    const thrown = captureError(() => parseAgencyCodeOrThrow('000.05.00.H26'));
    // Assess
    expect(thrown).toBeInstanceOf(AgencyCodeError);
    expect(thrown).toMatchObject({
      name: 'AgencyCodeError',
      input: '000.05.00.H26',
      block: { position: 2, level: 3, text: '05' },
    });
    expect((thrown as AgencyCodeError).message).toContain((thrown as AgencyCodeError).reason);
  });
});

describe('toCode102 / toQd20', () => {
  it('convert a string in either notation', () => {
    // Act & Assess
    expect(toCode102('G12.18.05.012')).toBe('012.05.18.G12');
    expect(toQd20('000.00.18.G12')).toBe('G12.18');
    expect(toQd20('G12.18')).toBe('G12.18');
  });

  it('throw AgencyCodeError on an invalid string', () => {
    // Act & Assess
    expect(() => toQd20('000.00.00.Z26')).toThrow(AgencyCodeError);
  });
});

describe('hierarchy', () => {
  it('parentOf climbs one level and stops at level 1', () => {
    // Prepare
    const leaf = parseAgencyCodeOrThrow('012.05.18.G12');
    // Act
    const parent = parentOf(leaf);
    const grandparent = parent && parentOf(parent);
    const top = parentOf('000.00.00.G12');
    // Assess
    expect(parent?.code102).toBe('000.05.18.G12');
    expect(grandparent?.code102).toBe('000.00.18.G12');
    expect(top).toBeUndefined();
  });

  it('ancestorsOf lists level 1 first, down to the parent', () => {
    // Act
    const ancestors = ancestorsOf('012.05.18.G12').map((a) => a.code102);
    // Assess
    expect(ancestors).toEqual(['000.00.00.G12', '000.00.18.G12', '000.05.18.G12']);
    expect(ancestorsOf('H26')).toEqual([]);
  });

  it('isUnder holds for proper ancestors only', () => {
    // Act & Assess
    expect(isUnder('012.05.18.G12', '000.00.00.G12')).toBe(true);
    expect(isUnder('G12.18', 'G12.18')).toBe(false);
    expect(isUnder('G12.18', 'G12.17')).toBe(false);
    expect(isUnder('G12.18', 'H26')).toBe(false);
    expect(isUnder('H26', 'H26.18')).toBe(false);
  });
});

describe('levelOneKindOf', () => {
  it.each([
    ['000.00.00.A01', 'party'],
    ['B01', 'president-office'],
    ['C01', 'national-assembly'],
    ['D01', 'supreme-court'],
    ['E01', 'procuracy'],
    ['F01', 'state-audit'],
    ['G12', 'ministry'],
    ['H26', 'provincial-people-committee'],
    ['H99', 'provincial-people-committee'],
    ['I01', 'organisation'],
    ['J01', 'organisation'],
    ['K26', 'provincial-people-council'],
    ['W00.01', 'hub'],
  ])('%s -> %s', (input, kind) => {
    // Act & Assess
    expect(levelOneKindOf(input)).toBe(kind);
  });
});

describe('isHub', () => {
  it.each([
    ['000.00.00.W00', true],
    ['000.00.01.W00', true],
    ['W00.01', true],
    ['000.00.00.H26', false],
    ['H26.W00', true],
    ['not a code', false],
  ])('%s -> %s', (input, expected) => {
    // Act & Assess
    expect(isHub(input)).toBe(expected);
  });

  it('accepts a parsed code', () => {
    // Act & Assess
    expect(isHub(parseAgencyCodeOrThrow('000.00.00.W00'))).toBe(true);
    expect(isHub(parseAgencyCodeOrThrow('000.00.00.H26'))).toBe(false);
  });

  it('parses the hub block W00 as a level-1 unit but no other W block', () => {
    // Act
    const hub = parseAgencyCode('000.00.00.W00');
    const other = parseAgencyCode('000.00.00.W01');
    // Assess
    expect(hub.ok).toBe(true);
    expect(!other.ok && other.reason).toMatch(/W is used only in the hub block W00/);
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}
