import { describe, it, expect } from 'vitest';
import { agencyCode102Schema, agencyCodeSchema } from '#domain/agency/schema';

describe('agencyCode102Schema', () => {
  it('accepts a QCVN 102 code, trimmed', () => {
    // Act
    const result = agencyCode102Schema.safeParse(' 000.00.18.G12 ');
    // Assess
    expect(result).toEqual({ success: true, data: '000.00.18.G12' });
  });

  it('refuses with the parser reason as the message', () => {
    // Act
    const result = agencyCode102Schema.safeParse('000.05.00.H26');
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^block 2 \(level 3\) "05": expected "00"/);
  });

  it('refuses the QĐ 20 notation and non-strings', () => {
    // Act & Assess
    expect(agencyCode102Schema.safeParse('G12.18').success).toBe(false);
    expect(agencyCode102Schema.safeParse(12).success).toBe(false);
  });
});

describe('agencyCodeSchema', () => {
  it('parses either notation into an AgencyCode', () => {
    // Act
    const result = agencyCodeSchema.safeParse('G12.18');
    // Assess
    expect(result.success && result.data).toMatchObject({ code102: '000.00.18.G12', qd20: 'G12.18', level: 2 });
  });

  it('refuses with the parser reason', () => {
    // Act
    const result = agencyCodeSchema.safeParse('g12');
    // Assess
    expect(result.error?.issues[0]?.message).toMatch(/^block 1 \(level 1\) "g12"/);
  });
});
