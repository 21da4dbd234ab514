import type { Dependencies } from '#app/context';
import { sqsClient } from '../aws/sqs-client.ts';
import { SqsMessageQueue } from '../sqs/message-queue.ts';

/** The `queue` port: the queues the function's definition lets it send to (their URLs are its grants). */
export const queue = (): Dependencies['queue'] => new SqsMessageQueue(sqsClient);
