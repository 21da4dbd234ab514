/**
 * Who may say what through the axis (issue 13, trusted senders): the package's From against the agency the
 * axis listed as sender, in either code notation, and never a city agency.
 */
import { describe, expect, it } from 'vitest';
import type { OrganisationUnit } from '#domain/agency/unit';
import { canonicalOrganId, checkSender, isCityCode, notationsOf, PackageRefusal } from '#app/axis/trust';

const CITY = '000.00.00.H26';
const agencies = {
  getByQd20: async (code: string) => (code === 'BTC' ? ({ code102: '000.00.00.G12' } as OrganisationUnit) : undefined),
};
const deps = { cityCode: CITY, agencies } as unknown as Parameters<typeof checkSender>[0];

async function refusal(listingFrom: string, packageFrom: string): Promise<string | undefined> {
  try {
    await checkSender(deps, listingFrom, packageFrom);
    return undefined;
  } catch (error) {
    if (error instanceof PackageRefusal) return error.reason;
    throw error;
  }
}

describe('checkSender', () => {
  it('accepts the listed sender, in either notation, and an id from outside the state system as it is', async () => {
    // Act + Assess
    expect(await refusal('000.00.00.G12', '000.00.00.G12')).toBeUndefined();
    expect(await refusal('G12', '000.00.00.G12')).toBeUndefined();
    expect(await refusal('G12.18', '000.00.18.G12')).toBeUndefined();
    expect(await refusal('010203040506', '010203040506')).toBeUndefined();
    // A catalogue code the parser cannot read, known to the directory.
    expect(await refusal('BTC', '000.00.00.G12')).toBeUndefined();
  });

  it('refuses another agency than the listed one, a unit claimed by its parent or a parent by its unit, and any city agency', async () => {
    // Act + Assess
    expect(await refusal('000.00.00.G22', '000.00.00.G12')).toBe('sender-not-authenticated');
    expect(await refusal('000.00.00.G12', 'G12.18')).toBe('sender-not-authenticated');
    expect(await refusal('000.00.18.G12', '000.00.00.G12')).toBe('sender-not-authenticated');
    expect(await refusal('010203040506', '010203040507')).toBe('sender-not-authenticated');
    expect(await refusal('000.00.00.G12', '000.00.91.H26')).toBe('city-sender-via-axis');
    expect(await refusal('000.00.91.H26', '000.00.91.H26')).toBe('city-sender-via-axis');
    expect(await refusal('000.00.00.G12', 'H26')).toBe('city-sender-via-axis');
  });

  it('says who claimed what, in Vietnamese', async () => {
    // Act
    const error = await checkSender(deps, '000.00.00.G22', '000.00.00.G12').catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ reason: 'sender-not-authenticated', details: { listingFrom: '000.00.00.G22', packageFrom: '000.00.00.G12' } });
    expect((error as Error).message).toBe('Gói tin ghi đơn vị gửi 000.00.00.G12, nhưng trục cho biết người gửi là 000.00.00.G22.');
  });
});

describe('identifiers', () => {
  it('has one canonical form per agency and keeps other ids as they came', () => {
    // Act + Assess
    expect(canonicalOrganId('G12.18')).toBe('000.00.18.G12');
    expect(canonicalOrganId(' 010203040506 ')).toBe('010203040506');
    expect(notationsOf('000.00.18.G12')).toEqual(['000.00.18.G12', 'G12.18']);
    expect(notationsOf('G12')).toEqual(['G12', '000.00.00.G12']);
    expect(notationsOf('010203040506')).toEqual(['010203040506']);
    expect(isCityCode(CITY, 'H26.91')).toBe(true);
    expect(isCityCode(CITY, '000.00.00.H27')).toBe(false);
    expect(isCityCode(CITY, '010203040506')).toBe(false);
  });
});

describe('axisAddresseeSchema (nơi nhận sent electronically)', () => {
  it('keeps an agency in the QCVN 102 form whichever notation was typed, and an id from outside the state system as it is', async () => {
    // Prepare
    const { axisAddresseeSchema } = await import('#domain/agency/schema');
    // Act + Assess
    expect(axisAddresseeSchema.parse('G12.18')).toBe('000.00.18.G12');
    expect(axisAddresseeSchema.parse(' H26.92 ')).toBe('000.00.92.H26');
    expect(axisAddresseeSchema.parse('010203040506')).toBe('010203040506');
    expect(axisAddresseeSchema.safeParse('28.22.H17').error?.issues[0]?.message).toMatch(/4 blocks/);
    expect(axisAddresseeSchema.safeParse('a b').success).toBe(false);
    expect(axisAddresseeSchema.safeParse('<script>').success).toBe(false);
  });
});
