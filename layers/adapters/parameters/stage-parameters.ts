/** How long a container keeps the stage's parameters before reading them again (a rotated certificate arrives within this). */
const CACHE_MS = 5 * 60_000;

/**
 * The stage's parameters under one SSM path (e.g. `/vanthu/prod`): configuration too large or too sensitive
 * for Lambda environment variables (4 KB in all) — PEM chains, trust anchors, the remote signer's client
 * secret's name. Secrets themselves are in Secrets Manager. All parameters under the path are read in one paged GetParametersByPath, kept five
 * minutes, and read again after that.
 *
 * @example
 * const parameters = new StageParameters(async (path) => (await import('#engines/aws-config')).parametersUnder(path), '/vanthu/prod');
 * const policy = await parameters.get('signing/policy');
 */
export class StageParameters {
  private cached: { readonly at: number; readonly values: Promise<ReadonlyMap<string, string>> } | undefined;

  constructor(
    /** Reads every parameter under a path (the aws-config engine's `parametersUnder`). */
    private readonly readPath: (path: string) => Promise<ReadonlyMap<string, string>>,
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The value of `name` (relative to the path), or undefined. */
  async get(name: string): Promise<string | undefined> {
    return (await this.all()).get(name);
  }

  /** Every parameter whose relative name starts with `prefix` (e.g. `signing/trust-anchors`), by name. */
  async under(prefix: string): Promise<ReadonlyMap<string, string>> {
    const found = new Map<string, string>();
    for (const [name, value] of await this.all()) if (name === prefix || name.startsWith(`${prefix}/`)) found.set(name, value);
    return found;
  }

  private all(): Promise<ReadonlyMap<string, string>> {
    const now = this.now().getTime();
    if (this.cached === undefined || now - this.cached.at > CACHE_MS) {
      const values = this.read();
      // A failed read is not kept: the next call tries again.
      values.catch(() => {
        if (this.cached?.values === values) this.cached = undefined;
      });
      this.cached = { at: now, values };
    }
    return this.cached.values;
  }

  private read(): Promise<ReadonlyMap<string, string>> {
    return this.readPath(this.path);
  }
}

/** The names of the signing parameters under the stage's path (docs/DEPLOY.md, "Signing"). */
export const signingParameters = {
  policy: 'signing/policy',
  trustAnchors: 'signing/trust-anchors',
  tsaUrl: 'signing/tsa-url',
  crlHosts: 'signing/crl-hosts',
  crls: 'signing/crls',
  remote: 'signing/remote',
  agency: (organId: string) => `signing/agencies/${organId}`,
} as const;
