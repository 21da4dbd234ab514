import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { keyView, MAX_ACTIVE_KEYS, type NewWebhookKey, type WebhookKey, type WebhookKeyView } from '#domain/webhook-keys/key';
import { formatEd25519PublicKey, generateSecret, parseEd25519PublicKey, parseSecret, WebhookKeyError } from '#webhooks/index';
import type { Dependencies, RequestContext } from '../context.ts';
import { isCityCode } from './city.ts';
import { administeredAgency } from './scope.ts';

/**
 * Registers a key for an agency's inbound webhooks. `hmac`: a new `whsec_` secret, stored encrypted under
 * the context {organId, keyId} and returned this once only. `ed25519`: the agency's public key (`whpk_` or
 * PEM), stored in `whpk_` form. Rotation is: create the new key, let the agency sign with both or switch,
 * then revoke the old one; at most {@link MAX_ACTIVE_KEYS} keys are active at once. Only for agencies
 * outside the city (city.ts): a city agency with a key could send documents without approval.
 *
 * @throws {UnprocessableError} `city-agency`. @throws {ConflictError} `too-many-keys`, `duplicate-key`.
 * @example
 * const { key, secret } = await createWebhookKey(deps, ctx, '000.00.00.G12', { kind: 'hmac' });
 */
export async function createWebhookKey(deps: Dependencies, ctx: RequestContext, code: string, input: NewWebhookKey): Promise<{ key: WebhookKeyView; secret?: string }> {
  authorize(ctx.principal, 'webhook.keys');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  if (isCityCode(deps.cityCode, organId)) {
    throw new UnprocessableError(
      'city-agency',
      `${organId} is an agency of the city: inbound webhook keys are for agencies outside it; the city's documents are drafted, approved and issued here.`,
      {
        errors: [{ path: 'path.organId', message: 'must be an agency outside the city' }],
      },
    );
  }
  const active = (await deps.webhooks.store.listKeys(organId)).filter((key) => key.status === 'active');
  if (active.length >= MAX_ACTIVE_KEYS) {
    throw new ConflictError('too-many-keys', `Agency ${organId} already has ${active.length} active keys; revoke one before adding another.`, {
      details: { organId, max: MAX_ACTIVE_KEYS },
    });
  }
  const base = {
    organId,
    keyId: `key_${deps.ids.next()}`,
    status: 'active' as const,
    createdAt: deps.clock.now().toISOString(),
    createdBy: { sub: ctx.principal.sub, name: ctx.principal.name },
  };

  if (input.kind === 'hmac') {
    const secret = generateSecret();
    const encryptedSecret = await deps.webhooks.cipher.encrypt(parseSecret(secret), { organId, keyId: base.keyId });
    const key: WebhookKey = { ...base, kind: 'hmac', encryptedSecret };
    await deps.webhooks.store.putKey(key);
    return { key: keyView(key), secret };
  }

  const publicKey = readPublicKey(input.publicKey);
  if (active.some((key) => key.publicKey === publicKey)) {
    throw new ConflictError('duplicate-key', 'This public key is already active for the agency.', { details: { organId } });
  }
  const key: WebhookKey = { ...base, kind: 'ed25519', publicKey };
  await deps.webhooks.store.putKey(key);
  return { key: keyView(key) };
}

/** The agency's keys, active and revoked, oldest first; never a secret. */
export async function listWebhookKeys(deps: Dependencies, ctx: RequestContext, code: string): Promise<{ items: WebhookKeyView[] }> {
  authorize(ctx.principal, 'webhook.keys');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const keys = await deps.webhooks.store.listKeys(organId);
  return { items: [...keys].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(keyView) };
}

/** Revokes a key at once: deliveries signed only with it are refused from now on. Revoking twice is harmless. */
export async function revokeWebhookKey(deps: Dependencies, ctx: RequestContext, code: string, keyId: string): Promise<WebhookKeyView> {
  authorize(ctx.principal, 'webhook.keys');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const revoked = await deps.webhooks.store.revokeKey(organId, keyId, { at: deps.clock.now().toISOString(), by: { sub: ctx.principal.sub, name: ctx.principal.name } });
  if (revoked === undefined) throw new NotFoundError(`Agency ${organId} has no webhook key ${keyId}.`, { details: { organId, keyId } });
  return keyView(revoked);
}

/** The `whpk_` form of a submitted Ed25519 public key (never a private key, never another algorithm). */
function readPublicKey(text: string): string {
  try {
    return formatEd25519PublicKey(parseEd25519PublicKey(text));
  } catch (error) {
    if (!(error instanceof WebhookKeyError)) throw error;
    throw new ValidationError(`The public key is not usable: ${error.message}`, { errors: [{ path: 'body.publicKey', message: error.message }], cause: error });
  }
}
