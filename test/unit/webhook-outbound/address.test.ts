import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpAddress, refusedAddress, specialPurposeRange } from '#domain/webhook-keys/address';
import { checkEndpointUrl } from '#domain/webhook-keys/endpoint';

/**
 * The SSRF address check, against an oracle written independently from the brief's list of the IANA
 * special-purpose registries (integer ranges, BigInt prefixes), over every notation an address can take.
 */
const V4_SPECIAL: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['255.255.255.255', 32],
];
const V6_SPECIAL: readonly (readonly [string, number])[] = [
  ['0000:0000:0000:0000:0000:0000:0000:0000', 128],
  ['0000:0000:0000:0000:0000:0000:0000:0001', 128],
  ['0064:ff9b:0000:0000:0000:0000:0000:0000', 96],
  ['0064:ff9b:0001:0000:0000:0000:0000:0000', 48],
  ['0100:0000:0000:0000:0000:0000:0000:0000', 64],
  ['2001:0000:0000:0000:0000:0000:0000:0000', 23],
  ['2001:0db8:0000:0000:0000:0000:0000:0000', 32],
  ['fc00:0000:0000:0000:0000:0000:0000:0000', 7],
  ['fe80:0000:0000:0000:0000:0000:0000:0000', 10],
  ['ff00:0000:0000:0000:0000:0000:0000:0000', 8],
];

const v4Int = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const v4Text = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
const v6Big = (full: string) => BigInt(`0x${full.replaceAll(':', '')}`);
const v6Full = (n: bigint) => n.toString(16).padStart(32, '0').match(/.{4}/g)?.join(':') ?? '';

function v4Oracle(n: number): boolean {
  return V4_SPECIAL.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4Int(base) / 2 ** (32 - bits)));
}

function v6Oracle(n: bigint): boolean {
  const top = (bits: number) => n >> BigInt(128 - bits);
  if (top(96) === 0xffffn) return v4Oracle(Number(n & 0xffffffffn));
  if (top(16) === 0x2002n) return v4Oracle(Number((n >> 80n) & 0xffffffffn));
  if (top(96) === 0n) return true; // ::/96, IPv4-compatible (deprecated), incl. :: and ::1
  if (top(3) !== 1n) return true; // outside global unicast 2000::/3
  if (top(20) === 0x3fffn) return true; // documentation (RFC 9637)
  return V6_SPECIAL.some(([base, bits]) => top(bits) === v6Big(base) >> BigInt(128 - bits));
}

/** An IPv4 address inside one of the special ranges (uniform within the chosen range). */
const specialV4 = fc.constantFrom(...V4_SPECIAL).chain(([base, bits]) => fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((offset) => v4Int(base) + offset));
const anyV4 = fc.oneof(specialV4, fc.integer({ min: 0, max: 2 ** 32 - 1 }));
/** IPv6 addresses that hit every interesting prefix, and random global unicast ones. */
const anyV6 = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
  fc.bigInt({ min: 0n, max: 2n ** 125n - 1n }).map((n) => (1n << 125n) | n),
  fc.tuple(fc.constantFrom(...V6_SPECIAL), fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })).map(([[base, bits], low]) => v6Big(base) | (low & ((1n << BigInt(128 - bits)) - 1n))),
  anyV4.map((v4) => (0xffffn << 32n) | BigInt(v4)),
  anyV4.map((v4) => (0x2002n << 112n) | (BigInt(v4) << 80n)),
);

/** Every way a URL can spell one IPv4 address. */
function v4Notations(n: number): string[] {
  const dotted = v4Text(n);
  const octets = dotted.split('.').map(Number);
  const hex = (value: number) => value.toString(16);
  return [
    dotted,
    `${dotted}.`,
    String(n),
    `0x${hex(n)}`,
    octets.map((o) => `0${o.toString(8)}`).join('.'),
    octets.map((o) => `0x${hex(o)}`).join('.'),
    `${octets[0]}.${(octets[1] ?? 0) * 65536 + (octets[2] ?? 0) * 256 + (octets[3] ?? 0)}`,
    `[::ffff:${dotted}]`,
    `[0:0:0:0:0:ffff:${hex(Math.floor(n / 65536))}:${hex(n % 65536)}]`,
  ];
}

