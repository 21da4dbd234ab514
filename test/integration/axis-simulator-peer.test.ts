/**
 * The simulator's SAMPLE peer acting over real HTTP: a second production client plays the city, sends
 * document packages to the peer's agencies and reads the status packages the peer answers; the peer's
 * admin routes change how it answers and send documents in.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createVdxpClient, type VdxpClient } from '#adapters/axis/vdxp-client';
import { vietnamDate } from '#domain/time';
import { buildEdocToBuffer, buildStatus, parseDocumentId, parseEdxml, type ParsedStatus } from '#edxml/index';
import {
  startAxisSimulator,
  type AxisSimulator,
  type AxisSimulatorOptions,
  type SamplePeer,
  type SamplePeerReport,
  type SamplePeerSettingsInput,
} from '#infra/local/axis-simulator/index';
import { GOVERNMENT_OFFICE, HANOI, HANOI_DEPARTMENT, MINISTRY } from '#test/unit/axis/packages';

const PEER = 'sample-peer-ministries';
const systems = [
  { systemId: 'hanoi', secret: 'dev-only-hanoi', agencies: [HANOI, HANOI_DEPARTMENT] },
  { systemId: PEER, secret: 'dev-only-peer', agencies: ['*.G12', '*.G22'] },
];
/** Every answer some milliseconds apart, listings every 20 ms: a whole exchange in well under a second. */
const fast: SamplePeerSettingsInput = { intervalMs: 20, delaysMs: { '01': 0, '02': 10, '03': 10, '04': 10, '05': 10, '06': 10, '15': 10, '16': 10 } };

let simulator: AxisSimulator | undefined;
let city: VdxpClient;

async function start(settings: SamplePeerSettingsInput = {}, options: Partial<AxisSimulatorOptions> = {}): Promise<AxisSimulator> {
  simulator = await startAxisSimulator({ systems, peer: { systemId: PEER, settings: { ...fast, ...settings, delaysMs: { ...fast.delaysMs, ...settings.delaysMs } } }, ...options });
  city = createVdxpClient({ endpoint: simulator.url, systemId: 'hanoi', secret: 'dev-only-hanoi', from: HANOI, timeoutMs: 2_000 });
  return simulator;
}

function peer(): SamplePeer {
  if (simulator?.peer === undefined) throw new Error('no peer started');
  return simulator.peer;
}

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

