import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';

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

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What is wrong with an endpoint URL: HTTPS only, no credentials, no fragment; plain HTTP only to this
 * machine and only when `allowLoopback` (the local runtime). Outside it, addresses of private, loopback and
 * link-local networks are refused so that the sender cannot be pointed at our own infrastructure.
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
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (options.allowLoopback && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return [];
  if (url.protocol !== 'https:') return issue('must use https');
  if (loopback || isPrivateAddress(url.hostname)) return issue('must not point at a loopback, private or link-local address');
  return [];
}

function isPrivateAddress(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (IPV4.test(host)) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) {
    const lower = host.toLowerCase();
    return lower === '::1' || lower === '::' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80') || lower.startsWith('::ffff:');
  }
  return false;
}
