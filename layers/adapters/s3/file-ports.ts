import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FilePorts } from '#domain/files/ports';
import { bucket, env } from '#infra/definitions';
import { s3Client } from '../aws/clients.ts';
import { required } from '../config.ts';
import { DynamoFileStore } from '../dynamo/file-store.ts';
import { systemClock } from '#domain/ports';
import { SignaturePdfVerifier, trustAnchorsFromEnvironment } from '../signature/pdf-verifier.ts';
import { S3FileContentStore } from './file-content-store.ts';
import { filePolicyFromEnvironment } from './file-policy.ts';

/**
 * The real adapters of the files area. The bucket is resolved on first use, so functions without bucket
 * access (and without BUCKET_NAME) can still build their dependencies. PDFs are verified (layers/signature)
 * when trust anchors are configured (VANTHU_TRUST_ANCHORS or VANTHU_TRUST_ANCHORS_FILE).
 *
 * @example
 * const files = filePorts(dynamoDocumentClient(), required(env.tableName));
 */
export function filePorts(client: DynamoDBDocumentClient, tableName: string): FilePorts {
  const trustAnchors = trustAnchorsFromEnvironment();
  const bucketName = () => required(env.bucketName);
  return {
    store: new DynamoFileStore(client, tableName),
    content: new S3FileContentStore(s3Client, bucketName),
    policy: filePolicyFromEnvironment(),
    uploadUrlSeconds: bucket.uploadUrlSeconds,
    ...(trustAnchors === undefined ? {} : { pdfVerifier: new SignaturePdfVerifier({ trustAnchors, clock: systemClock, s3: s3Client, bucket: bucketName }) }),
  };
}
