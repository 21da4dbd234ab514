import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FilePorts } from '#domain/files/ports';
import { bucketLayout } from '#domain/files/layout';
import { env } from '../environment.ts';
import { s3Client, s3PresignClient } from '../aws/s3-client.ts';
import { required } from '../config.ts';
import { DynamoFileStore } from '../dynamo/file-store.ts';
import { S3FileContentStore } from './file-content-store.ts';
import { filePolicyFromEnvironment } from './file-policy.ts';

/**
 * The real adapters of the files area, without the PDF verifier (./verified-file-ports.ts adds it for the
 * file checker: the signature layer is a third of a bundle). The bucket is resolved on first use, so
 * functions without bucket access (and without BUCKET_NAME) can still build their dependencies.
 *
 * @example
 * const files = filePorts(dynamoDocumentClient(), required(env.tableName));
 */
export function filePorts(client: DynamoDBDocumentClient, tableName: string): FilePorts {
  const bucketName = () => required(env.bucketName);
  return {
    store: new DynamoFileStore(client, tableName),
    content: new S3FileContentStore(s3Client, bucketName, s3PresignClient),
    policy: filePolicyFromEnvironment(),
    uploadUrlSeconds: bucketLayout.uploadUrlSeconds,
  };
}