describe('special-purpose addresses (pure)', () => {
  it.each([
    ['127.0.0.1', '127.0.0.0/8'],
    ['10.255.255.255', '10.0.0.0/8'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['169.254.169.254', '169.254.0.0/16'],
    ['172.31.0.1', '172.16.0.0/12'],
    ['192.0.0.170', '192.0.0.0/24'],
    ['192.88.99.1', '192.88.99.0/24'],
    ['198.19.255.255', '198.18.0.0/15'],
    ['198.51.100.7', '198.51.100.0/24'],
    ['203.0.113.9', '203.0.113.0/24'],
    ['239.255.255.250', '224.0.0.0/4'],
    ['255.255.255.255', '255.255.255.255/32'],
    ['250.1.2.3', '240.0.0.0/4'],
    ['0.0.0.0', '0.0.0.0/8'],
    ['::', '::/128'],
    ['::1', '::1/128'],
    ['::127.0.0.1', '::/96'],
    ['::ffff:127.0.0.1', '::ffff:0:0/96 → 127.0.0.0/8'],
    ['::ffff:a9fe:a9fe', '::ffff:0:0/96 → 169.254.0.0/16'],
    ['64:ff9b::10.0.0.1', '64:ff9b::/96'],
    ['64:ff9b::8.8.8.8', '64:ff9b::/96'],
    ['64:ff9b:1::1', '64:ff9b:1::/48'],
    ['100::1', '100::/64'],
    ['2001::1', '2001::/23'],
    ['2001:db8:1::1', '2001:db8::/32'],
    ['2002:c0a8:0101::1', '2002::/16 → 192.168.0.0/16'],
    ['fd00::1', 'fc00::/7'],
    ['fe80::1%eth0', 'fe80::/10'],
    ['[ff02::1]', 'ff00::/8'],
    ['5f00::1', '2000::/3 (outside)'],
  ])('%s is in %s', (address, cidr) => {
    // Act
    const ip = parseIpAddress(address);
    // Assess
    expect(ip && specialPurposeRange(ip)?.cidr).toBe(cidr);
  });

  it.each([
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:808:808::1',
    '2402:800:620d::1',
  ])('%s is public', (address) => {
    // Act
    const ip = parseIpAddress(address);
    // Assess
    expect(ip).toBeDefined();
    expect(ip && specialPurposeRange(ip)).toBeUndefined();
  });

  it('agrees with the oracle on every IPv4 address (property)', () => {
    fc.assert(
      fc.property(anyV4, (n) => {
        // Act
        const ip = parseIpAddress(v4Text(n));
        // Assess
        expect(ip !== undefined && specialPurposeRange(ip) !== undefined).toBe(v4Oracle(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the oracle on every IPv6 address, in full and compressed form (property)', () => {
    fc.assert(
      fc.property(anyV6, (n) => {
        // Prepare: the canonical compressed form, as a URL or a resolver writes it
        const full = v6Full(n);
        const compressed = new URL(`http://[${full}]/`).hostname;
        // Act
        const verdicts = [full, compressed, compressed.slice(1, -1)].map((text) => {
          const ip = parseIpAddress(text);
          return ip !== undefined && specialPurposeRange(ip) !== undefined;
        });
        // Assess
        expect(verdicts).toEqual([v6Oracle(n), v6Oracle(n), v6Oracle(n)]);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads no string that Node does not read as an IP address (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefx:.%'), maxLength: 45 }), (text) => {
        // Act
        const ip = parseIpAddress(text);
        // Assess
        if (ip !== undefined) expect(isIP(text.replace(/%.*$/, ''))).toBe(ip.version);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a host when ANY of its addresses is special, or none is given; loopback only with the test allowance', () => {
    // Assess
    expect(refusedAddress(['93.184.216.34', '2606:2800:220:1::1'], { allowLoopback: false })).toBeUndefined();
    expect(refusedAddress(['93.184.216.34', '10.0.0.7'], { allowLoopback: false })).toBe('10.0.0.7 (10.0.0.0/8, private-use)');
    expect(refusedAddress([], { allowLoopback: false })).toBe('no address');
    expect(refusedAddress(['example.vn'], { allowLoopback: false })).toBe('example.vn (not an IP address)');
    expect(refusedAddress(['127.0.0.1', '::1', '::ffff:127.0.0.1'], { allowLoopback: true })).toBeUndefined();
    expect(refusedAddress(['127.0.0.1'], { allowLoopback: false })).toContain('loopback');
    expect(refusedAddress(['2002:7f00:1::'], { allowLoopback: true })).toContain('6to4');
    expect(refusedAddress(['10.0.0.1'], { allowLoopback: true })).toContain('private-use');
  });
});

describe('endpoint URLs in every notation', () => {
  it('refuses every notation of a special IPv4 address and accepts a public one over https (property)', () => {
    fc.assert(
      fc.property(anyV4, (n) => {
        // Act
        const verdicts = v4Notations(n).map((host) => checkEndpointUrl(`https://${host}/hook`, { allowLoopback: false }).length === 0);
        // Assess
        expect(verdicts).toEqual(verdicts.map(() => !v4Oracle(n)));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses NAT64, IPv4-compatible and (when the IPv4 address is special) 6to4 spellings (property)', () => {
    fc.assert(
      fc.property(specialV4, (n) => {
        // Prepare
        const dotted = v4Text(n);
        const high = Math.floor(n / 65536).toString(16);
        const low = (n % 65536).toString(16);
        // Act
        const refused = [`[64:ff9b::${dotted}]`, `[64:ff9b::${high}:${low}]`, `[::${dotted}]`, `[2002:${high}:${low}::1]`].map(
          (host) => checkEndpointUrl(`https://${host}/`, { allowLoopback: false }).length > 0,
        );
        // Assess
        expect(refused).toEqual([true, true, true, true]);
      }),
    );
  });
});
