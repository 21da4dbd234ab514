/**
 * The production VDXP client against the local axis simulator over real HTTP: two systems exchange
 * packages, and every fault switch shows up as the typed error or listing the sender and receiver rely on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVdxpClient, type VdxpClient } from '#adapters/axis/vdxp-client';
import { readCatalogueRow } from '#domain/agency/catalogue';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import type { SendEdocRequest } from '#domain/axis/port';
import { startAxisSimulator, type AxisSimulator, type AxisSimulatorOptions } from '#infra/local/axis-simulator/index';
import { edocPackage, GOVERNMENT_OFFICE, HANOI, HANOI_DEPARTMENT, MINISTRY, sha256, statusPackage, type TestPackage } from '#test/unit/axis/packages';

const systems = [
  { systemId: 'hanoi', secret: 'dev-only-hanoi', agencies: [HANOI, HANOI_DEPARTMENT] },
  { systemId: 'vpcp', secret: 'dev-only-vpcp', agencies: [GOVERNMENT_OFFICE] },
  { systemId: 'ministry', secret: 'dev-only-ministry', agencies: [MINISTRY] },
];

let simulator: AxisSimulator;
let hanoi: VdxpClient;
let vpcp: VdxpClient;

async function start(options: Partial<AxisSimulatorOptions> = {}): Promise<void> {
  await simulator?.close();
  simulator = await startAxisSimulator({ systems, ...options });
  hanoi = createVdxpClient({ endpoint: simulator.url, systemId: 'hanoi', secret: 'dev-only-hanoi', from: HANOI, timeoutMs: 2_000 });
  vpcp = createVdxpClient({ endpoint: simulator.url, systemId: 'vpcp', secret: 'dev-only-vpcp', from: GOVERNMENT_OFFICE, timeoutMs: 2_000 });
}

beforeEach(() => start());
afterEach(() => simulator.close());

function request(pkg: TestPackage, extra: Partial<SendEdocRequest> = {}): SendEdocRequest {
  return { body: pkg.bytes, sha256Hex: pkg.sha256Hex, messageType: 'edoc', ...extra };
}

describe('exchange between two systems', () => {
  it('delivers a package from Hanoi to the Government Office: listed, fetched byte for byte, acknowledged, gone', async () => {
    // Prepare
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 1, attachmentBytes: 50_000 });
    // Act
    const { docId: sentId } = await hanoi.sendEdoc(request(pkg));
    const listed = await vpcp.listReceived();
    const fetched = await vpcp.getEdoc(listed[0]?.docId ?? '');
    await vpcp.updateStatus(listed[0]?.docId ?? '', 'done');
    // Assess
    expect(listed).toMatchObject([{ messageType: 'edoc', from: HANOI, to: [GOVERNMENT_OFFICE], status: 'pending' }]);
    expect(Buffer.from(fetched).equals(pkg.bytes)).toBe(true);
    expect(await vpcp.listReceived()).toEqual([]);
    expect(await hanoi.listReceived()).toEqual([]);
    expect(await hanoi.listSent()).toMatchObject([{ docId: sentId, receiverDocId: listed[0]?.docId, to: [GOVERNMENT_OFFICE], status: 'done' }]);
    expect(simulator.state().systems).toMatchObject({ hanoi: { sent: 1 }, vpcp: { pending: 0, done: 1 } });
  });

  it('routes by the package’s To when no to header is given, and a status package back to the issuer', async () => {
    // Prepare
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE, MINISTRY], number: 2 });
    await hanoi.sendEdoc(request(pkg));
    const ministry = createVdxpClient({ endpoint: simulator.url, systemId: 'ministry', secret: 'dev-only-ministry', from: MINISTRY });
    const status = statusPackage({ from: GOVERNMENT_OFFICE, documentId: pkg.documentId });
    // Act
    await vpcp.sendEdoc({ body: status.bytes, sha256Hex: status.sha256Hex, messageType: 'status' });
    // Assess
    expect(await ministry.listReceived({ messageType: 'edoc' })).toMatchObject([{ from: HANOI, to: [MINISTRY] }]);
    expect(await hanoi.listReceived()).toMatchObject([{ messageType: 'status', from: GOVERNMENT_OFFICE, to: [HANOI] }]);
    expect(await hanoi.countReceived('status')).toBe(1);
  });

  it('uploads a streamed body of several MiB unchanged', async () => {
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 3, attachmentBytes: 6 * 1024 * 1024 });
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < pkg.bytes.length; at += 256 * 1024) yield pkg.bytes.subarray(at, at + 256 * 1024);
    }
    await hanoi.sendEdoc({ ...request(pkg), body: chunks() });
    const [item] = await vpcp.listReceived();
    expect(sha256(await vpcp.getEdoc(item?.docId ?? ''))).toBe(pkg.sha256Hex);
  });

  it('answers the agency catalogue with rows the catalogue import accepts', async () => {
    const rows = await hanoi.getAgencies();
    expect(rows.map((r) => r.code102)).toEqual([HANOI, HANOI_DEPARTMENT, GOVERNMENT_OFFICE, MINISTRY]);
    expect(rows.map((r) => readCatalogueRow(r).ok)).toEqual([true, true, true, true]);
  });
});

describe('refusals', () => {
  it('refuses a body whose hash-file does not match', async () => {
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 4 });
    const error = await hanoi.sendEdoc(request(pkg, { sha256Hex: sha256(Buffer.from('something else')) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxisRejectedError);
    expect(error).toMatchObject({ errorCode: 'HASH_MISMATCH' });
    expect(simulator.state().packages).toBe(0);
  });

  it.each([
    ['an unknown system', 'nobody', 'dev-only-hanoi'],
    ['a wrong secret', 'hanoi', 'not-the-secret'],
  ])('refuses %s with 401', async (_case, systemId, secret) => {
    const stranger = createVdxpClient({ endpoint: simulator.url, systemId, secret, from: HANOI });
    const error = await stranger.listReceived().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxisRejectedError);
    expect(error).toMatchObject({ errorCode: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('refuses a recipient no system serves, a package that is not edXML and one over the size limit', async () => {
    await start({ limits: { maxPackageBytes: 20_000 } });
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 5 });
    const big = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 6, attachmentBytes: 30_000 });
    const junk = Buffer.from('<html>not a package</html>');
    await expect(hanoi.sendEdoc(request(pkg, { to: ['000.00.00.G99'] }))).rejects.toMatchObject({ errorCode: 'UNKNOWN_RECIPIENT' });
    await expect(hanoi.sendEdoc(request({ bytes: junk, sha256Hex: sha256(junk), documentId: '' }, { to: [GOVERNMENT_OFFICE] }))).rejects.toMatchObject({
      errorCode: 'INVALID_EDXML',
    });
    await expect(hanoi.sendEdoc(request(pkg, { messageType: 'status' }))).rejects.toMatchObject({ errorCode: 'MESSAGE_TYPE_MISMATCH' });
    await expect(hanoi.sendEdoc(request(big))).rejects.toMatchObject({ errorCode: 'TOO_LARGE' });
    expect(simulator.state().packages).toBe(0);
  });
});

describe('fault switches', () => {
  it('errorRate 1: every call fails with AxisUnavailableError and nothing is stored', async () => {
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 7 });
    simulator.setSwitches({ errorRate: 1 });
    const error = await hanoi.sendEdoc(request(pkg)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxisUnavailableError);
    expect(error).toMatchObject({ reason: 'http-status', retryable: true });
    expect(simulator.state()).toMatchObject({ packages: 0, faults: { errors: 1 } });
  });

  it('timeoutRate 1: the client gives up within its own timeout, and the server lets the request go', async () => {
    // Prepare
    simulator.setSwitches({ timeoutRate: 1, maxHangMs: 10_000 });
    const impatient = createVdxpClient({ endpoint: simulator.url, systemId: 'vpcp', secret: 'dev-only-vpcp', timeoutMs: 300 });
    const started = Date.now();
    // Act
    const error = await impatient.listReceived({ messageType: 'edoc' }).catch((e: unknown) => e);
    // Assess
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(simulator.state().faults.timeouts).toBe(1);
    await expect.poll(() => simulator.state().hanging, { timeout: 1_000 }).toBe(0);
  });

  it('a hang is answered 504 after maxHangMs when the client waits longer', async () => {
    simulator.setSwitches({ timeoutRate: 1, maxHangMs: 100 });
    const error = await vpcp.listReceived({ messageType: 'edoc' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AxisUnavailableError', reason: 'http-status', httpStatus: 504 });
    expect(simulator.state().hanging).toBe(0);
  });

  it('commitThenFailRate 1: the send fails for the sender but the package was delivered (a retry duplicates it)', async () => {
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 8 });
    simulator.setSwitches({ commitThenFailRate: 1 });
    await expect(hanoi.sendEdoc(request(pkg))).rejects.toBeInstanceOf(AxisUnavailableError);
    await expect(hanoi.sendEdoc(request(pkg))).rejects.toBeInstanceOf(AxisUnavailableError);
    simulator.setSwitches({ commitThenFailRate: 0 });
    expect(await vpcp.listReceived()).toHaveLength(2);
  });

  it('duplicateListingRate 1: pending items twice and acknowledged ones again', async () => {
    // Prepare
    for (const number of [9, 10]) await hanoi.sendEdoc(request(await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number })));
    const [first, second] = (await vpcp.listReceived()).map((i) => i.docId);
    await vpcp.updateStatus(first ?? '', 'done');
    // Act
    simulator.setSwitches({ duplicateListingRate: 1 });
    const listed = (await vpcp.listReceived({ messageType: 'edoc' })).map((i) => i.docId);
    // Assess
    expect(listed).toEqual([second, second, first]);
    expect(await vpcp.getEdoc(first ?? '')).toBeInstanceOf(Uint8Array);
  });

  it('reorder: listings come shuffled, the same way for the same seed', async () => {
    // Prepare
    for (let number = 11; number < 23; number += 1) await hanoi.sendEdoc(request(await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number })));
    const inOrder = (await vpcp.listReceived({ messageType: 'edoc' })).map((i) => i.docId);
    // Act
    simulator.setSwitches({ reorder: true, seed: 99 });
    const shuffled = (await vpcp.listReceived({ messageType: 'edoc' })).map((i) => i.docId);
    simulator.setSwitches({ seed: 99 });
    const again = (await vpcp.listReceived({ messageType: 'edoc' })).map((i) => i.docId);
    // Assess
    expect(shuffled).not.toEqual(inOrder);
    expect([...shuffled].sort()).toEqual([...inOrder].sort());
    expect(again).toEqual(shuffled);
  });

  it('latency: every answer waits at least the configured time', async () => {
    simulator.setSwitches({ latencyMs: [80, 100] });
    const started = Date.now();
    await vpcp.listReceived({ messageType: 'edoc' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('takes switches and reports state over the admin API', async () => {
    const changed = await fetch(`${simulator.url}/_sim/switches`, { method: 'POST', body: JSON.stringify({ errorRate: 1 }) });
    const refused = await fetch(`${simulator.url}/_sim/switches`, { method: 'POST', body: JSON.stringify({ errorRate: 2 }) });
    await expect(vpcp.listReceived({ messageType: 'edoc' })).rejects.toBeInstanceOf(AxisUnavailableError);
    const state = (await (await fetch(`${simulator.url}/_sim/state`)).json()) as { requests: number; faults: { errors: number } };
    expect(changed.status).toBe(200);
    expect(refused.status).toBe(400);
    expect(state).toMatchObject({ requests: 1, faults: { errors: 1 } });
  });
});

describe('openEdoc: a package streamed from the simulator', () => {
  it('streams a 5 MB package in many chunks, byte for byte, and refuses an unknown docId before any byte', async () => {
    // Prepare: an attachment of 3.7 MiB makes a package of about 5 MB (base64 inside the edXML)
    const pkg = await edocPackage({ from: HANOI, to: [GOVERNMENT_OFFICE], number: 30, attachmentBytes: Math.round(3.7 * 1024 * 1024) });
    await hanoi.sendEdoc(request(pkg));
    const [item] = await vpcp.listReceived();
    // Act
    const chunks: Uint8Array[] = [];
    for await (const chunk of await vpcp.openEdoc(item?.docId ?? '')) chunks.push(chunk);
    const unknown = await vpcp.openEdoc('NO-SUCH-DOC').catch((e: unknown) => e);
    // Assess
    expect(pkg.bytes.length).toBeGreaterThan(4_900_000);
    expect(chunks.length).toBeGreaterThan(10);
    expect(sha256(Buffer.concat(chunks))).toBe(pkg.sha256Hex);
    expect(unknown).toBeInstanceOf(AxisRejectedError);
    expect(unknown).toMatchObject({ errorCode: 'NOT_FOUND', operation: 'getEdoc' });
  });
});
