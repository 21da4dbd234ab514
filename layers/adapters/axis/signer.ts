import type { AxisRequestSigner } from '#domain/axis/port';

/**
 * Header names of the static credentials. ASSUMPTION [unverified]: the axis's authentication is not
 * public; the SDK is configured with an endpoint, a system id and a secret, and we send the two as
 * headers. Change the names here or per signer when the axis operator documents them.
 */
export const DEFAULT_CREDENTIAL_HEADERS = { systemId: 'systemid', secret: 'secret' } as const;

export interface StaticCredentialOptions {
  readonly systemId: string;
  readonly secret: string;
  readonly headerNames?: { readonly systemId?: string; readonly secret?: string };
}

/**
 * The one `AxisRequestSigner` we have: the same system id and secret on every request (an assumption,
 * see {@link DEFAULT_CREDENTIAL_HEADERS}). It ignores the request; a scheme that signs the method, URL and
 * body hash would implement the same interface.
 *
 * @example
 * const signer = staticCredentialSigner({ systemId: required('AXIS_SYSTEM_ID'), secret: required('AXIS_SECRET') });
 */
export function staticCredentialSigner(options: StaticCredentialOptions): AxisRequestSigner {
  if (options.systemId === '' || options.secret === '') throw new Error('the axis system id and secret must not be empty');
  const headers = {
    [(options.headerNames?.systemId ?? DEFAULT_CREDENTIAL_HEADERS.systemId).toLowerCase()]: options.systemId,
    [(options.headerNames?.secret ?? DEFAULT_CREDENTIAL_HEADERS.secret).toLowerCase()]: options.secret,
  };
  return { sign: () => Promise.resolve(headers) };
}
