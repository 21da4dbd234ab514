/**
 * Signing in the workflow, through the local runtime over HTTP: the leader's personal signature prepared
 * and completed with the development remote signer (CSC v2, PIN) and the clerk's issue (number stamp,
 * agency seal with the KMS emulator, RFC 3161 timestamp from the development TSA), for a 1 MB and a 20 MB
 * PDF. Counted: the KMS Sign calls and the S3 requests the functions make (SDK middleware on the shared
 * clients), and the peak memory of the whole process (runtime, emulators and functions together).
 */
import { randomBytes } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { InitializeMiddleware } from '@smithy/types';
import { kmsClient } from '#adapters/aws/config-clients';
import { s3Client } from '#adapters/aws/s3-client';
import { DEV_SIGNER_PIN } from '#infra/local/signing-setup';
import { startTestApi } from '../support/api.ts';
import { imagePdf } from '../support/large-pdf.ts';
import { announcement, attach, settledFile } from '../support/files.ts';
import { dependencies } from '#adapters/dependencies';
import { fileObjectKey } from '#domain/files/object-key';
import type { BenchSection } from './run.ts';
import { median, watchMemory } from './tools.ts';

const AGENCY = '000.00.91.H26';
const LEADER = 'sample-leader-1';
const SIZES_MB = (process.env.BENCH_SIGNING_SIZES ?? '1,20').split(',').map(Number);
const RUNS = Number(process.env.BENCH_SIGNING_RUNS ?? 5);

/** A one-page A4 PDF of about `megabytes` MB (an incompressible image). */
function pdfOfSize(megabytes: number): Uint8Array {
  return imagePdf(Math.round(megabytes * 1024 * 1024));
}

/** Counts the requests a client sends, by command name. */
function countRequests(client: S3Client | KMSClient): Map<string, number> {
  const counts = new Map<string, number>();
  (client.middlewareStack as unknown as { add(middleware: InitializeMiddleware<object, object>, options: { step: 'initialize'; name: string }): void }).add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: `vanthuBenchCounter${randomBytes(4).toString('hex')}` },
  );
  return counts;
}

/**
 * Attaches the PDF as a client would; a file above the local S3 emulator's 11 MiB request limit is put with
 * a multipart upload to the same key (S3 itself takes a single PUT of up to 5 GB), then checked as any upload.
 */
async function upload(api: Awaited<ReturnType<typeof startTestApi>>, token: string, documentId: string, pdf: Uint8Array): Promise<void> {
  if (pdf.length <= 10 * 1024 * 1024) {
    await attach(api, token, documentId, pdf, 'bench.pdf');
    return;
  }
  const slot = await api.request('POST', `/documents/${documentId}/files`, { token, body: announcement(pdf, { fileName: 'bench.pdf' }) });
  const key = fileObjectKey(documentId, slot.body.fileId);
  async function* parts(): AsyncIterable<Uint8Array> {
    for (let at = 0; at < pdf.length; at += 1024 * 1024) yield pdf.subarray(at, at + 1024 * 1024);
  }
  await api.runtime.inFunction('create-file-upload', () => dependencies().files.content.storeStream(key, parts(), 'application/pdf'));
  const file = await settledFile(api, token, documentId, slot.body.fileId);
  if (file.status !== 'stored') throw new Error(`the 20 MB upload was not stored: ${JSON.stringify(file).slice(0, 300)}`);
}

interface Step {
  readonly ms: number[];
  readonly kmsSign: number[];
  readonly s3: number[];
  readonly rss: number[];
  readonly heap: number[];
}

export async function run(): Promise<BenchSection[]> {
  const engineAlone = await engineSection();
  return [await workflowSection(), engineAlone];
}

