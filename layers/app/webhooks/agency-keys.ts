import type { KeyObject } from 'node:crypto';
import { parseEd25519PublicKey, type AgencyKeys } from '#webhooks/index';
import type { Dependencies } from '../context.ts';

/** Parsed public keys per warm container (parsing is cheap, but verification runs on every delivery). */
const publicKeys = new Map<string, KeyObject>();

/**
 * The keys an agency signs with right now, from our own store only: its active HMAC secrets (decrypted,
 * at most once per key per container — the cipher caches) and its active Ed25519 public keys. Never a key
 * that arrives with a request.
 *
 * @example
 * const keys = await activeAgencyKeys(deps, '000.00.00.G12');
 * const result = verifyWebhook({ headers, rawBody, keys, now });
 */
export async function activeAgencyKeys(deps: Dependencies, organId: string): Promise<AgencyKeys> {
  const active = (await deps.webhooks.store.listKeys(organId)).filter((key) => key.status === 'active');
  const hmacSecrets: Uint8Array[] = [];
  const ed25519PublicKeys: KeyObject[] = [];
  for (const key of active) {
    if (key.kind === 'hmac' && key.encryptedSecret !== undefined) {
      hmacSecrets.push(await deps.webhooks.cipher.decrypt(key.encryptedSecret, { organId, keyId: key.keyId }));
    } else if (key.kind === 'ed25519' && key.publicKey !== undefined) {
      ed25519PublicKeys.push(parsedPublicKey(key.publicKey));
    }
  }
  return { hmacSecrets, ed25519PublicKeys };
}

function parsedPublicKey(text: string): KeyObject {
  let key = publicKeys.get(text);
  if (key === undefined) {
    key = parseEd25519PublicKey(text);
    publicKeys.set(text, key);
  }
  return key;
}
