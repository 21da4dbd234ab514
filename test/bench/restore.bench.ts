/**
 * Issue 19: the restore rehearsal at city scale (infra/backup, docs/OPERATIONS.md). One document is registered
 * with its scanned file through the API of the local runtime, and the stage exported; the archive is then
 * grown on disk to 100,000 such documents (each one's items and object under its own id), imported into an
 * empty table and bucket (the restore), digested against the archive's own digest, and exported again (the
 * backup). VANTHU_BENCH_RESTORE_DOCUMENTS sets another count. Each step is printed as it ends.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { exportArchive, importArchive, type StageData } from '#infra/backup/archive';
import { archiveDigest, stageDigest } from '#infra/backup/digest';
import { provision } from '#infra/local/provision';
import { samplePdf } from '#signature/dev/sample-pdf';
import { incomingBody, startTestApi } from '../support/api.ts';
import { attach } from '../support/files.ts';
import type { BenchSection } from './run.ts';

export async function run(): Promise<BenchSection> {
  return restore();
}

const DOCUMENTS = Number(process.env.VANTHU_BENCH_RESTORE_DOCUMENTS ?? 100_000);

/** Times a step and prints it at once (a long run keeps what it measured). */
async function timed<T>(step: string, run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`restore bench: ${step}: ${seconds.toFixed(1)} s\n`);
  return { value, seconds };
}

/**
 * The archive of `real` grown to `count` documents: the lines of `id` (its items, its object) copied under
 * ids of the same length; the manifest's counts and SHA-256s made anew.
 */
async function grow(real: string, dir: string, id: string, count: number): Promise<void> {
  await mkdir(path.join(dir, 'objects'), { recursive: true });
  for (const blob of await readdir(path.join(real, 'objects'))) await copyFile(path.join(real, 'objects', blob), path.join(dir, 'objects', blob));
  let items = 0;
  let objects = 0;
  const hashes = new Map<string, string>();
  for (const [name, counter] of [
    ['table.jsonl', (n: number) => (items += n)],
    ['objects.jsonl', (n: number) => (objects += n)],
  ] as const) {
    const lines = (await readFile(path.join(real, name), 'utf8')).split('\n').filter((line) => line !== '');
    // The document's own lines: its items (keyed by its id) and its objects (under its id); items of others that
    // mention it (counters, indexes keyed otherwise) are not copied, or the copies would overwrite each other.
    const own = lines.filter((line) => {
      const entry = JSON.parse(line) as { pk?: { S?: string }; sk?: { S?: string }; key?: string };
      return [entry.pk?.S, entry.sk?.S, entry.key].some((value) => value?.includes(id) === true);
    });
    const out = createWriteStream(path.join(dir, name), 'utf8');
    const hash = createHash('sha256');
    const write = (text: string) => {
      hash.update(text);
      return out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
    };
    for (const line of lines) await write(`${line}\n`);
    counter(lines.length);
    for (let i = 1; i < count; i += 1) {
      const clone = `${id.slice(0, 16)}${String(i).padStart(10, '0')}`;
      for (const line of own) await write(`${line.replaceAll(id, clone)}\n`);
      counter(own.length);
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    hashes.set(name, hash.digest('hex'));
  }
  const manifest = JSON.parse(await readFile(path.join(real, 'manifest.json'), 'utf8'));
  manifest.table.items = items;
  manifest.table.sha256 = hashes.get('table.jsonl');
  manifest.bucket.objects = objects;
  manifest.bucket.sha256 = hashes.get('objects.jsonl');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
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
    // One real document: registered by the clerk with its scanned file, as the API writes it.
    const clerk = await api.token({ sub: 'bench-clerk', organId: '000.00.91.H26', roles: ['clerk'] });
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ subject: 'Văn bản mẫu để diễn tập khôi phục [MẪU]' }) });
    await attach(api, clerk, registered.body.id, samplePdf(['VAN BAN MAU']), 'mau.pdf');
    const id = registered.body.id as string;
    const real = path.join(work, 'real');
    const small = await exportArchive(source, real);
    const perDocument = (await readFile(path.join(real, 'table.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { pk: { S: string }; sk: { S: string } })
      .filter((item) => item.pk.S.includes(id) || item.sk.S.includes(id)).length;
    const grown = path.join(work, 'grown');
    const generated = await timed('archive grown on disk', () => grow(real, grown, id, DOCUMENTS));
    const target: StageData = { dynamo, s3, ...(await provision({ dynamo, s3, sqs }, 'vanthu-restored')) };
    const imported = await timed(`import of ${DOCUMENTS} documents`, () => importArchive(target, grown));
    const digests = await timed('digest of the restored stage and of the archive', async () => [await stageDigest(target), await archiveDigest(grown)] as const);
    const exported = await timed('export of the restored stage', () => exportArchive(target, path.join(work, 'again')));
    const [restored, expected] = digests.value;
    const identical = JSON.stringify(restored) === JSON.stringify(expected);
    dynamo.destroy();
    s3.destroy();
    sqs.destroy();
    return {
      title: `Issue 19: restore rehearsal, ${DOCUMENTS.toLocaleString('en')} documents (local runtime)`,
      rows: [
        { step: 'restore: import into an empty table and bucket', seconds: imported.seconds.toFixed(1), items: imported.value.items, objects: imported.value.objects },
        { step: 'check: digest of the restored stage, and of the archive', seconds: digests.seconds.toFixed(1), items: restored.items, objects: restored.objects },
        {
          step: 'backup: export of the restored stage (scan in 8 segments, every object read)',
          seconds: exported.seconds.toFixed(1),
          items: exported.value.table.items,
          objects: exported.value.bucket.objects,
        },
      ],
      notes: [
        `Digests identical: ${identical ? 'yes' : 'NO'} (items ${restored.itemsSha256.slice(0, 12)}…, objects ${restored.objectsSha256.slice(0, 12)}…).`,
        `Each document: the ${perDocument} items keyed by its id that a registration with one file writes, and its objects; the other ${small.table.items - perDocument} items of the stage (the sample directory, counters) once; the archive was grown on disk in ${generated.seconds.toFixed(0)} s.`,
        'The local runtime\u2019s emulators (dynalite, fauxqs) in one process: AWS restores the table (PITR or AWS Backup) on its side; this measures the copy into the stage, the last step of docs/OPERATIONS.md, and the export an operator makes.',
      ],
    };
  } finally {
    await api.runtime.close();
    await rm(work, { recursive: true, force: true });
  }
}
