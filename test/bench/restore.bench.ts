/**
 * Issue 19: the restore rehearsal at city scale. 100,000 documents (each with the items a registration with
 * one file writes, and its PDF) in the local runtime's table and bucket are exported, imported into an
 * empty table and bucket, and the digests of both compared (infra/backup/archive.ts, docs/OPERATIONS.md).
 * VANTHU_BENCH_RESTORE_DOCUMENTS sets another count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type AttributeValue, BatchWriteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { exportArchive, importArchive, type StageData } from '#infra/backup/archive';
import { stageDigest } from '#infra/backup/digest';
import { provision } from '#infra/local/provision';
import { samplePdf } from '#signature/dev/sample-pdf';
import { incomingBody, startTestApi } from '../support/api.ts';
import { attach } from '../support/files.ts';
import type { BenchSection } from './run.ts';
import { pool } from './tools.ts';

export async function run(): Promise<BenchSection> {
  return restore();
}

const DOCUMENTS = Number(process.env.VANTHU_BENCH_RESTORE_DOCUMENTS ?? 100_000);

/** Replaces every occurrence of `from` in an item's strings (keys and values) by `to`. */
function cloneItem(item: Record<string, AttributeValue>, from: string, to: string): Record<string, AttributeValue> {
  return JSON.parse(JSON.stringify(item).replaceAll(from, to)) as Record<string, AttributeValue>;
}

async function restore(): Promise<BenchSection> {
  const api = await startTestApi({ seed: true });
  const work = await mkdtemp(path.join(os.tmpdir(), 'vanthu-restore-bench-'));
  try {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const dynamo = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: api.runtime.endpoints.dynamodb, credentials });
    const s3 = new S3Client({ region: 'ap-southeast-1', endpoint: api.runtime.endpoints.s3, forcePathStyle: true, credentials });
    const sqs = new SQSClient({ region: 'ap-southeast-1', endpoint: api.runtime.endpoints.sqs, credentials });
    const source: StageData = { dynamo, s3, tableName: api.runtime.names.tableName, bucketName: api.runtime.names.bucketName };
    const keyOf = (item: Record<string, AttributeValue>) => `${item.pk?.S}\u0000${item.sk?.S}`;
    const scanAll = async () => {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: source.tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    };
    // One real document: registered by the clerk with its scanned file, as the API writes it.
    const clerk = await api.token({ sub: 'bench-clerk', organId: '000.00.91.H26', roles: ['clerk'] });
    const before = new Set((await scanAll()).map(keyOf));
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ subject: 'Văn bản mẫu để diễn tập khôi phục [MẪU]' }) });
    const file = await attach(api, clerk, registered.body.id, samplePdf(['VAN BAN MAU']), 'mau.pdf');
    const id = registered.body.id as string;
    const own = (await scanAll()).filter((item) => !before.has(keyOf(item)) && JSON.stringify(item).includes(id));
    const pdf = samplePdf(['VAN BAN MAU']);
    // The other 99,999: the same items and file under new ids (ULID-shaped, same length).
    const seedStarted = performance.now();
    await pool(DOCUMENTS - 1, 32, async (i) => {
      const clone = `${id.slice(0, 16)}${String(i).padStart(10, '0')}`;
      const items = own.map((item) => cloneItem(item, id, clone));
      for (let at = 0; at < items.length; at += 25) {
        await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [source.tableName]: items.slice(at, at + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      }
      await s3.send(new PutObjectCommand({ Bucket: source.bucketName, Key: `archive-bench/${clone}/${file.fileId}`, Body: pdf, ContentType: 'application/pdf' }));
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const exportStarted = performance.now();
    const manifest = await exportArchive(source, path.join(work, 'archive'));
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const target: StageData = { dynamo, s3, ...(await provision({ dynamo, s3, sqs }, 'vanthu-restored')) };
    const importStarted = performance.now();
    const report = await importArchive(target, path.join(work, 'archive'));
    const importSeconds = (performance.now() - importStarted) / 1000;
    const digestStarted = performance.now();
    const [original, restored] = [await stageDigest(source), await stageDigest(target)];
    const digestSeconds = (performance.now() - digestStarted) / 1000;
    const identical = JSON.stringify(original) === JSON.stringify(restored);
    dynamo.destroy();
    s3.destroy();
    sqs.destroy();
    return {
      title: `Issue 19: restore rehearsal, ${DOCUMENTS.toLocaleString('en')} documents (local runtime)`,
      rows: [
        { step: 'export (table scan in 8 segments, every object read)', seconds: exportSeconds.toFixed(1), items: manifest.table.items, objects: manifest.bucket.objects },
        { step: 'import into an empty table and bucket', seconds: importSeconds.toFixed(1), items: report.items, objects: report.objects },
        { step: 'digest of both stages (compare)', seconds: digestSeconds.toFixed(1), items: restored.items, objects: restored.objects },
      ],
      notes: [
        `Digests identical: ${identical ? 'yes' : 'NO'} (items ${restored.itemsSha256.slice(0, 12)}…, objects ${restored.objectsSha256.slice(0, 12)}…).`,
        `Each document: the ${own.length} items a registration with one file writes, and its ${pdf.length}-byte PDF; seeding them took ${seedSeconds.toFixed(0)} s (not part of the restore).`,
        'The local runtime\u2019s emulators (dynalite, fauxqs) in one process: AWS restores the table (PITR or AWS Backup) on its side; this measures the copy into the stage, the last step of docs/OPERATIONS.md.',
      ],
    };
  } finally {
    await api.runtime.close();
    await rm(work, { recursive: true, force: true });
  }
}
