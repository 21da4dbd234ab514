/** The queues of the system (infra/definitions.ts gives each its settings). */
import type { Notice } from './notifications/notice.ts';

export const queueNames = ['axisOutbox', 'axisInbox', 'fileUploaded', 'webhookOutbox', 'notifications'] as const;
export type QueueName = (typeof queueNames)[number];

/**
 * The transactional outbox: a message written in the same transaction as the change that causes it, then
 * handed to its queue. A crash between the commit and the hand-over loses nothing: the scheduled relay
 * sends what is still pending, and consumers are idempotent on business ids.
 */
export type AxisMessage =
  /** Send an issued document (BussinessDocType 0 new, 1 revocation, 2 update, 3 replacement) to its recipients. */
  | { readonly kind: 'send-document'; readonly documentId: string; readonly bussinessDocType: 0 | 1 | 2 | 3; readonly reason?: string }
  /** Tell the sender of an incoming document its new status (01–06, 15, 16). */
  | { readonly kind: 'send-status'; readonly documentId: string; readonly statusCode: '01' | '02' | '03' | '04' | '05' | '06' | '15' | '16'; readonly description: string };

/** Deliver a notice (in-app and e-mail) to its audience: the `notifications` queue. */
export interface NoticeMessage {
  readonly kind: 'notice';
  readonly notice: Notice;
}

/**
 * Put the issued original of a document under the bucket's retention (S3 Object Lock, governance mode): the
 * `fileUploaded` queue, whose consumer already reads and writes the bucket (layers/app/files/retain-original.ts).
 */
export interface RetainMessage {
  readonly kind: 'retain-original';
  readonly documentId: string;
}

export type OutboxMessage = AxisMessage | NoticeMessage | RetainMessage;

export interface OutboxEntry {
  readonly id: string;
  readonly queue: QueueName;
  /** FIFO message group: one per document, so a document's messages keep their order. */
  readonly groupId: string;
  readonly body: OutboxMessage;
  readonly createdAt: string;
}

/** The outbox port: pending entries and their hand-over. */
export interface OutboxStore {
  pending(limit: number): Promise<readonly OutboxEntry[]>;
  /** Marks an entry handed over; false when another relay did it first. */
  markRelayed(id: string, at: Date): Promise<boolean>;
}

/** The queue port (SQS): FIFO queues take the group and a deduplication id. */
export interface MessageQueue {
  send(queue: QueueName, message: { readonly body: string; readonly groupId?: string; readonly deduplicationId?: string; readonly delaySeconds?: number }): Promise<void>;
}
