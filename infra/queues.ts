import type { QueueName } from '#domain/outbox';

/**
 * The queues and their settings, in a module of their own: a worker reads its queue's settings (the
 * receives before the dead-letter queue) without importing every operation through infra/definitions.ts.
 */
export interface QueueDefinition {
  /** Logical name; the physical name is generated (CDK) or derived (local runtime). */
  readonly name: QueueName;
  readonly fifo: boolean;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly description: string;
}

export const queues: readonly QueueDefinition[] = [
  {
    name: 'axisOutbox',
    fifo: true,
    maxReceiveCount: 8,
    description: 'edoc and status packages to the national axis; message group = document',
  },
  {
    name: 'axisInbox',
    fifo: false,
    maxReceiveCount: 8,
    description: 'docIds listed by the axis poller, fetched and registered by the receiver',
  },
  {
    name: 'fileUploaded',
    fifo: false,
    maxReceiveCount: 5,
    description: 'S3 object-created events for uploaded files, consumed by the signature verifier',
  },
  {
    name: 'webhookOutbox',
    fifo: false,
    maxReceiveCount: 10,
    description: 'signed webhook deliveries to agencies that registered an endpoint',
  },
  {
    name: 'notifications',
    fifo: true,
    maxReceiveCount: 8,
    description: 'notices that work arrived (in-app and e-mail to the people they concern); message group = document',
  },
];
