import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '#infra/cli/commands/edxml';
import { main } from '#infra/cli/main';
import { buildEdocToBuffer, buildStatus } from '#edxml/index';
import { sampleEdoc, sampleStatus } from './samples.ts';

const messy = fileURLToPath(new URL('./fixtures/messy-sample.edxml', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-edxml-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function invoke(args: readonly string[], via: 'run' | 'main' = 'run') {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  const exitCode = via === 'run' ? await run(args, io) : await main(['edxml', ...args], io);
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, content);
  return at;
}

describe('vanthu edxml parse', () => {
  it('prints the package as JSON: kind, lowerCamelCase keys, ISO dates, attachments without payload', async () => {
    // Act
    const { exitCode, stdout, stderr } = await invoke(['parse', messy], 'main');
    // Assess
    expect(exitCode).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ kind: 'edoc', from: { organId: '000.00.00.G22' }, promulgationInfo: { promulgationDate: '2019-01-16' }, otherInfo: { priority: 0 } });
    expect(json.attachments).toEqual([
      {
        contentId: 'cid:209',
        attachmentName: 'cong-van-mau.doc',
        contentType: 'application/zip',
        description: 'cong-van-mau.doc',
        size: 153,
        sha256: 'e9eede5077ff51483d2080694c39b68d0f93d9343688e9af3f61593947547fb3',
        zipped: true,
      },
    ]);
    expect(stderr).toContain('6 warning(s)');
  });

  it('prints a status package with kind "status" and the two-digit statusCode', async () => {
    // Prepare
    const at = await file('status.edxml', buildStatus(sampleStatus));
    // Act
    const { exitCode, stdout } = await invoke(['parse', at]);
    // Assess
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'status', statusCode: '02', description: 'Gửi nhầm đơn vị' });
  });

  it('exits 1 with the reason on an invalid package, 2 on a missing file or bad arguments', async () => {
    // Prepare
    const hostile = await file('xxe.edxml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    // Act
    const invalid = await invoke(['parse', hostile]);
    const missing = await invoke(['parse', path.join(dir, 'nope.edxml')]);
    const noArgs = await invoke([]);
    // Assess
    expect(invalid.exitCode).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ valid: false, reason: 'doctype-forbidden' });
    expect(invalid.stderr).toContain('doctype-forbidden');
    expect(missing.exitCode).toBe(2);
    expect(noArgs.exitCode).toBe(2);
  });
});

describe('vanthu edxml build', () => {
  it('is the inverse of parse: parse output plus payloads (path or base64) builds the same package', async () => {
    // Prepare
    const pdf = Buffer.from('%PDF-1.7 bản mẫu');
    await file('qd.pdf', pdf);
    const original = await file(
      'original.edxml',
      await buildEdocToBuffer({
        ...sampleEdoc,
        attachments: [
          { contentId: 'cid:1', attachmentName: 'qd.pdf', contentType: 'application/pdf', payload: pdf },
          { contentId: 'cid:2', attachmentName: 'pl.txt', contentType: 'text/plain', payload: Buffer.from('phụ lục') },
        ],
      }),
    );
    const parsed = JSON.parse((await invoke(['parse', original])).stdout);
    parsed.attachments[0].path = 'qd.pdf';
    parsed.attachments[1].base64 = Buffer.from('phụ lục').toString('base64');
    const json = await file('build.json', JSON.stringify(parsed));
    // Act
    const built = await invoke(['build', json], 'main');
    // Assess
    expect(built.exitCode).toBe(0);
    expect(built.stdout).toBe(await readFile(original, 'utf8'));
  });

  it('writes to --out with the whole-package SHA-256 the axis wants', async () => {
    // Prepare
    const json = await file('status.json', JSON.stringify({ kind: 'status', ...sampleStatus }));
    const out = path.join(dir, 'status-out.edxml');
    // Act
    const { exitCode, stdout } = await invoke(['build', json, '--out', out]);
    // Assess
    const written = await readFile(out);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ out, bytes: written.length, sha256: createHash('sha256').update(written).digest('hex') });
    expect(written.toString()).toBe(buildStatus(sampleStatus));
  });

  it('refuses what breaks QCVN 102 unless --lenient, which reports it on stderr', async () => {
    // Prepare
    const parsed = JSON.parse((await invoke(['parse', messy])).stdout);
    parsed.attachments[0].base64 = 'UEsDBA==';
    const json = await file('messy.json', JSON.stringify(parsed));
    // Act
    const strict = await invoke(['build', json]);
    const lenient = await invoke(['build', json, '--lenient']);
    // Assess
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ valid: false, reason: 'invalid-model' });
    expect(strict.stderr).toContain('28.22.H17');
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toContain('<edXML:OrganId>28.22.H17</edXML:OrganId>');
    expect(lenient.stderr).toContain('warning organ-id-notation at to[0].organId');
  });

  it('exits 1 on JSON that is not a package, or an attachment without bytes; 2 on an unreadable attachment file', async () => {
    // Prepare
    const notJson = await file('bad.json', '{ "kind": ');
    const noBytes = await file('nobytes.json', JSON.stringify({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y' }] }));
    const lostFile = await file('lost.json', JSON.stringify({ ...sampleEdoc, attachments: [{ contentId: 'cid:1', attachmentName: 'a', contentType: 'x/y', path: 'gone.pdf' }] }));
    // Act
    const results = await Promise.all([invoke(['build', notJson]), invoke(['build', noBytes]), invoke(['build', lostFile]), invoke(['build'])]);
    // Assess
    expect(results.map((r) => r.exitCode)).toEqual([1, 1, 2, 2]);
    expect(results[1]?.stdout).toContain('give exactly one of');
  });
});
