import { S3Client } from '@aws-sdk/client-s3';
import { shared } from '../lazy.ts';
import { optional } from '../config.ts';
import { clientSettings, endpointFor } from './settings.ts';

/**
 * The S3 client, one per process; path-style URLs against an emulator. Response checksums are checked only
 * where S3 requires it: the file checker reads an upload precisely to find out whether its bytes match what
 * was announced, and hashes them itself (layers/app/files/check-upload.ts).
 */
export const s3Client: () => S3Client = shared(() => {
  const endpoint = endpointFor('S3');
  return new S3Client({ ...clientSettings(), responseChecksumValidation: 'WHEN_REQUIRED', ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }) });
});

const presigners = new Map<string, S3Client>();

/**
 * The client that signs the URLs a browser uses: the S3 client itself in AWS; in the local runtime one whose
 * endpoint is the API server's relay (VANTHU_LOCAL_S3_PUBLIC_ENDPOINT, infra/local/s3-relay.ts), so the
 * portal reaches the bucket on its own origin.
 */
export function s3PresignClient(): S3Client {
  const relay = optional('VANTHU_LOCAL_S3_PUBLIC_ENDPOINT');
  if (relay === undefined) return s3Client();
  let client = presigners.get(relay);
  if (client === undefined) {
    client = new S3Client({ ...clientSettings(), endpoint: relay, forcePathStyle: true });
    presigners.set(relay, client);
  }
  return client;
}
