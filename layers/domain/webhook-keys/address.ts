/**
 * Which IP addresses an outbound webhook may connect to: only public unicast ones. Every address of the
 * IANA special-purpose registries (RFC 6890 and successors) is refused — loopback, private, shared (CGN),
 * link-local, documentation, benchmarking, multicast, reserved — and so is an IPv6 address that carries
 * an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002:…`) when the IPv4 address is refused. Pure: the
 * transport resolves the host, asks here about every address, and connects to one it was told is public.
 */
export interface SpecialPurposeRange {
  readonly cidr: string;
  readonly name: string;
  /** 127.0.0.0/8 or ::1 (directly or IPv4-mapped): what the test-only loopback allowance lets through. */
  readonly loopback: boolean;
}

/**
 * The addresses that make an endpoint unreachable for us: the first of `addresses` that is not a public
 * unicast IP address (or is not an IP address at all), described for the server log; `undefined` when all
 * may be connected to. An empty list is refused too. With `allowLoopback` (the local runtime's tests only),
 * loopback addresses pass.
 *
 * @example
 * refusedAddress(['93.184.216.34', '10.0.0.7'], { allowLoopback: false }); // '10.0.0.7 (10.0.0.0/8, private-use)'
 */
export function refusedAddress(addresses: readonly string[], options: { readonly allowLoopback: boolean }): string | undefined {
  if (addresses.length === 0) return 'no address';
  for (const address of addresses) {
    const ip = parseIpAddress(address);
    if (ip === undefined) return `${address} (not an IP address)`;
    const range = specialPurposeRange(ip);
    if (range !== undefined && !(options.allowLoopback && range.loopback)) return `${address} (${range.cidr}, ${range.name})`;
  }
  return undefined;
}

export interface IpAddress {
  readonly version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

/**
 * An IP address in its usual text form: dotted-quad IPv4 with decimal octets, or IPv6 (`::` compression,
 * an optional trailing dotted IPv4, optional brackets and `%zone`). Anything else, including the exotic
 * IPv4 notations (`0x7f.1`, `2130706433`, `0177.0.0.1`), is `undefined`: URLs are normalised by the WHATWG
 * parser before they get here, resolvers answer in this form, and a caller refuses what it cannot read.
 *
 * @example
 * parseIpAddress('[::ffff:127.0.0.1]'); // { version: 6, bytes: Uint8Array(16) [0, …, 255, 255, 127, 0, 0, 1] }
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, bytes: v4 };
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v6 = parseIpv6(bare.replace(/%[\w.~-]+$/, ''));
  return v6 === undefined ? undefined : { version: 6, bytes: v6 };
}

/**
 * The special-purpose range an address belongs to, or `undefined` for a public unicast address.
 *
 * @example
 * specialPurposeRange(parseIpAddress('198.18.0.1')!); // { cidr: '198.18.0.0/15', name: 'benchmarking', loopback: false }
 */
export function specialPurposeRange(ip: IpAddress): SpecialPurposeRange | undefined {
  if (ip.version === 4) return firstMatch(IPV4_RANGES, ip.bytes);
  const { bytes } = ip;
  for (const embedding of IPV4_EMBEDDINGS) {
    if (!matches(embedding.prefix, bytes)) continue;
    const inner = firstMatch(IPV4_RANGES, bytes.subarray(embedding.offset, embedding.offset + 4));
    return inner === undefined
      ? undefined
      : { cidr: `${embedding.prefix.cidr} → ${inner.cidr}`, name: `${embedding.name} ${inner.name}`, loopback: embedding.sameHost && inner.loopback };
  }
  return firstMatch(IPV6_RANGES, bytes) ?? (matches(GLOBAL_UNICAST, bytes) ? undefined : { cidr: '2000::/3 (outside)', name: 'not global unicast', loopback: false });
}

// Declared before the range tables below, which are parsed when the module loads.
const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

interface Prefix {
  readonly cidr: string;
  readonly bytes: Uint8Array;
  readonly bits: number;
}

type Range = Prefix & { readonly range: SpecialPurposeRange };

/** IANA IPv4 Special-Purpose Address Registry (the entries not globally reachable, and multicast/reserved). */
const IPV4_RANGES: readonly Range[] = [
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private-use'],
  ['100.64.0.0/10', 'shared address space'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private-use'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private-use'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'limited broadcast'],
  ['240.0.0.0/4', 'reserved'],
].map(([cidr = '', name = '']) => range(cidr, name));

/**
 * IANA IPv6 Special-Purpose Address Registry, plus what lies outside global unicast 2000::/3 (checked
 * after this list). NAT64 prefixes are refused whole: which IPv4 address a translator reaches is its
 * business, not the address's.
 */
const IPV6_RANGES: readonly Range[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['64:ff9b::/96', 'NAT64 well-known prefix'],
  ['64:ff9b:1::/48', 'NAT64 local-use'],
  ['100::/64', 'discard-only'],
  ['2001:db8::/32', 'documentation'],
  ['2001::/23', 'IETF protocol assignments'],
  ['3fff::/20', 'documentation'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
].map(([cidr = '', name = '']) => range(cidr, name));

/**
 * IPv6 prefixes that carry an IPv4 address (at `offset`), which decides. `sameHost`: a socket to the IPv6
 * form reaches the IPv4 address itself (IPv4-mapped), not a relay (6to4).
 */
const IPV4_EMBEDDINGS: readonly { readonly prefix: Prefix; readonly offset: number; readonly name: string; readonly sameHost: boolean }[] = [
  { prefix: prefix('::ffff:0:0/96'), offset: 12, name: 'IPv4-mapped', sameHost: true },
  { prefix: prefix('2002::/16'), offset: 2, name: '6to4 of', sameHost: false },
];

const GLOBAL_UNICAST = prefix('2000::/3');

function range(cidr: string, name: string): Range {
  return { ...prefix(cidr), range: { cidr, name, loopback: name === 'loopback' } };
}

function prefix(cidr: string): Prefix {
  const [address = '', bits = ''] = cidr.split('/');
  const ip = parseIpAddress(address);
  if (ip === undefined) throw new Error(`bad range ${cidr}`);
  return { cidr, bytes: ip.bytes, bits: Number(bits) };
}

function firstMatch(ranges: readonly Range[], bytes: Uint8Array): SpecialPurposeRange | undefined {
  return ranges.find((candidate) => candidate.bytes.length === bytes.length && matches(candidate, bytes))?.range;
}

function matches(candidate: Prefix, bytes: Uint8Array): boolean {
  for (let bit = 0; bit < candidate.bits; bit += 8) {
    const mask = candidate.bits - bit >= 8 ? 0xff : (0xff << (8 - (candidate.bits - bit))) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((candidate.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => DECIMAL_OCTET.test(part) && Number(part) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return Uint8Array.from(all.flatMap((group) => [group >> 8, group & 0xff]));
}

/** The 16-bit groups of one side of `::`; a dotted IPv4 is allowed as the last two groups of the address. */
function groups(text: string, endsAddress: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const last = parts.at(-1) ?? '';
  const v4 = endsAddress && last.includes('.') ? parseIpv4(last) : undefined;
  if (last.includes('.') && v4 === undefined) return undefined;
  const hextets = v4 === undefined ? parts : parts.slice(0, -1);
  if (!hextets.every((part) => HEXTET.test(part))) return undefined;
  const values = hextets.map((part) => Number.parseInt(part, 16));
  return v4 === undefined ? values : [...values, ((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
}
