import * as z from 'zod';
import type { FieldIssue } from '../errors.ts';
import { parseIpAddress, specialPurposeRange, type SpecialPurposeRange } from './address.ts';

/**
 * An agency's endpoint for outbound webhooks: where we POST the events it subscribed to, signed `v1` with
 * a secret of the endpoint (generated at registration, shown once). A separate secret, not one of the
 * agency's inbound keys: a shared HMAC secret used both ways would let a message we sent be replayed to us
 * as if the agency had signed it, and an agency that signs with Ed25519 has no shared secret at all.
 */
export const outboundEventTypes = ['document.status'] as const;
export type OutboundEventType = (typeof outboundEventTypes)[number];

export const endpointRequestSchema = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z.array(z.enum(outboundEventTypes)).min(1).max(outboundEventTypes.length),
  /** Replace the signing secret (the new one is returned once). */
  rotateSecret: z.boolean().default(false),
});
export type EndpointRequest = z.infer<typeof endpointRequestSchema>;

const who = z.object({ sub: z.string(), name: z.string() });

export const endpointViewSchema = z.object({
  organId: z.string(),
  url: z.string(),
  events: z.array(z.enum(outboundEventTypes)),
  /** `disabled` after the receiver answered 410 Gone; a PUT enables it again. */
  status: z.enum(['active', 'disabled']),
  disabledAt: z.string().optional(),
  disabledReason: z.string().optional(),
  /** Identifies the signing secret (it changes when the secret is rotated). */
  secretId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: who,
  version: z.number().int(),
});
export type EndpointView = z.infer<typeof endpointViewSchema>;

export interface WebhookEndpoint extends EndpointView {
  readonly encryptedSecret: string;
}

export function endpointView(endpoint: WebhookEndpoint): EndpointView {
  const { encryptedSecret: _secret, ...view } = endpoint;
  return view;
}

/**
 * What is wrong with an endpoint URL, as far as the URL alone tells: HTTPS only, no credentials, no
 * fragment, and no host that is a special-purpose address — an IP literal in any notation the URL parser
 * accepts (`0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]`, `[64:ff9b::a00:1]`, `[2002:a00:1::]`…, see
 * address.ts) or a `localhost` name (`localhost.`, `api.localhost`). A name that resolves to such an
 * address is refused when it is sent to (the transport checks every resolved address and connects to the
 * one it checked). With `allowLoopback` (test-only, see webhook-ports.ts) loopback hosts pass, over http too.
 *
 * @example
 * checkEndpointUrl('http://127.0.0.1:8080/hook', { allowLoopback: false }); // [{ path: 'body.url', message: 'must use https' }]
 */
export function checkEndpointUrl(text: string, options: { readonly allowLoopback: boolean }): FieldIssue[] {
  const issue = (message: string): FieldIssue[] => [{ path: 'body.url', message }];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return issue('is not an absolute URL');
  }
  if (url.username !== '' || url.password !== '') return issue('must not carry a user name or password');
  if (url.hash !== '') return issue('must not have a #fragment');
  const special = specialHost(url.hostname);
  const webScheme = url.protocol === 'http:' || url.protocol === 'https:';
  if (options.allowLoopback && special?.loopback === true && webScheme) return [];
  if (url.protocol !== 'https:') return issue('must use https');
  if (special !== undefined) return issue(`must not point at a special-purpose address (${special.cidr}, ${special.name})`);
  return [];
}

/** The special-purpose range of a URL host: an IP literal's, or loopback for the `localhost` names (RFC 6761). */
function specialHost(hostname: string): SpecialPurposeRange | undefined {
  const ip = parseIpAddress(hostname);
  if (ip !== undefined) return specialPurposeRange(ip);
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost') ? LOCALHOST : undefined;
}

const LOCALHOST: SpecialPurposeRange = { cidr: 'localhost', name: 'loopback', loopback: true };
