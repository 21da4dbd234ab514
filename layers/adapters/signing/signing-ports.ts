import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { signaturePolicies, type SignaturePolicy } from '#domain/documents/signature-policy';
import type { PdfSigningEngine, SigningPorts, SigningSettings } from '#domain/signing/engine';
import type { SigningSessionStore } from '#domain/signing/session';
import type { RemoteSigningService, Timestamper } from '#domain/signing/ports';
import type { Clock } from '#domain/ports';
import { DynamoSigningStore } from '../dynamo/signing-store.ts';
import { signingParameters, type StageParameters } from '../parameters/stage-parameters.ts';
import type { SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { KmsAgencySealer } from './kms-sealer.ts';
import { pemBlocks } from './pem.ts';
import { trustAnchorsOf } from '../parameters/trust-anchors.ts';
import { boundedFetch } from './bounded-fetch.ts';

/** The policy when the stage sets none: the decree's order, the leader's signature then the agency's. */
const DEFAULT_POLICY: SignaturePolicy = 'leader-and-agency';

/** A CRL larger than this is not fetched (a CA's full CRL is rarely more than a few MiB). */
const MAX_CRL_BYTES = 8 * 1024 * 1024;

/**
 * The signing ports of a function, from the stage's parameters (SSM, docs/DEPLOY.md "Signing"): the
 * policy, the trust anchors, the agencies' KMS keys and certificates, the TSA, the remote signing service
 * and the CRLs to carry. The PDF engine is loaded on first use.
 *
 * @example
 * const signing = signingPorts({ parameters, kms: kmsClient(), table: { client, tableName }, clock: systemClock });
 */
export function signingPorts(options: {
  /** The stage's parameters, asked for on first use (a function that never signs needs no VANTHU_CONFIG_PATH). */
  readonly parameters: () => StageParameters;
  /** The calls of the aws-config engine (KMS Sign, Secrets Manager), loaded on first use. */
  readonly aws: () => Promise<{
    signDigest(keyId: string, digest: Uint8Array, algorithm: SigningAlgorithmSpec): Promise<Uint8Array>;
    secretString(secretId: string): Promise<string>;
  }>;
  /** The table of the sessions, asked for on first use. */
  readonly table: () => { readonly client: DynamoDBDocumentClient; readonly tableName: string };
  readonly clock: Clock;
}): SigningPorts {
  const { clock } = options;
  const parameters = {
    get: (name: string) => options.parameters().get(name),
    under: (prefix: string) => options.parameters().under(prefix),
  };
  const trustAnchors = () => trustAnchorsOf(parameters);
  let engine: Promise<PdfSigningEngine> | undefined;
  const loadEngine = (): Promise<PdfSigningEngine> => {
    engine ??= import('#engines/pdf-signing').then((module) =>
      module.createPdfSigningEngine({ trustAnchors, textAppearance: async (request) => (await import('#engines/stamp-text')).textAppearance(request, 1) }),
    );
    return engine;
  };
  let remote: Promise<RemoteSigningService> | undefined;
  return {
    async settings(): Promise<SigningSettings> {
      return {
        policy: policyOf(await parameters.get(signingParameters.policy)),
        remoteSigner: (await parameters.get(signingParameters.remote)) !== undefined,
      };
    },
    engine: loadEngine,
    sessions: lazySessions(() => new DynamoSigningStore(options.table().client, options.table().tableName)),
    remote(): Promise<RemoteSigningService> {
      remote ??= import('#engines/remote-signing')
        .then((module) => module.remoteSignerFrom(parameters, async (id) => (await options.aws()).secretString(id)))
        .catch((error: unknown) => {
          remote = undefined;
          throw error;
        });
      return remote;
    },
    sealer: new KmsAgencySealer(async (keyId, digest, algorithm) => (await options.aws()).signDigest(keyId, digest, algorithm), parameters),
    revocation: {
      async crls(certificates) {
        const configured = [...(await parameters.under(signingParameters.crls)).values()].flatMap((text) => pemBlocks(text, 'X509 CRL'));
        const hosts =
          (await parameters.get(signingParameters.crlHosts))
            ?.split(',')
            .map((h) => h.trim())
            .filter((h) => h !== '') ?? [];
        const { crlsForChain } = await import('#engines/pdf-signing');
        return crlsForChain(certificates, {
          configured,
          now: clock.now(),
          ...(hosts.length === 0 ? {} : { fetcher: { allowedHosts: hosts, fetch: (url: URL) => boundedFetch(url, { maxBytes: MAX_CRL_BYTES, timeoutMs: 10_000 }) } }),
        });
      },
    },
    async timestamper(): Promise<Timestamper | undefined> {
      const url = await parameters.get(signingParameters.tsaUrl);
      return url === undefined ? undefined : new (await import('#engines/remote-signing')).Rfc3161Timestamper({ url });
    },
  };
}

/** A session store built when first used. */
function lazySessions(build: () => SigningSessionStore): SigningSessionStore {
  let store: SigningSessionStore | undefined;
  const get = () => {
    store ??= build();
    return store;
  };
  return {
    create: (session) => get().create(session),
    get: (documentId, signingId) => get().get(documentId, signingId),
    markPending: (session, tx) => get().markPending(session, tx),
  };
}

function policyOf(value: string | undefined): SignaturePolicy {
  if (value === undefined) return DEFAULT_POLICY;
  if (!(signaturePolicies as readonly string[]).includes(value))
    throw new Error(`the parameter ${signingParameters.policy} must be one of ${signaturePolicies.join(', ')}; got ${value}`);
  return value as SignaturePolicy;
}
