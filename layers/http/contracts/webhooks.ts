import * as z from 'zod';

export const organParams = z.object({ organId: z.string().trim().min(1).max(20).describe('agency code, either notation (000.00.00.G12 or G12)') });
export const adminErrors = [400, 401, 403, 404] as const;

/**
 * The Standard Webhooks headers of an inbound delivery, as layers/webhooks/headers.ts and verify.ts check
 * them (the use case reads them, the route does not): documented as header parameters. The patterns are the
 * reader's syntax rules; a known version's signature must also be the padded base64 of 32 (v1) or 64 (v1a) bytes.
 */
export const webhookHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .regex(/^[\x21-\x2d\x2f-\x7e]{1,256}$/)
    .describe(
      'The message id: 1–256 visible ASCII characters, no spaces or ".". It is the idempotency key: keep it when retrying the same bytes (the first answer comes back with Idempotent-Replayed: true), use a new one for a new message (another body under a used id is 422 idempotency-key-reused).',
    )
    .meta({ examples: ['msg_2KWPBgLlAfxdpx2AI54pPJ85f4W'] }),
  'webhook-timestamp': z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .describe('When the message was signed: Unix time in whole seconds, digits only; refused (401) more than 300 s away from the server clock.')
    .meta({ examples: ['1795662900'] }),
  'webhook-signature': z
    .string()
    .regex(/^ *[^ ,]+,[^ ]*( +[^ ,]+,[^ ]*){0,9} *$/)
    .describe(
      'Space-separated signatures (at most 10) of "{webhook-id}.{webhook-timestamp}.{raw body}": "v1,<base64 HMAC-SHA256>" with a whsec_ secret of the agency, "v1a,<base64 Ed25519>" with its registered public key. During a key rotation send one per key; entries of other versions are ignored. One must match an active key of the agency in the path.',
    )
    .meta({ examples: ['v1,YatlwtUgkbFKVX7OWWU3NSB6e6+2xkDy4Y0IgDK61vE='] }),
});
