/**
 * What the portal needs to know about where it runs, read once from `/config.json` (written by the local
 * runtime, and in AWS by the stack that deploys the portal): where the API is and how people sign in.
 */
export interface PortalConfig {
  /** The API's base URL; '' when it is served from the same origin (the local runtime). */
  readonly apiBaseUrl: string;
  readonly auth:
    | { readonly kind: 'dev' }
    | { readonly kind: 'cognito'; readonly domain: string; readonly clientId: string; readonly redirectUri: string; readonly scopes: readonly string[] };
}

let loaded: Promise<PortalConfig> | undefined;

export function portalConfig(): Promise<PortalConfig> {
  loaded ??= fetch('/config.json', { headers: { accept: 'application/json' } }).then(async (response) => {
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    return (await response.json()) as PortalConfig;
  });
  return loaded;
}
