import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '#infra/cli/main';
import { run as sign } from '#infra/cli/commands/sign';
import { run as verify } from '#infra/cli/commands/verify';
import { samplePdf } from '#signature/dev/sample-pdf';
import { toPem } from '#signature/trust/certificate';
import { HOUR, NOW, signAs, testPki } from './fixtures.ts';

const LATER = new Date(NOW.getTime() + HOUR);

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-sign-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vanthu verify', () => {
  const pki = testPki();

  it('prints the report and exits 0 for a passed document, writing the evidence when asked', async () => {
    // Prepare
    const pdf = path.join(dir, 'passed.pdf');
    const trust = path.join(dir, 'root.pem');
    await writeFile(pdf, signAs(pki, 'leader'));
    await writeFile(trust, toPem(pki.root.certificate));
    const io = capture();
    // Act
    const code = await verify([pdf, '--trust', trust, '--now', LATER.toISOString(), '--evidence', path.join(dir, 'evidence.json')], io);
    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ verdict: 'TOTAL_PASSED', signatures: [{ indication: 'TOTAL_PASSED', signer: 'DEVELOPMENT ONLY leader' }] });
    expect(JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8'))).toMatchObject({ version: 1, verdict: 'TOTAL_PASSED' });
  });

  it('exits 1 with the report when the verdict is not TOTAL_PASSED', async () => {
    // Prepare
    const pdf = path.join(dir, 'untrusted.pdf');
    await writeFile(pdf, signAs(pki, 'leader'));
    const io = capture();
    // Act
    const code = await verify([pdf], io);
    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ verdict: 'INDETERMINATE' });
  });

  it.each([
    ['no file', []],
    ['an unknown option', ['a.pdf', '--trusted', 'x']],
    ['a bad --now', ['a.pdf', '--now', 'yesterday']],
    ['a missing file', ['/nonexistent/file.pdf']],
  ])('exits 2 for %s', async (_case, args) => {
    // Prepare
    const io = capture();
    // Act
    const code = await verify(args, io);
    // Assess
    expect(code).toBe(2);
    expect(io.out).toEqual([]);
  });

  it('exits 2 when a trust anchor is not a certificate', async () => {
    // Prepare
    const pdf = path.join(dir, 'any.pdf');
    const notCert = path.join(dir, 'not-a-cert.pem');
    await writeFile(pdf, samplePdf(['x']));
    await writeFile(notCert, 'hello');
    const io = capture();
    // Act
    const code = await verify([pdf, '--trust', notCert], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err.join()).toContain('trust anchor #1 is not a certificate');
  });
});

describe('vanthu sign (DEVELOPMENT ONLY)', () => {
  it('creates the test CA on first use and signs as leader then agency; verify passes with its root', async () => {
    // Prepare
    const caDir = path.join(dir, 'ca');
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, samplePdf(['CONG VAN']));
    const [first, second, check] = [capture(), capture(), capture()];
    // Act
    const signedOnce = await sign([input, '--out', path.join(dir, 'one.pdf'), '--ca-dir', caDir], first);
    const signedTwice = await sign([path.join(dir, 'one.pdf'), '--out', path.join(dir, 'two.pdf'), '--as', 'agency', '--ca-dir', caDir], second);
    const verified = await verify([path.join(dir, 'two.pdf'), '--trust', path.join(caDir, 'root.crt.pem')], check);
    // Assess
    expect([signedOnce, signedTwice, verified]).toEqual([0, 0, 0]);
    expect(first.err.join()).toContain('new test CA created');
    expect(second.err.join()).not.toContain('new test CA created');
    expect(JSON.parse(check.out.join('')).signatures.map((s: { signer: string }) => s.signer)).toEqual(['DEVELOPMENT ONLY leader', 'DEVELOPMENT ONLY agency']);
    expect(await readFile(path.join(caDir, 'README-DEVELOPMENT-ONLY.txt'), 'utf8')).toContain('DEVELOPMENT ONLY');
  });

  it.each([
    ['no --out', ['in.pdf']],
    ['an unknown role', ['in.pdf', '--out', 'o.pdf', '--as', 'minister']],
  ])('exits 2 for %s', async (_case, args) => {
    // Prepare
    const io = capture();
    // Act
    const code = await sign(args, io);
    // Assess
    expect(code).toBe(2);
  });

  it('exits 2 when the input is not a PDF', async () => {
    // Prepare
    const input = path.join(dir, 'not.pdf');
    await writeFile(input, 'plain text');
    const io = capture();
    // Act
    const code = await sign([input, '--out', path.join(dir, 'x.pdf'), '--ca-dir', path.join(dir, 'ca2')], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err.join()).toContain('cannot sign');
  });
});
