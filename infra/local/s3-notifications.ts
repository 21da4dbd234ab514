import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event } from 'aws-lambda';

import { bucket } from '../definitions.ts';

/** Object keys under this prefix are uploaded files that the verifier must see (as configured in CDK). */
export const NOTIFIED_PREFIX = bucket.uploadPrefix;

/**
 * S3's object-created notification to SQS, locally: the same JSON body S3 sends, so the consumer
 * parses one format everywhere.
 */
export async function notifyObjectCreated(sqs: SQSClient, queueUrl: string, object: { bucket: string; key: string; size: number; region: string }): Promise<void> {
  const event: S3Event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: object.region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'files-uploaded',
          bucket: { name: object.bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${object.bucket}` },
          object: { key: encodeURIComponent(object.key).replace(/%2F/g, '/'), size: object.size, eTag: '', sequencer: Date.now().toString(16) },
        },
      },
    ],
  };
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
}
