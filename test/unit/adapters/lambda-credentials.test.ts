import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentialsTreatedAsExpired, defaultProvider } from '#adapters/aws/lambda-credentials';

describe('the credential provider of the bundles (layers/adapters/aws/lambda-credentials.ts)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads the role's session credentials Lambda puts in the environment", async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-example');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token-example');
    // Act
    const credentials = await defaultProvider()();
    // Assess
    expect(credentials).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token-example' });
  });

  it('refuses plainly when the environment has none, instead of trying other sources', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    // Act + Assess
    await expect(defaultProvider()()).rejects.toThrow(/credentials/i);
  });

  it('refreshes credentials five minutes before they expire, as the chain it replaces', () => {
    expect(credentialsTreatedAsExpired({ accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date(Date.now() + 60_000) })).toBe(true);
    expect(credentialsTreatedAsExpired({ accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date(Date.now() + 3_600_000) })).toBe(false);
  });
});
