import type { AxisRequestSigner } from '#domain/axis/port';

/**
 * Header names of the static credentials. ASSUMPTION [unverified]: the axis's authentication is not
 * public; the SDK is configured with an endpoint, a system id and a secret, and we send the two as
 * headers. Change the names here or per signer when the axis operator documents them.
 */
export const DEFAULT_CREDENTIAL_HEADERS = { systemId: 'systemid', secret: 'secret' } as const;

export interface StaticCredentialOptions {
  readonly systemId: string;
  /** The secret, or where to read it on first use (Secrets Manager in AWS): never an environment variable. */
  readonly secret: string | (() => Promise<string>);
  readonly headerNames?: { readonly systemId?: string; readonly secret?: string };
}

/**
 * The one `AxisRequestSigner` we have: the same system id and secret on every request (an assumption,
 * see {@link DEFAULT_CREDENTIAL_HEADERS}). It ignores the request; a scheme that signs the method, URL and
 * body hash would implement the same interface.
 *
 * @example
 * const signer = staticCredentialSigner({ systemId: required('AXIS_SYSTEM_ID'), secret: () => axisSecret(required(env.axisSecretId)) });
 */
export function staticCredentialSigner(options: StaticCredentialOptions): AxisRequestSigner {
  if (options.systemId === '' || options.secret === '') throw new Error('the axis system id and secret must not be empty');
  const { secret } = options;
  const headersWith = (value: string) => {
    if (value === '') throw new Error('the axis secret must not be empty');
    return {
      [(options.headerNames?.systemId ?? DEFAULT_CREDENTIAL_HEADERS.systemId).toLowerCase()]: options.systemId,
      [(options.headerNames?.secret ?? DEFAULT_CREDENTIAL_HEADERS.secret).toLowerCase()]: value,
    };
  };
  if (typeof secret === 'string') {
    const headers = headersWith(secret);
    return { sign: () => Promise.resolve(headers) };
  }
  let headers: Promise<Record<string, string>> | undefined;
  return {
    sign: () => {
      // Read once per container; a failed read is tried again on the next request.
      headers ??= secret()
        .then(headersWith)
        .catch((error: unknown) => {
          headers = undefined;
          throw error;
        });
      return headers;
    },
  };
}
