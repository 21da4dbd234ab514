import { ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { checkEndpointUrl, endpointView, type EndpointRequest, type EndpointView, type WebhookEndpoint } from '#domain/webhook-keys/endpoint';
import { generateSecret, parseSecret } from '#webhooks/index';
import type { Dependencies, RequestContext } from '../context.ts';
import { administeredAgency } from './scope.ts';

export interface EndpointRegistration {
  readonly endpoint: EndpointView;
  /** The `whsec_` secret that signs every delivery to this endpoint: shown when created or rotated, never again. */
  readonly secret?: string;
  readonly created: boolean;
}

/**
 * Registers (or changes) the agency's endpoint for outbound webhooks. The first registration generates the
 * signing secret and returns it once; a later PUT changes the URL and events and enables a disabled
 * endpoint, keeping the secret unless `rotateSecret` asks for a new one.
 *
 * @throws {ValidationError} a URL that is not https (loopback http only in the local runtime).
 * @example
 * const { endpoint, secret } = await registerEndpoint(deps, ctx, '000.00.00.G12', { url: 'https://g12.gov.vn/hooks', events: ['document.status'], rotateSecret: false });
 */
export async function registerEndpoint(deps: Dependencies, ctx: RequestContext, code: string, request: EndpointRequest): Promise<EndpointRegistration> {
  authorize(ctx.principal, 'webhook.endpoint');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const issues = checkEndpointUrl(request.url, { allowLoopback: deps.webhooks.allowLoopbackEndpoints });
  if (issues.length > 0) throw new ValidationError(`The endpoint URL ${issues[0]?.message ?? 'is not accepted'}.`, { errors: issues });

  const current = await deps.webhooks.store.getEndpoint(organId);
  const now = deps.clock.now().toISOString();
  const signing = current === undefined || request.rotateSecret ? await newSigningSecret(deps, organId) : { secretId: current.secretId, encryptedSecret: current.encryptedSecret };
  const next: WebhookEndpoint = {
    organId,
    url: request.url,
    events: [...new Set(request.events)],
    status: 'active',
    secretId: signing.secretId,
    encryptedSecret: signing.encryptedSecret,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    updatedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    version: (current?.version ?? 0) + 1,
  };
  if ((await deps.webhooks.store.saveEndpoint(next, current?.version ?? 0)) === 'conflict') {
    throw new ConflictError('stale-endpoint', `The endpoint of ${organId} was changed meanwhile; read it and try again.`);
  }
  return { endpoint: endpointView(next), created: current === undefined, ...('secret' in signing ? { secret: signing.secret } : {}) };
}

/** The agency's endpoint (never its secret), with `disabled` and why when a receiver answered 410. */
export async function readEndpoint(deps: Dependencies, ctx: RequestContext, code: string): Promise<EndpointView> {
  authorize(ctx.principal, 'webhook.endpoint');
  const { code102: organId } = await administeredAgency(deps, ctx.principal, code);
  const endpoint = await deps.webhooks.store.getEndpoint(organId);
  if (endpoint === undefined) throw new NotFoundError(`Agency ${organId} has no webhook endpoint; register one with PUT.`, { details: { organId } });
  return endpointView(endpoint);
}

/** A fresh signing secret, encrypted under the context {organId, keyId: secretId}. */
async function newSigningSecret(deps: Dependencies, organId: string): Promise<{ secret: string; secretId: string; encryptedSecret: string }> {
  const secret = generateSecret();
  const secretId = `whs_${deps.ids.next()}`;
  return { secret, secretId, encryptedSecret: await deps.webhooks.cipher.encrypt(parseSecret(secret), { organId, keyId: secretId }) };
}
