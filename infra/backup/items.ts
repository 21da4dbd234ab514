import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Items as the archive keeps them (DynamoDB JSON, binary as base64), their `versionId` attributes rewritten
 * to a new bucket's versions or left out of a digest, and canonical JSON for comparing them.
 */
/** DynamoDB JSON as text: binary values (B, BS) as base64 strings, everything else as the SDK gives it. */
export function encodeItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, encodeValue(value)]));
}

function encodeValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(encodeValue) };
  return value;
}

export function decodeItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value as Record<string, unknown>)]));
}

function decodeValue(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if (Array.isArray(value.BS)) return { BS: (value.BS as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if (value.M !== undefined) return { M: decodeItem(value.M as Record<string, unknown>) };
  if (Array.isArray(value.L)) return { L: (value.L as Record<string, unknown>[]).map(decodeValue) };
  return value as unknown as AttributeValue;
}

/**
 * The item with each `versionId` string attribute (at any depth) replaced by the version the new bucket gave
 * it: the version written from that archive version; or, when the archive does not hold that version (an
 * AWS Backup restore of a bucket keeps the latest version of each object, under new ids), the latest version
 * of the object named beside it (`objectKey` or `key`) — the system writes each such key once.
 */
export function withNewVersionIds(
  value: unknown,
  versions: { readonly byId: ReadonlyMap<string, string>; readonly latestOfKey: ReadonlyMap<string, string> },
): { value: unknown; changed: boolean; unresolved: number } {
  let changed = false;
  let unresolved = 0;
  const keyBeside = (node: Record<string, unknown>): string | undefined => {
    for (const name of ['objectKey', 'key']) if (isStringAttribute(node[name])) return (node[name] as { S: string }).S;
    return undefined;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return node;
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(record)) {
      if (name !== 'versionId' || !isStringAttribute(child)) {
        out[name] = visit(child);
        continue;
      }
      const key = keyBeside(record);
      const renamed = versions.byId.get(child.S) ?? (key === undefined ? undefined : versions.latestOfKey.get(key));
      if (renamed === undefined) unresolved += 1;
      else changed = true;
      out[name] = renamed === undefined ? child : { S: renamed };
    }
    return out;
  };
  return { value: visit(value), changed, unresolved };
}

export function withoutVersionIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVersionIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== 'versionId')
      .map(([name, child]) => [name, withoutVersionIds(child)]),
  );
}

function isStringAttribute(value: unknown): value is { S: string } {
  return typeof value === 'object' && value !== null && typeof (value as { S?: unknown }).S === 'string';
}

/** JSON with object keys sorted, so equal items give equal text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    .join(',')}}`;
}
