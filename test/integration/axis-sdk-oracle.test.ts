/**
 * The government axis SDK's own parser as an oracle (issue 13): what vanthu builds, the SDK reads — every
 * modelled field; and what the SDK's sample packages carry, vanthu reads. The SDK is not part of this
 * repository: set VANTHU_AXIS_SDK_DIR to its "JDK 1.8/SDKVXP_Example" folder (tools/axis-oracle/README.md);
 * without it, or without a JDK, these tests are skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEdocToBuffer, buildStatus, EdxmlError, parseEdxml, type ParsedEdoc } from '#edxml/index';
import { fullEdoc, sampleStatus } from '#test/unit/edxml/samples';

const sdkDir = process.env['VANTHU_AXIS_SDK_DIR'];
const javaPresent = spawnSync('javac', ['-version']).status === 0;
const ready = sdkDir !== undefined && existsSync(join(sdkDir, 'lib')) && javaPresent;
if (!ready) {
  console.warn(
    `axis-sdk-oracle: skipped — ${sdkDir === undefined ? 'VANTHU_AXIS_SDK_DIR is not set' : !javaPresent ? 'no JDK (javac) on PATH' : `${sdkDir} has no lib/ folder`} (see tools/axis-oracle/README.md)`,
  );
}

type Json = Record<string, unknown>;

/** Runs the SDK's parser on files; one JSON result per file, in Vietnam time so dates read as written. */
function sdkRead(mode: 'edoc' | 'status', files: readonly string[]): Json[] {
  const result = spawnSync('bash', ['tools/axis-oracle/run.sh', mode, ...files], {
    env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`axis-oracle failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Json);
}

/** What the SDK read from one file; a file it gave no result for fails here, by its line, not with a TypeError. */
function resultOf(line: Json | undefined): Json {
  const result = line?.['result'];
  if (result === undefined || result === null) throw new Error(`the axis SDK gave no result: ${JSON.stringify(line)}`);
  return result as Json;
}

/** Drops nulls and the harness's type tags, so a comparison shows only what the SDK read. */
function read(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(read);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => v !== null && k !== '@type')
      .map(([k, v]) => [k, read(v)]),
  );
}

const sdkDate = (iso: string) => `${iso}T00:00:00.000+07:00`;
const sdkTime = (iso: string) => iso.replace(/([+-]\d{2}:\d{2}|Z)$/, '.000$1');

describe.skipIf(!ready)('the axis SDK reads what vanthu builds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-oracle-'));

  it('a status package: every field, from the MessageHeader', () => {
    // Prepare
    const input = { ...sampleStatus, staffInfo: { department: 'Văn thư', departmentId: 'VT', staff: 'Nguyễn Văn Mẫu', staffId: '9', email: 'a@example.vn', mobile: '0900' } };
    const file = join(dir, 'status.edxml');
    writeFileSync(file, buildStatus(input));
    // Act
    const [out] = sdkRead('status', [file]);
    // Assess
    const header = read(resultOf(out)['header']) as Json;
    expect(header['messageHeader']).toEqual({
      from: input.from,
      responseFor: { ...input.responseFor, promulgationDate: sdkDate(input.responseFor.promulgationDate) },
      staffInfo: input.staffInfo,
      statusCode: input.statusCode,
      description: input.description,
      timestamp: sdkTime(input.timestamp),
    });
  });

  it('a document package: every modelled field, identifiers as real traffic uses them', async () => {
    // Prepare
    const file = join(dir, 'edoc.edxml');
    const pdf = new TextEncoder().encode('%PDF-1.4 SAMPLE');
    writeFileSync(
      file,
      await buildEdocToBuffer({
        ...fullEdoc,
        attachments: [{ contentId: 'cid:1', attachmentName: 'qd.pdf', contentType: 'application/pdf', description: 'Quyết định', payload: pdf }],
      }),
    );
    // Act
    const [out] = sdkRead('edoc', [file]);
    // Assess
    const result = read(out?.['result']) as { header: { messageHeader: Json; traceHeaderList: Json }; attachments: Json[] };
    const m = result.header.messageHeader;
    const e = fullEdoc;
    expect(m).toEqual({
      from: e.from,
      toes: e.to,
      documentId: e.documentId,
      code: e.code,
      promulgationInfo: { place: 'Hà Nội', promulgationDate: sdkDate('2026-01-05') },
      documentType: e.documentType,
      subject: e.subject,
      content: e.content,
      signerInfo: e.signerInfo,
      dueDate: sdkDate('2026-02-01'),
      otherInfo: e.otherInfo,
      responseFor: e.responseFor?.map((r) => ({ ...r, promulgationDate: sdkDate(r.promulgationDate ?? '') })),
      steeringType: e.steeringType,
      responseForTask: { taskCodes: e.responseForTask },
      applicationType: e.applicationType,
      toPlaces: e.toPlaces,
    });
    const trace = result.header.traceHeaderList as { traceHeaders: Json[]; bussiness: Json };
    expect(trace.traceHeaders).toEqual([{ organId: '000.00.00.H26', timestamp: sdkTime('2026-01-05T08:00:00+07:00') }, { timestamp: sdkTime('2026-01-05T08:00:05+07:00') }]);
    const b = e.traceHeaderList?.bussiness;
    // The SDK keeps the Bussiness numbers as text and nests its lists one level deeper than our model.
    expect(trace.bussiness).toEqual({
      documentId: b?.documentId,
      bussinessDocType: '2',
      bussinessDocReason: b?.bussinessDocReason,
      paper: '0',
      bussinessDocumentInfo: [
        {
          documentInfo: '1',
          documentReceiver: '1',
          receiverList: [
            {
              receiver: [
                { organId: '000.00.00.G12', receiverType: '1' },
                { organId: '000.00.00.G22', receiverType: '0' },
              ],
            },
          ],
        },
      ],
      replacementInfoList: [{ replacementInfo: [{ documentId: '000.00.00.H26,2026/01/04,14/QĐ-UBND', organIdList: { organId: ['000.00.00.G12'] } }] }],
      staffInfo: b?.staffInfo,
    });
    expect(result.attachments).toEqual([
      expect.objectContaining({
        contentId: 'cid:1',
        name: 'qd.pdf',
        contentType: 'application/pdf',
        description: 'Quyết định',
        content: expect.objectContaining({ length: pdf.length }),
      }),
    ]);
  });
});

describe.skipIf(!ready)("vanthu reads the SDK's sample packages", () => {
  const resources = join(sdkDir ?? '', 'resources');
  const samples = ready ? readdirSync(resources).filter((f) => f.endsWith('.edxml')) : [];

  it('every status sample, in the MessageHeader form, with the code its name says and what the SDK reads', async () => {
    // Prepare
    const statuses = samples.filter((f) => f.startsWith('status'));
    const sdk = sdkRead(
      'status',
      statuses.map((f) => join(resources, f)),
    );
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    for (const [index, name] of statuses.entries()) {
      // Act
      const ours = await parseEdxml(readFileSync(join(resources, name)));
      // Assess
      const theirs = read((resultOf(sdk[index])['header'] as Json)['messageHeader']) as {
        statusCode: string;
        from: { organId: string };
        responseFor: { documentId: string };
        description?: string;
      };
      expect(ours, name).toMatchObject({
        kind: 'status',
        statusCode: theirs.statusCode,
        from: { organId: theirs.from.organId },
        responseFor: { documentId: theirs.responseFor.documentId },
        description: theirs.description,
      });
      expect(
        ours.warnings.filter((w) => w.code === 'unknown-element'),
        name,
      ).toEqual([]);
    }
  });

  it('every document sample the SDK reads, with the same sender, recipients and hops', async () => {
    // Prepare
    const edocs = samples.filter((f) => f.startsWith('edoc') && !f.endsWith('.bak'));
    const sdk = sdkRead(
      'edoc',
      edocs.map((f) => join(resources, f)),
    );
    for (const [index, name] of edocs.entries()) {
      const theirs = sdk[index];
      if (theirs?.['error'] !== undefined) continue; // a sample the SDK itself cannot read (bytes before the prolog)
      // Act: a sample whose payload is a template placeholder (not base64) is refused as such; its header is read without it.
      const bytes = readFileSync(join(resources, name));
      const ours = (await parseEdxml(bytes).catch(async (error: unknown) => {
        if (!(error instanceof EdxmlError) || error.reason !== 'invalid-attachment-encoding') throw error;
        return parseEdxml(bytes.toString('utf8').replace(/(ContentTransferEncoded[^>]*>)[^<]*</g, '$1<'));
      })) as ParsedEdoc;
      // Assess
      const header = read(resultOf(theirs)['header']) as {
        messageHeader: { from: { organId: string }; toes?: { organId?: string }[] };
        traceHeaderList?: { traceHeaders?: unknown[] };
      };
      expect(ours.from.organId, name).toBe(header.messageHeader.from.organId);
      expect(
        ours.to.map((t) => t.organId),
        name,
      ).toEqual((header.messageHeader.toes ?? []).flatMap((t) => (t.organId === undefined ? [] : [t.organId])));
      expect(ours.traceHeaderList.traceHeader.length, name).toBe(header.traceHeaderList?.traceHeaders?.length ?? 0);
    }
  });
});
