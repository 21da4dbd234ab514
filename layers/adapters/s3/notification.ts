import * as z from 'zod';
import type { UploadedObject } from '#domain/files/file';

/**
 * S3 event notifications as delivered to SQS (one JSON document per message body). Keys arrive
 * URL-encoded, spaces as `+`. S3 also sends an `s3:TestEvent` when the notification is configured.
 */
const notificationSchema = z.union([
  z.object({
    Records: z.array(
      z.object({
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string() }),
          object: z.object({ key: z.string(), versionId: z.string().optional() }),
        }),
      }),
    ),
  }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

/**
 * The objects an SQS message body reports as created; none for a test event. Throws on a body that is not
 * an S3 notification, so the message is retried and finally lands in the dead-letter queue for a person.
 *
 * @example
 * createdObjects(record.body) // [{ key: 'files/01J…/01J…', versionId: '3HL4kqtJ…' }]
 */
export function createdObjects(body: string): readonly UploadedObject[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new Error('The message is not JSON: expected an S3 event notification', { cause: error });
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The message is not an S3 event notification: ${parsed.error.message}`);
  if (!('Records' in parsed.data)) return [];
  return parsed.data.Records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map((record) => ({
    key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
    ...(record.s3.object.versionId === undefined ? {} : { versionId: record.s3.object.versionId }),
  }));
}
