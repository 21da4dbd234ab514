import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queues, table, visibilityTimeoutSeconds, type QueueDefinition, type QueueName } from '../definitions.ts';

/** Physical names in the local runtime (CDK generates its own in AWS). */
export interface LocalNames {
  readonly tableName: string;
  readonly bucketName: string;
  readonly queueUrls: Readonly<Record<QueueName, string>>;
  readonly deadLetterUrls: Readonly<Record<QueueName, string>>;
}

/**
 * Creates the table, bucket and queues of infra/definitions.ts — the same definitions the CDK stacks
 * read — with the SDK, so it works against the embedded emulators and LocalStack alike. Idempotent:
 * existing resources are kept (state survives a restart).
 */
export async function provision(clients: { dynamo: DynamoDBClient; s3: S3Client; sqs: SQSClient }, prefix: string): Promise<LocalNames> {
  const tableName = `${prefix}-${table.logicalName.toLowerCase()}`;
  const bucketName = `${prefix}-${'files'}`;
  await createTable(clients.dynamo, tableName);
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucketName })).catch((error: Error) => {
    if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(error.name)) throw error;
  });
  const queueUrls = {} as Record<QueueName, string>;
  const deadLetterUrls = {} as Record<QueueName, string>;
  for (const queue of queues) {
    const dlqUrl = await createQueue(clients.sqs, physicalQueueName(prefix, queue, true), queue, {});
    const dlqArn = await queueArn(clients.sqs, dlqUrl);
    deadLetterUrls[queue.name] = dlqUrl;
    queueUrls[queue.name] = await createQueue(clients.sqs, physicalQueueName(prefix, queue, false), queue, {
      VisibilityTimeout: String(visibilityTimeoutSeconds(queue.name)),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount }),
    });
  }
  return { tableName, bucketName, queueUrls, deadLetterUrls };
}

export function physicalQueueName(prefix: string, queue: QueueDefinition, deadLetter: boolean): string {
  const kebab = queue.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${prefix}-${kebab}${deadLetter ? '-dlq' : ''}${queue.fifo ? '.fifo' : ''}`;
}

/** Creates the table of infra/definitions.ts (with its GSIs and TTL) if it does not exist. */
export async function createTable(dynamo: DynamoDBClient, tableName: string): Promise<void> {
  const attributes = new Set<string>([table.partitionKey, table.sortKey, ...table.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 100; i += 1) {
    const described = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await dynamo
    .send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true } }))
    .catch(() => undefined); // dynalite has no TTL; LocalStack and AWS do. Expiry is an optimisation, never relied on.
}

async function createQueue(sqs: SQSClient, name: string, queue: QueueDefinition, attributes: Record<string, string>): Promise<string> {
  const result = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { ...attributes, ...(queue.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}) } }),
  );
  if (result.QueueUrl === undefined) throw new Error(`CreateQueue ${name} returned no URL`);
  return result.QueueUrl;
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = result.Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`No ARN for queue ${url}`);
  return arn;
}
