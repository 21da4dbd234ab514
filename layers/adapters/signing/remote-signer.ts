import * as z from 'zod';
import type { RemoteSigningService } from '#domain/signing/ports';
import { signingParameters, type StageParameters } from '../parameters/stage-parameters.ts';
import { clientCredentialsToken, CscClient } from './csc-client.ts';

/** `signing/remote`: the remote signing service of the stage (CSC API v2) and its OAuth2 client. */
export const remoteSignerSchema = z.object({
  protocol: z.literal('csc-v2').default('csc-v2'),
  baseUrl: z.url().describe('the CSC API base, e.g. https://rs.example.vn/csc/v2'),
  tokenUrl: z.url().describe('the OAuth2 token endpoint (client credentials)'),
  clientId: z.string().min(1),
  clientSecretId: z.string().min(1).describe('the Secrets Manager secret (name or ARN) holding the OAuth2 client secret, under vanthu/<stage>/signing/'),
  timeoutMs: z.number().int().min(1000).max(60_000).optional(),
});

/**
 * The remote signing service configured for the stage: the parameter `signing/remote` describes it, its
 * OAuth2 client secret is a Secrets Manager secret (never a parameter or a variable). Throws when none is configured.
 */
export async function remoteSignerFrom(parameters: Pick<StageParameters, 'get'>, secretString: (secretId: string) => Promise<string>): Promise<RemoteSigningService> {
  const text = await parameters.get(signingParameters.remote);
  if (text === undefined) throw new Error(`no remote signing service is configured (${signingParameters.remote})`);
  const config = remoteSignerSchema.parse(JSON.parse(text));
  const clientSecret = await secretString(config.clientSecretId);
  return new CscClient({
    baseUrl: config.baseUrl,
    accessToken: clientCredentialsToken({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret }),
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
  });
}
