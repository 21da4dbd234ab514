import { Duration, Tags } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition, QueueName } from '#infra/definitions';
import { encryptionKey } from './keys.ts';

/** A work queue with its dead-letter queue and the definition it was built from. */
export interface MessageQueue {
  readonly definition: QueueDefinition;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

export interface MessageQueuesProps {
  readonly definitions: readonly QueueDefinition[];
  /** Visibility timeout of each queue, from its consumers' timeouts. */
  readonly visibilityTimeoutSeconds: (queue: QueueName) => number;
}

/** Tag naming the definition a queue belongs to, so operators and tests can find it by logical name. */
export const queueTag = 'vanthu:queue';

/**
 * The SQS queues of the definitions, each with a dead-letter queue (FIFO with FIFO), all encrypted
 * under one customer-managed key and reachable over TLS only. Content-based deduplication is off:
 * the application sets deduplication ids from business ids.
 *
 * @example
 * const queues = new MessageQueues(this, 'Queues', { definitions: queues, visibilityTimeoutSeconds });
 * queues.get('axisOutbox').queue.queueUrl;
 */
export class MessageQueues extends Construct {
  readonly key: kms.Key;
  readonly all: readonly MessageQueue[];

  constructor(scope: Construct, id: string, props: MessageQueuesProps) {
    super(scope, id);
    this.key = encryptionKey(this, 'Key', 'vanthu queues and alarm topic');
    this.all = props.definitions.map((definition) => this.build(definition, props.visibilityTimeoutSeconds(definition.name)));
  }

  /** The queue of a logical name; throws when the definitions have no such queue. */
  get(name: QueueName): MessageQueue {
    const found = this.all.find((entry) => entry.definition.name === name);
    if (found === undefined) throw new Error(`no queue named ${name} in the definitions`);
    return found;
  }

  private build(definition: QueueDefinition, visibilityTimeoutSeconds: number): MessageQueue {
    const scope = new Construct(this, definition.name);
    const common = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      // Fewer KMS calls: a data key is reused for 5 minutes.
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      ...(definition.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
    };
    // 14 days is SQS's maximum retention, whatever logRetentionDays says: an operator has two weeks to redrive a message.
    const deadLetterQueue = new sqs.Queue(scope, 'DeadLetter', { ...common, retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(scope, 'Queue', {
      ...common,
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      // High-throughput FIFO: ordering and deduplication per message group (one document).
      ...(definition.fifo ? { deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP, fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID } : {}),
    });
    Tags.of(scope).add(queueTag, definition.name);
    return { definition, queue, deadLetterQueue };
  }
}
