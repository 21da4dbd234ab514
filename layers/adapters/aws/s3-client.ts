import { S3Client } from '@aws-sdk/client-s3';
import { shared } from '../lazy.ts';
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
