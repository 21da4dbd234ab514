import { describe, expect, it } from 'vitest';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createdObjects } from '#adapters/s3/notification';
import { checkUploads } from '../../../functions/queue/file-uploaded.ts';
import { DOC_ID, fileDeps, pendingFile } from './fakes.ts';

function notification(records: { key: string; eventName?: string; versionId?: string }[]): string {
  return JSON.stringify({
    Records: records.map((r) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: r.eventName ?? 'ObjectCreated:Put',
      s3: { bucket: { name: 'vanthu-files' }, object: { key: r.key, size: 10, ...(r.versionId === undefined ? {} : { versionId: r.versionId }) } },
    })),
  });
}

function sqsEvent(bodies: string[]): SQSEvent {
  return { Records: bodies.map((body, i) => ({ messageId: `m-${i}`, receiptHandle: `r-${i}`, body }) as SQSRecord) };
}

describe('S3 event notifications', () => {
  it('gives the created objects with URL-decoded keys and their version ids', () => {
    expect(
      createdObjects(
        notification([
          { key: 'files/A/B+c%C3%A1', versionId: 'v1' },
          { key: 'files/A/C', eventName: 'ObjectRemoved:Delete' },
        ]),
      ),
    ).toEqual([{ key: 'files/A/B cá', versionId: 'v1' }]);
  });

  it('gives nothing for the test event S3 sends when notifications are configured', () => {
    expect(createdObjects(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'vanthu-files' }))).toEqual([]);
  });

  it('throws on a body that is not an S3 notification', () => {
    expect(() => createdObjects('not json')).toThrowError(/not JSON/);
    expect(() => createdObjects('{"Records":[{"eventName":1}]}')).toThrowError(/not an S3 event notification/);
  });
});

describe('the fileUploaded consumer', () => {
  it('reports only the records that failed as batch item failures and checks the others', async () => {
    // Prepare
    const bytes = Buffer.from('%PDF-1.4 hello world');
    const file = pendingFile(bytes, { contentType: 'application/pdf' });
    const { deps, store, content } = fileDeps();
    await store.create(file);
    content.put(file.objectKey, bytes, { contentType: 'application/pdf' });
    // Act
    const response = await checkUploads(deps, sqsEvent(['garbage', notification([{ key: file.objectKey }]), notification([{ key: 'exports/x.csv' }])]));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect((await store.get(DOC_ID, file.fileId))?.status).toBe('stored');
  });

  it('reports a record whose check failed unexpectedly, so it comes back', async () => {
    const { deps, store } = fileDeps();
    store.get = async () => Promise.reject(new Error('ProvisionedThroughputExceededException'));
    const response = await checkUploads(deps, sqsEvent([notification([{ key: pendingFile(Buffer.from('x')).objectKey }])]));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
  });
});