async function workflowSection(): Promise<BenchSection> {
  const api = await startTestApi({ signaturePolicy: 'leader-and-agency' });
  try {
    const specialist = await api.token({ sub: 'bench-specialist', organId: AGENCY, roles: ['specialist'] });
    const leader = await api.token({ sub: LEADER, organId: AGENCY, roles: ['leader'] });
    const clerk = await api.token({ sub: 'bench-clerk', organId: AGENCY, roles: ['clerk'] });
    const s3 = countRequests(s3Client());
    const kms = countRequests(kmsClient());
    const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
    const rows: Record<string, string | number>[] = [];
    for (const megabytes of SIZES_MB) {
      const pdf = pdfOfSize(megabytes);
      const steps = new Map<string, Step>(['prepare', 'complete', 'issue'].map((name) => [name, { ms: [], kmsSign: [], s3: [], rss: [], heap: [] }]));
      const measure = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
        const step = steps.get(name) as Step;
        const [s3Before, kmsBefore] = [total(s3), kms.get('SignCommand') ?? 0];
        global.gc?.();
        const memory = watchMemory(10);
        const start = performance.now();
        const result = await call();
        step.ms.push(performance.now() - start);
        const peak = memory.stop();
        step.rss.push(peak.rss);
        step.heap.push(peak.heap);
        step.s3.push(total(s3) - s3Before);
        step.kmsSign.push((kms.get('SignCommand') ?? 0) - kmsBefore);
        return result;
      };
      for (let i = 0; i < (megabytes >= 10 ? Math.min(RUNS, 3) : RUNS) + 1; i += 1) {
        const created = await api.request('POST', '/documents/outgoing', {
          token: specialist,
          body: { typeName: 'Quyết định', subject: `Đo ký số ${megabytes} MB lần ${i} [MẪU]` },
        });
        await upload(api, specialist, created.body.id, pdf);
        await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
        const id = created.body.id as string;
        const prepared = await measure('prepare', () =>
          api.request('POST', `/documents/${id}/signatures/prepare`, { token: leader, body: { signer: { kind: 'remote', credentialId: LEADER } } }),
        );
        const completed = await measure('complete', () =>
          api.request('POST', `/documents/${id}/signatures/${prepared.body.signingId}/complete`, { token: leader, body: { authorization: { PIN: DEV_SIGNER_PIN } } }),
        );
        const issued = await measure('issue', () => api.request('POST', `/documents/${id}/issue`, { token: clerk }));
        if (prepared.status !== 201 || completed.status !== 200 || issued.status !== 200) {
          throw new Error(`signing bench: ${prepared.status} ${completed.status} ${issued.status} ${JSON.stringify(issued.body).slice(0, 300)}`);
        }
        // The first run warms the engines (pkijs, pdfkit, the font): it is not counted.
        if (i === 0) for (const step of steps.values()) for (const list of Object.values(step)) (list as number[]).length = 0;
      }
      for (const [name, step] of steps) {
        rows.push({
          PDF: `${megabytes} MB`,
          step: name,
          runs: step.ms.length,
          'p50 ms': median(step.ms).toFixed(0),
          'max ms': Math.max(...step.ms).toFixed(0),
          'KMS Sign calls': median(step.kmsSign),
          'S3 requests': median(step.s3),
          'peak RSS MiB': (Math.max(...step.rss) / 2 ** 20).toFixed(0),
          'peak heap MiB': (Math.max(...step.heap) / 2 ** 20).toFixed(0),
        });
      }
    }
    return {
      title: 'Signing in the workflow: prepare + complete a personal signature, issue with stamp and seal',
      rows,
      notes: [
        'HTTP round trips to the local runtime (every function, the emulators and this bench in one process); the first run of each size warms the engines and is not counted.',
        'prepare: reads the PDF, adds the number and date fields and the signature placeholder, hashes the file, stores the prepared PDF. complete: the remote signer (CSC v2 authorize + signHash) and the TSA, then embeds, verifies the whole file and stores it. issue: stamps the number and date, one KMS Sign, a TSA timestamp, verifies both signatures and stores the issued original in the numbered transaction.',
        'KMS Sign calls: counted on the KMS client (SignCommand); S3 requests: every request of the functions to the bucket (reads, puts, evidence).',
        'Peak memory is that of the whole process while the step ran: it includes the emulators holding the objects.',
      ],
    };
  } finally {
    await api.runtime.close();
  }
}

/**
 * The signing engine alone, in this process without the runtime and its emulators: what a function holds
 * to sign a PDF of each size — the time of each operation and the peak of the buffers outside the heap
 * (`arrayBuffers`, where the PDF bytes live) and of the heap, above what was there before.
 */