/** A document package from the city, numbered `number`; BussinessDocType 1 makes it a revocation. */
async function sendFromCity(options: { to: readonly string[]; number: number; bussinessDocType?: 0 | 1 | 2 | 3 }): Promise<string> {
  const documentId = `${HANOI},2026/01/05,${options.number}/QĐ-UBND`;
  const body = await buildEdocToBuffer({
    from: { organId: HANOI, organName: 'Ủy ban nhân dân thành phố Hà Nội' },
    to: options.to.map((organId) => ({ organId })),
    documentId,
    code: { codeNumber: String(options.number), codeNotation: 'QĐ-UBND' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
    subject: `Văn bản thử nghiệm số ${options.number}`,
    traceHeaderList: {
      traceHeader: [{ organId: HANOI, timestamp: '2026-01-05T08:00:00+07:00' }],
      bussiness: { documentId, bussinessDocType: options.bussinessDocType ?? 0, ...(options.bussinessDocType === 1 ? { bussinessDocReason: 'Ban hành nhầm' } : {}) },
    },
  });
  await city.sendEdoc({ body, sha256Hex: sha256(body), messageType: 'edoc' });
  return documentId;
}

/**
 * What the city collects as any receiver would: list, fetch, parse, acknowledge, each delivery once (the
 * axis may list one twice). Waits for `count` packages, then `settleMs` more to see that no others come.
 */
async function collectStatuses(count: number, settleMs = 150): Promise<ParsedStatus[]> {
  const seen = new Set<string>();
  const statuses: ParsedStatus[] = [];
  const collect = async () => {
    for (const item of await city.listReceived({ messageType: 'status' })) {
      if (seen.has(item.docId)) continue;
      seen.add(item.docId);
      const pkg = await parseEdxml(await city.getEdoc(item.docId));
      await city.updateStatus(item.docId, 'done');
      if (pkg.kind !== 'status') throw new Error(`expected a status package, got ${pkg.kind}`);
      statuses.push(pkg);
    }
  };
  const deadline = Date.now() + 5_000;
  while (statuses.length < count) {
    if (Date.now() > deadline) throw new Error(`${statuses.length} of ${count} status packages: ${statuses.map((s) => s.statusCode).join(', ')}`);
    await collect();
    await sleep(15);
  }
  await sleep(settleMs);
  await collect();
  return statuses;
}

async function admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; type: string; body: any }> {
  const response = await fetch(`${simulator?.url}/_sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
}

describe('the peer answers a document sent to it', () => {
  it('collects it and answers 01, 03, 04, 05, 06 in order, each naming the document it answers', async () => {
    // Prepare
    await start();
    // Act
    const documentId = await sendFromCity({ to: [MINISTRY], number: 11 });
    const statuses = await collectStatuses(5);
    // Assess
    expect(statuses.map((s) => s.statusCode)).toEqual(['01', '03', '04', '05', '06']);
    expect(statuses.map((s) => s.description)).toEqual(['Đã đến', 'Đã tiếp nhận', 'Đã phân công xử lý', 'Đang xử lý', 'Đã hoàn thành']);
    for (const status of statuses) {
      expect(status.from).toMatchObject({ organId: MINISTRY, organName: '[MẪU] Bộ Tài chính' });
      expect(status.responseFor).toEqual({ organId: HANOI, code: '11/QĐ-UBND', promulgationDate: '2026-01-05', documentId });
    }
    const times = statuses.map((s) => Date.parse(s.timestamp ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const report: SamplePeerReport = (await admin('GET', 'peer')).body;
    expect(report).toMatchObject({ systemId: PEER, state: 'active', answering: 0 });
    expect(report.received).toMatchObject([
      { messageType: 'edoc', from: HANOI, acknowledged: 'done', documentId, bussinessDocType: 0, to: [MINISTRY], answers: ['01', '03', '04', '05', '06'] },
    ]);
    expect(report.sent.map((s) => [s.statusCode, s.from, s.to, s.documentId])).toEqual(['01', '03', '04', '05', '06'].map((code) => [code, MINISTRY, [HANOI], documentId]));
    expect(await city.listSent({ messageType: 'edoc' })).toMatchObject([{ status: 'done', to: [MINISTRY] }]);
  });

  it('answers once per addressed peer agency, leaves out codes without a delay, and once only when listed twice', async () => {
    // Prepare
    await start({ delaysMs: { '04': null, '05': null, '06': null } }, { switches: { duplicateListingRate: 1 } });
    // Act
    const documentId = await sendFromCity({ to: [MINISTRY, GOVERNMENT_OFFICE, HANOI_DEPARTMENT], number: 12 });
    const statuses = await collectStatuses(4, 300);
    // Assess
    const byAgency = (organId: string) => statuses.filter((s) => s.from.organId === organId).map((s) => s.statusCode);
    expect(byAgency(MINISTRY)).toEqual(['01', '03']);
    expect(byAgency(GOVERNMENT_OFFICE)).toEqual(['01', '03']);
    expect(statuses).toHaveLength(4);
    expect(statuses.every((s) => s.responseFor.documentId === documentId)).toBe(true);
    const report: SamplePeerReport = (await admin('GET', 'peer')).body;
    expect(report.settings.delaysMs).toEqual({ '01': 0, '02': 10, '03': 10, '15': 10, '16': 10 });
    expect(report.received.filter((r) => r.duplicate !== true)).toMatchObject([{ documentId, to: [MINISTRY, GOVERNMENT_OFFICE], answers: ['01', '03'] }]);
    expect(report.received.some((r) => r.duplicate === true)).toBe(true);
  });

  it('rejects with 02 and a reason in Vietnamese when told to, instead of 03…06', async () => {
    // Prepare
    await start();
    const changed = await admin('POST', 'peer', { reject: true, rejectReason: 'Văn bản gửi nhầm cơ quan, đề nghị gửi lại (MẪU)' });
    // Act
    const documentId = await sendFromCity({ to: [GOVERNMENT_OFFICE], number: 13 });
    const statuses = await collectStatuses(2);
    // Assess
    expect(changed).toMatchObject({ status: 200, body: { reject: true, rejectReason: 'Văn bản gửi nhầm cơ quan, đề nghị gửi lại (MẪU)' } });
    expect(statuses.map((s) => [s.statusCode, s.description])).toEqual([
      ['01', 'Đã đến'],
      ['02', 'Văn bản gửi nhầm cơ quan, đề nghị gửi lại (MẪU)'],
    ]);
    expect(statuses[1]).toMatchObject({ from: { organId: GOVERNMENT_OFFICE, organName: '[MẪU] Văn phòng Chính phủ' }, responseFor: { documentId, code: '13/QĐ-UBND' } });
  });

  it('agrees to a revocation with 15, and refuses it with 16 when configured', async () => {
    // Prepare
    await start();
    // Act
    const revoked = await sendFromCity({ to: [MINISTRY], number: 14, bussinessDocType: 1 });
    const agreed = await collectStatuses(1);
    await admin('POST', 'peer', { refuseRequests: true });
    const refusedOne = await sendFromCity({ to: [MINISTRY], number: 15, bussinessDocType: 1 });
    const refused = await collectStatuses(1);
    // Assess
    expect(agreed.map((s) => [s.statusCode, s.description, s.responseFor.documentId])).toEqual([['15', 'Đồng ý thu hồi văn bản', revoked]]);
    expect(refused.map((s) => [s.statusCode, s.responseFor.documentId])).toEqual([['16', refusedOne]]);
    expect(refused[0]?.description).toMatch(/^Không đồng ý/);
  });

  it('collects nothing while paused, and everything once resumed', async () => {
    // Prepare
    await start({ paused: true });
    await sendFromCity({ to: [MINISTRY], number: 16 });
    await sleep(150);
    const whilePaused = await admin('GET', 'peer');
    // Act
    await admin('POST', 'peer', { paused: false });
    const statuses = await collectStatuses(5);
    // Assess
    expect(whilePaused.body).toMatchObject({ state: 'paused', received: [], sent: [] });
    expect(statuses.map((s) => s.statusCode)).toEqual(['01', '03', '04', '05', '06']);
  });

  it('acknowledges a package it cannot parse as fail, and answers nothing', async () => {
    // Prepare
    await start({}, { validatePackages: false });
    const junk = Buffer.from('<html>not a package</html>');
    // Act
    await city.sendEdoc({ body: junk, sha256Hex: sha256(junk), messageType: 'edoc', to: [MINISTRY] });
    // Assess
    await expect.poll(async () => (await city.listSent({ messageType: 'edoc' }))[0]?.status, { timeout: 3_000 }).toBe('fail');
    const report: SamplePeerReport = (await admin('GET', 'peer')).body;
    expect(report.received).toMatchObject([{ messageType: 'edoc', from: HANOI, acknowledged: 'fail' }]);
    expect(report.received[0]?.error).toBeTruthy();
    expect(report.sent).toEqual([]);
  });
});

describe('the peer sends documents in', () => {
  it('sends a SAMPLE document the city lists, fetches and parses with the right From, To and DocumentId', async () => {
    // Prepare
    await start();
    const before = vietnamDate(new Date());
    // Act
    const answer = await admin('POST', 'peer/documents', { to: HANOI_DEPARTMENT, subject: 'Về việc hướng dẫn lập dự toán năm 2027', urgency: 'urgent', codeNumber: '123' });
    const listed = await city.listReceived({ messageType: 'edoc' });
    const pkg = await parseEdxml(await city.getEdoc(listed[0]?.docId ?? ''));
    // Assess
    const dates = [before, vietnamDate(new Date())];
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      docId: expect.any(String),
      documentId: expect.stringMatching(/^000\.00\.00\.G12,\d{4}\/\d{2}\/\d{2},123\/BTC-VP$/),
      from: MINISTRY,
      to: [HANOI_DEPARTMENT],
    });
    expect(listed).toMatchObject([{ messageType: 'edoc', from: MINISTRY, to: [HANOI_DEPARTMENT] }]);
    if (pkg.kind !== 'edoc') throw new Error('expected a document package');
    expect(pkg).toMatchObject({
      from: { organId: MINISTRY, organName: '[MẪU] Bộ Tài chính' },
      to: [{ organId: HANOI_DEPARTMENT }],
      documentId: answer.body.documentId,
      code: { codeNumber: '123', codeNotation: 'BTC-VP' },
      subject: 'Về việc hướng dẫn lập dự toán năm 2027',
      documentType: { typeName: 'Công văn' },
      otherInfo: { priority: 1 },
      traceHeaderList: { bussiness: { bussinessDocType: 0, documentId: answer.body.documentId } },
      warnings: [],
    });
    expect(dates).toContain(pkg.promulgationInfo?.promulgationDate);
    expect(parseDocumentId(pkg.documentId)).toEqual({
      success: true,
      data: { organId: MINISTRY, promulgationDate: pkg.promulgationInfo?.promulgationDate, number: '123', notation: 'BTC-VP' },
    });
    expect(pkg.attachments).toMatchObject([{ contentType: 'application/pdf', attachmentName: '123-BTC-VP.pdf' }]);
    expect(pkg.attachments[0]?.size).toBeGreaterThan(300);
  });

  it('numbers documents from its own sequence, sends from another of its agencies, and collects the city’s answer', async () => {
    // Prepare
    await start();
    const first = await peer().sendDocument({ to: [HANOI], subject: 'Văn bản thứ nhất', attachment: false });
    const second = await peer().sendDocument({ from: GOVERNMENT_OFFICE, to: [HANOI, HANOI_DEPARTMENT], subject: 'Văn bản thứ hai' });
    const status = Buffer.from(
      buildStatus({
        responseFor: { organId: MINISTRY, documentId: first.documentId },
        from: { organId: HANOI },
        statusCode: '01',
        description: 'Đã đến',
        timestamp: new Date().toISOString(),
      }),
    );
    // Act
    await city.sendEdoc({ body: status, sha256Hex: sha256(status), messageType: 'status' });
    // Assess
    const [firstNumber, secondNumber] = [first, second].map((d) => Number(d.documentId.split(',')[2]?.split('/')[0]));
    expect(secondNumber).toBe((firstNumber ?? 0) + 1);
    expect(second.documentId).toMatch(/^000\.00\.00\.G22,.*\/VPCP-VP$/);
    expect((await city.listReceived({ messageType: 'edoc' })).map((i) => i.from)).toEqual([MINISTRY, GOVERNMENT_OFFICE]);
    await expect
      .poll(async () => (await admin('GET', 'peer')).body.received, { timeout: 3_000 })
      .toMatchObject([{ messageType: 'status', from: HANOI, statusCode: '01', documentId: first.documentId, acknowledged: 'done' }]);
  });

  it('answers 400 problem JSON for bad input and 422 when the axis refuses the package', async () => {
    // Prepare
    await start();
    // Act
    const invalid = await admin('POST', 'peer/documents', { to: 'not-a-code', subject: '' });
    const notPeers = await admin('POST', 'peer/documents', { from: HANOI, to: HANOI_DEPARTMENT, subject: 'Gửi thay cơ quan khác' });
    const nobodyServes = await admin('POST', 'peer/documents', { to: '000.00.00.G99', subject: 'Không ai nhận' });
    const badSettings = await admin('POST', 'peer', { delaysMs: { '07': 5 } });
    // Assess
    expect(invalid).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json'), body: { status: 400, title: 'Bad request' } });
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.subject', 'body.to']);
    expect(notPeers.body).toMatchObject({ status: 400, errors: [{ path: 'body.from' }] });
    expect(nobodyServes.body).toMatchObject({ status: 422, detail: expect.stringContaining('UNKNOWN_RECIPIENT') });
    expect(badSettings.status).toBe(400);
    expect(simulator?.state().systems[PEER]?.sent).toBe(0);
  });

  it('is absent from a simulator started without it', async () => {
    simulator = await startAxisSimulator({ systems });
    expect(simulator.peer).toBeUndefined();
    expect(await admin('GET', 'peer')).toMatchObject({ status: 404, body: { status: 404 } });
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
