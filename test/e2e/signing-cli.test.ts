import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '#infra/cli/main';
import { run as signing } from '#infra/cli/commands/signing';
import { LOCAL_SEAL_KEY_ALIAS } from '#infra/local/signing-setup';
import { issueDevCertificate } from '#signature/dev/pki';
import { loadOrCreateDevCa } from '#signature/dev/store';
import { toPem } from '#signature/trust/certificate';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';

/**
 * The operator's side of signing (`npx vanthu signing`), against the local runtime's SSM and KMS: a
 * certificate request made by the seal key itself, the chain installed only when it is that key's, trust
 * anchors only when they are CAs, and the status read back.
 */
const AGENCY = '000.00.92.H26';
const openssl = spawnSync('openssl', ['version']).status === 0;
let runtime: LocalRuntime;
let dir: string;

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

const stage = () => ['--stage', 'local', '--path', runtime.configPath];

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-signing-cli-'));
});

afterAll(async () => {
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vanthu signing', () => {
  it('makes a certificate request signed by the KMS key, and installs the chain the CA returns for it', async () => {
    // Prepare
    const io = capture();
    // Act
    const code = await signing(['csr', ...stage(), '--agency', AGENCY, '--key', LOCAL_SEAL_KEY_ALIAS, '--subject', 'Sở Tài chính [MẪU]'], io);
    // Assess
    expect(code).toBe(0);
    const pem = io.out.join('');
    expect(pem).toContain('BEGIN CERTIFICATE REQUEST');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const request = pkijs.CertificationRequest.fromBER(der);
    expect(await request.verify()).toBe(true);
    if (openssl) {
      await writeFile(path.join(dir, 'seal.csr'), pem);
      expect(spawnSync('openssl', ['req', '-in', path.join(dir, 'seal.csr'), '-verify', '-noout'], { encoding: 'utf8' }).status).toBe(0);
    }
    // Act: the CA (here the development CA) issues the certificate; the operator installs it.
    const { pki } = await loadOrCreateDevCa(runtime.devCaDir, new Date());
    const certificate = issueDevCertificate(pki.root, {
      commonName: 'Sở Tài chính [MẪU]',
      publicKey: new Uint8Array(request.subjectPublicKeyInfo.toSchema().toBER()),
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 365 * 86_400_000),
    });
    await writeFile(path.join(dir, 'chain.pem'), `${toPem(certificate)}${toPem(pki.root.certificate)}`);
    const installed = capture();
    const installCode = await signing(['install', ...stage(), '--agency', AGENCY, '--key', LOCAL_SEAL_KEY_ALIAS, '--chain', path.join(dir, 'chain.pem')], installed);
    const status = capture();
    await signing(['status', ...stage()], status);
    // Assess
    expect(installCode, installed.err.join('')).toBe(0);
    const report = JSON.parse(status.out.join(''));
    expect(report.agencies[AGENCY].chain[0].sha256).toBe((await import('node:crypto')).createHash('sha256').update(certificate).digest('hex'));
    expect(report.policy).toBe('none');
    expect(Object.keys(report.trustAnchors).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a chain that is not the key's, and a trust anchor that is not a CA: nothing stored (exit 1)", async () => {
    // Prepare
    const { pki } = await loadOrCreateDevCa(runtime.devCaDir, new Date());
    const leader = pki.signers.get('leader');
    if (leader === undefined) throw new Error('no dev leader');
    await writeFile(path.join(dir, 'other.pem'), toPem(leader.certificate));
    const before = capture();
    await signing(['status', ...stage()], before);
    const wrongKey = capture();
    const notCa = capture();
    // Act
    const installCode = await signing(['install', ...stage(), '--agency', '000.00.95.H26', '--key', LOCAL_SEAL_KEY_ALIAS, '--chain', path.join(dir, 'other.pem')], wrongKey);
    const anchorCode = await signing(['trust-anchor', ...stage(), '--name', 'leader', '--file', path.join(dir, 'other.pem')], notCa);
    const after = capture();
    await signing(['status', ...stage()], after);
    // Assess
    expect([installCode, anchorCode]).toEqual([1, 1]);
    expect(wrongKey.err.join('')).toContain('nothing stored');
    expect(after.out.join('')).toBe(before.out.join(''));
  });

  it('answers a usage error (2) for a missing stage or an agency that is not a code', async () => {
    // Act
    const codes = [await signing(['status'], capture()), await signing(['csr', '--stage', 'local', '--agency', 'Sở', '--subject', 'x'], capture())];
    // Assess
    expect(codes).toEqual([2, 2]);
  });
});