async function engineSection(): Promise<BenchSection> {
  const { createPdfSigningEngine } = await import('#signature/sign/engine');
  const { textAppearance } = await import('#signature/sign/text-appearance');
  const { createDevPki, issueCrl } = await import('#signature/dev/pki');
  const { algorithmOf, signWithKey } = await import('#signature/dev/cms-builder');
  const { DEFAULT_STAMP_PLACEMENT } = await import('#domain/signing/stamp');
  const now = new Date();
  const pki = createDevPki({ now, signers: [{ name: 'leader' }, { name: 'agency' }] });
  const crl = issueCrl(pki.root, [], new Date(now.getTime() - 60_000));
  const engine = createPdfSigningEngine({ trustAnchors: async () => [pki.root.certificate], textAppearance: (request) => textAppearance(request, 1) });
  const identity = (name: string) => {
    const found = pki.signers.get(name);
    if (found === undefined) throw new Error(name);
    return found;
  };
  const leader = identity('leader');
  const agency = identity('agency');
  const chain = (who: typeof leader) => [who.certificate, pki.root.certificate];
  const rows: Record<string, string | number>[] = [];
  for (const megabytes of SIZES_MB) {
    const pdf = pdfOfSize(megabytes);
    const samples = new Map<string, { ms: number[]; external: number[]; heap: number[] }>();
    const measure = async <T>(name: string, call: () => Promise<T> | T): Promise<T> => {
      global.gc?.();
      const base = process.memoryUsage();
      let external = 0;
      let heap = 0;
      const sample = () => {
        const usage = process.memoryUsage();
        external = Math.max(external, usage.arrayBuffers - base.arrayBuffers);
        heap = Math.max(heap, usage.heapUsed - base.heapUsed);
      };
      const timer = setInterval(sample, 5);
      const start = performance.now();
      const result = await call();
      const ms = performance.now() - start;
      clearInterval(timer);
      sample();
      const entry = samples.get(name) ?? { ms: [], external: [], heap: [] };
      entry.ms.push(ms);
      entry.external.push(external);
      entry.heap.push(heap);
      samples.set(name, entry);
      return result;
    };
    for (let i = 0; i < RUNS + 1; i += 1) {
      const prepared = await measure('prepare (update, hash)', () =>
        engine.preparePersonal(pdf, {
          fieldName: 'f',
          signerName: 'n',
          reason: 'r',
          signingTime: now,
          certificates: chain(leader),
          crls: [crl],
          stamp: DEFAULT_STAMP_PLACEMENT,
          certificationLevel: 2,
        }),
      );
      const signed = await measure('complete (embed, verify)', async () => {
        const bytes = engine.embed(prepared, {
          signedAttributes: prepared.signedAttributes,
          signature: signWithKey(leader, prepared.signedAttributes),
          algorithm: algorithmOf(leader),
          certificates: chain(leader),
        });
        const verification = await engine.verify(bytes, now);
        if (verification.verdict !== 'TOTAL_PASSED') throw new Error(`engine bench: the leader signature is ${verification.verdict}`);
        return bytes;
      });
      await measure('issue (stamp, seal, verify)', async () => {
        const issue = await engine.prepareIssue(signed, {
          numberLine: 'Số: 15/QĐ-UBND',
          dateLine: 'Hà Nội, ngày 03 tháng 12 năm 2026',
          placement: DEFAULT_STAMP_PLACEMENT,
          signingTime: now,
          seal: { fieldName: 'vanthu.dau', signerName: 'UBND [MẪU]', reason: 'Phát hành', certificates: chain(agency), crls: [crl] },
        });
        const seal = issue.seal;
        if (seal === undefined) throw new Error('no seal');
        const bytes = engine.embed(
          { bytes: issue.bytes, hole: seal.hole },
          { signedAttributes: seal.signedAttributes, signature: signWithKey(agency, seal.signedAttributes), algorithm: algorithmOf(agency), certificates: chain(agency) },
        );
        const verification = await engine.verify(bytes, now);
        if (verification.verdict !== 'TOTAL_PASSED') throw new Error(`engine bench: the issued file is ${verification.verdict}`);
      });
      if (i === 0) for (const entry of samples.values()) for (const list of Object.values(entry)) (list as number[]).length = 0;
    }
    for (const [step, entry] of samples) {
      rows.push({
        PDF: `${megabytes} MB`,
        step,
        runs: entry.ms.length,
        'p50 ms': median(entry.ms).toFixed(0),
        'peak buffers MiB (× PDF)': `${(Math.max(...entry.external) / 2 ** 20).toFixed(0)} (${(Math.max(...entry.external) / pdf.length).toFixed(1)})`,
        'peak heap MiB': (Math.max(...entry.heap) / 2 ** 20).toFixed(0),
      });
    }
  }
  return {
    title: 'Signing engine alone (what a function holds): prepare, complete, issue for 1 MB and 20 MB',
    rows,
    notes: [
      'In process, keys of the development CA in place of the token and KMS (their calls are the HTTP table above); after one unmeasured run.',
      'Peak buffers: the growth of `arrayBuffers` (the PDF bytes, the updated copy, the hashed ranges) over what was allocated before the step, sampled every 5 ms; × PDF: that peak over the PDF size.',
    ],
  };
}
