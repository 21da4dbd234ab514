import * as z from 'zod';

/**
 * The keys an external agency signs its webhooks with, registered in our directory under its code:
 * `hmac` shared secrets (signature `v1`, `whsec_…`, stored encrypted, shown once) and `ed25519` public keys
 * (signature `v1a`, `whpk_…` or PEM). Several keys may be active at once: that is how an agency rotates
 * (create the new key, switch its sender, revoke the old one).
 */
export const webhookKeyKinds = ['hmac', 'ed25519'] as const;
export type WebhookKeyKind = (typeof webhookKeyKinds)[number];

/** More active keys than this would only make every verification slower; rotation needs two. */
export const MAX_ACTIVE_KEYS = 5;

export const newWebhookKeySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hmac') }),
  z.object({
    kind: z.literal('ed25519'),
    /** `whpk_<base64 of 32 bytes>` or a PEM `BEGIN PUBLIC KEY` block. */
    publicKey: z.string().trim().min(1).max(1000),
  }),
]);
export type NewWebhookKey = z.infer<typeof newWebhookKeySchema>;

const who = z.object({ sub: z.string(), name: z.string() });

/** A key as administrators see it: never the secret. */
export const webhookKeyViewSchema = z.object({
  organId: z.string(),
  keyId: z.string(),
  kind: z.enum(webhookKeyKinds),
  status: z.enum(['active', 'revoked']),
  /** The `whpk_` form of an Ed25519 key (public, safe to show). */
  publicKey: z.string().optional(),
  createdAt: z.string(),
  createdBy: who,
  revokedAt: z.string().optional(),
  revokedBy: who.optional(),
});
export type WebhookKeyView = z.infer<typeof webhookKeyViewSchema>;

/** A stored key: the view plus, for `hmac`, the secret encrypted under the context {organId, keyId}. */
export interface WebhookKey extends WebhookKeyView {
  readonly encryptedSecret?: string;
}

/** What may be shown of a key. */
export function keyView(key: WebhookKey): WebhookKeyView {
  const { encryptedSecret: _secret, ...view } = key;
  return view;
}
