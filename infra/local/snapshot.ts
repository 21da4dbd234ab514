import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3SpyEvent } from 'fauxqs';
import type { QueuedMessage } from './emulators.ts';

/**
 * fauxqs keeps S3 and SQS in memory. To make state survive a restart, objects are mirrored to
 * `dataDir/s3` as they are written (and removed as they are deleted), and queue contents are saved at
 * shutdown to `dataDir/sqs.json`; both are put back at start. DynamoDB persists by itself (leveldb).
 */
export class EmbeddedSnapshot {
  private readonly restoring = new Set<string>();

  constructor(
    private readonly dataDir: string,
    private readonly s3: S3Client,
    private readonly sqs: SQSClient,
  ) {}

  /** True for an object event caused by restoring the snapshot (not a new upload). */
  isRestore(event: S3SpyEvent): boolean {
    return this.restoring.delete(`${event.bucket}/${event.key}`);
  }

  async mirror(event: S3SpyEvent): Promise<void> {
    const file = this.objectPath(event.bucket, event.key);
    if (event.status === 'deleted') {
      await rm(file, { force: true });
      return;
    }
    const object = await this.s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
    const bytes = await object.Body?.transformToByteArray();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes ?? new Uint8Array());
    await writeFile(`${file}.meta.json`, JSON.stringify({ contentType: object.ContentType, metadata: object.Metadata ?? {} }));
  }

  async restoreObjects(bucket: string): Promise<number> {
    const dir = path.join(this.dataDir, 's3', bucket);
    const names = await readdir(dir).catch(() => [] as string[]);
    let restored = 0;
    for (const name of names.filter((n) => !n.endsWith('.meta.json'))) {
      const key = decodeURIComponent(name);
      const meta = JSON.parse(await readFile(path.join(dir, `${name}.meta.json`), 'utf8').catch(() => '{}')) as { contentType?: string; metadata?: Record<string, string> };
      this.restoring.add(`${bucket}/${key}`);
      await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await readFile(path.join(dir, name)), ContentType: meta.contentType, Metadata: meta.metadata }));
      restored += 1;
    }
    return restored;
  }

  /** Saves queue contents by logical queue name (URLs change with the emulator's port). */
  async saveQueues(queues: Readonly<Record<string, readonly QueuedMessage[]>>): Promise<void> {
    await writeFile(path.join(this.dataDir, 'sqs.json'), JSON.stringify(queues));
  }

  async restoreQueues(urls: Readonly<Record<string, string>>): Promise<number> {
    const text = await readFile(path.join(this.dataDir, 'sqs.json'), 'utf8').catch(() => undefined);
    if (text === undefined) return 0;
    const saved = JSON.parse(text) as Record<string, QueuedMessage[]>;
    let restored = 0;
    for (const [name, messages] of Object.entries(saved)) {
      const url = urls[name];
      if (url === undefined) continue;
      for (let i = 0; i < messages.length; i += 10) {
        const batch = messages.slice(i, i + 10);
        await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((m, j) => ({
              Id: String(j),
              MessageBody: m.body,
              MessageAttributes: m.attributes,
              ...(m.groupId === undefined ? {} : { MessageGroupId: m.groupId }),
              ...(m.deduplicationId === undefined ? {} : { MessageDeduplicationId: m.deduplicationId }),
            })),
          }),
        );
        restored += batch.length;
      }
    }
    await rm(path.join(this.dataDir, 'sqs.json'), { force: true });
    return restored;
  }

  private objectPath(bucket: string, key: string): string {
    return path.join(this.dataDir, 's3', bucket, encodeURIComponent(key));
  }
}
