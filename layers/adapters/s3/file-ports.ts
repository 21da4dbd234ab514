import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FilePorts } from '#domain/files/ports';
import { bucket, env } from '#infra/definitions';
import { s3Client } from '../aws/clients.ts';
import { required } from '../config.ts';
import { DynamoFileStore } from '../dynamo/file-store.ts';
import { S3FileContentStore } from './file-content-store.ts';
import { filePolicyFromEnvironment } from './file-policy.ts';

/**
 * The real adapters of the files area. The bucket is resolved on first use, so functions without bucket
 * access (and without BUCKET_NAME) can still build their dependencies. No PDF verifier is wired yet:
 * layers/signature plugs in here.
 *
 * @example
 * const files = filePorts(dynamoDocumentClient(), required(env.tableName));
 */
export function filePorts(client: DynamoDBDocumentClient, tableName: string): FilePorts {
  return {
    store: new DynamoFileStore(client, tableName),
    content: new S3FileContentStore(s3Client, () => required(env.bucketName)),
    policy: filePolicyFromEnvironment(),
    uploadUrlSeconds: bucket.uploadUrlSeconds,
  };
}
