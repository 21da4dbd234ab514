import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parentOf, parseAgencyCode, parseCode102, parseQd20 } from '#domain/agency/code';

const digits = (length: number) => fc.integer({ min: 1, max: 10 ** length - 1 }).map((n) => String(n).padStart(length, '0'));

/** A valid code in QĐ 20 units, level 1 first: letter A–K (or the hub W00), then 0–3 non-zero units. */
const units = fc
  .tuple(
    fc.oneof(
      { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...'ABCDEFGHIJK'), fc.integer({ min: 0, max: 99 })).map(([l, n]) => `${l}${String(n).padStart(2, '0')}`) },
      { weight: 1, arbitrary: fc.constant('W00') },
    ),
    fc.integer({ min: 0, max: 3 }),
    digits(2),
    digits(2),
    digits(3),
  )
  .map(([top, below, level2, level3, level4]) => [top, ...[level2, level3, level4].slice(0, below)]);

const as102 = (u: readonly string[]) => [u[3] ?? '000', u[2] ?? '00', u[1] ?? '00', u[0]].join('.');

describe('properties over valid codes', () => {
  it('QCVN 102 -> QĐ 20 -> QCVN 102 is the identity, and the level counts the units', () => {
    fc.assert(
      fc.property(units, (u) => {
        // Prepare
        const code102 = as102(u);
        // Act
        const first = parseCode102(code102);
        const back = first.ok ? parseQd20(first.code.qd20) : first;
        // Assess
        expect(first.ok && first.code).toMatchObject({ qd20: u.join('.'), level: u.length });
        expect(back.ok && back.code.code102).toBe(code102);
        expect(code102).toHaveLength(13);
      }),
    );
  });

  it('the parent drops exactly the lowest unit', () => {
    fc.assert(
      fc.property(units, (u) => {
        // Act
        const parsed = parseQd20(u.join('.'));
        const parent = parsed.ok ? parentOf(parsed.code) : undefined;
        // Assess
        expect(parent?.qd20).toBe(u.length === 1 ? undefined : u.slice(0, -1).join('.'));
      }),
    );
  });

  it('one character outside digits, letters and "." is refused and located', () => {
    fc.assert(
      fc.property(units, fc.nat(12), fc.constantFrom('-', ',', '/', '_', 'đ', '\u200b'), (u, at, bad) => {
        // Prepare
        const code102 = as102(u);
        const broken = code102.slice(0, at) + bad + code102.slice(at + 1);
        // Act
        const result = parseCode102(broken);
        // Assess
        expect(!result.ok && result.reason).toMatch(new RegExp(`^character ${at + 1} `));
      }),
    );
  });

  it('never throws, whatever the input, and every answer is consistent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 16, unit: fc.constantFrom(...'0123456789.AGHWhz ') }),
          // any code point, lone surrogates included; fast-check's 'binary' unit costs ~0.8 s to warm up
          fc.string({ maxLength: 16, unit: fc.nat(0x10ffff).map((codePoint) => String.fromCodePoint(codePoint)) }),
        ),
        (input) => {
          // Act
          const result = parseAgencyCode(input);
          // Assess: a valid code reads the same in both notations; a refusal names its block first
          if (result.ok) {
            const again = [parseAgencyCode(result.code.code102), parseAgencyCode(result.code.qd20)];
            return again.every((r) => r.ok && r.code.code102 === result.code.code102);
          }
          const prefix = result.block ? `block ${result.block.position} (level ${result.block.level})` : '';
          return result.reason.length > 0 && result.reason.startsWith(prefix);
        },
      ),
    );
  });
});
