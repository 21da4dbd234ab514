import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * An S3 notification destination on an encrypted queue, granted to S3 for this bucket only.
 * CDK's `SqsDestination` also adds a key-policy statement letting S3 use the queue key for any bucket
 * (of any account); here both the queue policy and the key policy carry `aws:SourceArn` = this bucket.
 *
 * @example
 * bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new BucketQueueDestination(queue), { prefix: 'files/' });
 */
export class BucketQueueDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.Queue) {}

  bind(_scope: Construct, bucket: s3.IBucketRef): s3.BucketNotificationDestinationConfig {
    const s3FromThisBucket = new iam.ServicePrincipal('s3.amazonaws.com', {
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketRef.bucketArn } },
    });
    // Adds the send permission to the queue policy and, for the encrypted queue, key use to the key policy.
    this.queue.grantSendMessages(s3FromThisBucket);
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
