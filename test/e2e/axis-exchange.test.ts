import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVdxpClient } from '#adapters/axis/vdxp-client';
import { buildEdocToBuffer, buildStatus, parseEdxml } from '#edxml/index';
import { startTestApi, type TestApi } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { issueOutgoing } from '../support/outgoing.ts';

/**
 * Issue 5 end to end on one machine: internal delivery between two agencies of the city, and exchange with
 * a SAMPLE peer system (a ministry) through the axis simulator, statuses both ways.
 */
const SENDER = '000.00.91.H26';
const RECEIVER = '000.00.92.H26';
const MINISTRY = '000.00.00.G12';
let api: TestApi;
let peer: ReturnType<typeof createVdxpClient>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi({ scheduleSpeedup: 120 });
  peer = createVdxpClient({ endpoint: api.runtime.axis.url, systemId: api.runtime.axis.peer.systemId, secret: api.runtime.axis.peer.secret, from: MINISTRY, timeoutMs: 5000 });
  for (const [organId, prefix] of [
    [SENDER, 's'],
    [RECEIVER, 'r'],
  ] as const) {
    for (const role of ['clerk', 'leader', 'specialist'] as const) tokens[`${prefix}-${role}`] = await api.token({ sub: `${prefix}-${role}`, organId, roles: [role] });
  }
});

afterAll(async () => {
  await api.runtime.close();
});

const t = (key: string): string => tokens[key] ?? '';

const issue = (recipients: { organId: string; organName: string }[], extra: Record<string, unknown> = {}) => issueOutgoing(api, t, recipients, extra);

async function deliveries(documentId: string): Promise<any[]> {
  return (await api.request('GET', `/documents/${documentId}/deliveries`, { token: t('s-clerk') })).body.items;
}

describe('internal delivery inside the city', () => {
  it('arrives in the receiving agency and reports every status back to the sender, in order', async () => {
    const sent = await issue([{ organId: RECEIVER, organName: '[MẪU] Sở Tài chính' }]);
    const inbox = await eventually(
      () => api.request('GET', '/documents?direction=incoming&status=arrived', { token: t('r-clerk') }),
      (r) => r.body.items.some((d: any) => d.source?.senderDocumentId === sent.id),
    );
    const arrived = inbox.body.items.find((d: any) => d.source?.senderDocumentId === sent.id);
    expect(arrived).toMatchObject({ status: 'arrived', issuer: { organId: SENDER }, codeNotation: 'SNV-VP', source: { channel: 'internal' } });

    await api.request('POST', `/documents/${arrived.id}/register`, { token: t('r-clerk') });
    await api.request('POST', `/documents/${arrived.id}/assignments`, { token: t('r-leader'), body: { lead: { kind: 'person', sub: 'r-specialist', name: 'CV' } } });
    await api.request('POST', `/documents/${arrived.id}/complete`, { token: t('r-specialist'), body: { note: 'Đã xử lý' } });

    const final = await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '06',
    );
    expect(final[0]).toMatchObject({ recipient: { organId: RECEIVER }, channel: 'internal', status: '06' });
    expect(final[0].history.map((h: any) => h.code)).toEqual(['sent', '01', '03', '04', '06']);
  });
});

describe('exchange with another system through the axis', () => {
  it('sends an issued document as an edXML package, and applies the status packages the peer answers', async () => {
    const sent = await issue([{ organId: MINISTRY, organName: 'Bộ Tài chính' }]);
    const listed = await eventually(
      () => peer.listReceived({ messageType: 'edoc' }),
      (items) => items.length > 0,
    );
    expect(listed).toHaveLength(1);
    const item = listed[0];
    if (item === undefined) throw new Error('nothing listed');
    const pkg = await parseEdxml(await peer.getEdoc(item.docId));
    if (pkg.kind !== 'edoc') throw new Error('expected an edoc');
    expect(pkg.from.organId).toBe(SENDER);
    expect(pkg.code).toMatchObject({ codeNumber: sent.issue.codeNumber, codeNotation: 'SNV-VP' });
    await peer.updateStatus(item.docId, 'done');

    const status = buildStatus(
      {
        responseFor: { organId: SENDER, code: `${sent.issue.codeNumber}/SNV-VP`, promulgationDate: sent.issue.issueDate, documentId: pkg.documentId },
        from: { organId: MINISTRY, organName: 'Bộ Tài chính' },
        statusCode: '03',
        description: 'Đã tiếp nhận',
        timestamp: new Date().toISOString(),
      },
      { strict: false },
    );
    const body = new TextEncoder().encode(status);
    await peer.sendEdoc({ body, sha256Hex: createHash('sha256').update(body).digest('hex'), messageType: 'status', to: [SENDER] });
    const final = await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '03',
    );
    expect(final[0]).toMatchObject({ channel: 'axis', status: '03' });
  });

  it('receives a package from the peer as an arrived document and answers 01 to its sender', async () => {
    const edoc = await buildEdocToBuffer({
      from: { organId: MINISTRY, organName: 'Bộ Tài chính' },
      to: [{ organId: RECEIVER, organName: '[MẪU] Sở Tài chính' }],
      documentId: `${MINISTRY},2026/11/20,123/BTC-NSNN`,
      code: { codeNumber: '123', codeNotation: 'BTC-NSNN' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
      documentType: { typeName: 'Công văn' },
      subject: 'Về việc hướng dẫn lập dự toán',
      otherInfo: { priority: 1, appendixes: [] },
      toPlaces: [],
      responseFor: [],
      traceHeaderList: { traceHeader: [{ organId: MINISTRY, timestamp: new Date().toISOString() }], bussiness: { bussinessDocType: 0, replacementInfoList: [] } },
    });
    await peer.sendEdoc({ body: edoc, sha256Hex: createHash('sha256').update(edoc).digest('hex'), messageType: 'edoc', to: [RECEIVER] });
    const inbox = await eventually(
      () => api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent('lap du toan')}`, { token: t('r-clerk') }),
      (r) => r.body.items.length > 0,
    );
    expect(inbox.body.items[0]).toMatchObject({
      status: 'arrived',
      urgency: 'urgent',
      issuer: { organId: MINISTRY },
      source: { channel: 'axis', documentId: `${MINISTRY},2026/11/20,123/BTC-NSNN` },
    });
    const answers = await eventually(
      () => peer.listReceived({ messageType: 'status' }),
      (items) => items.length > 0,
    );
    const answer = answers[0];
    if (answer === undefined) throw new Error('no status answered');
    const statusPackage = await parseEdxml(await peer.getEdoc(answer.docId));
    expect(statusPackage).toMatchObject({ kind: 'status', statusCode: '01', from: { organId: RECEIVER } });
  });

  it('never sends a secret document electronically: numbered, no delivery, nothing on the axis', async () => {
    const before = api.runtime.axis.simulator.state().systems['vanthu-hanoi']?.sent ?? 0;
    const secret = await issue(
      [
        { organId: MINISTRY, organName: 'Bộ Tài chính' },
        { organId: RECEIVER, organName: 'Sở' },
      ],
      { secrecy: 'secret' },
    );
    expect(secret.issue.registerId).toBe('secret');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await deliveries(secret.id)).toEqual([]);
    expect(api.runtime.axis.simulator.state().systems['vanthu-hanoi']?.sent ?? 0).toBe(before);
  });
});

describe('revocation, update and replacement', () => {
  it('revokes: the recipient clerk accepts (15), the document is withdrawn but kept with the request', async () => {
    const sent = await issue([{ organId: RECEIVER, organName: '[MẪU] Sở Tài chính' }], { subject: 'Văn bản sẽ thu hồi' });
    await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '01',
    );
    const revoked = await api.request('POST', `/documents/${sent.id}/revoke`, { token: t('s-clerk'), body: { reason: 'Ban hành nhầm' } });
    expect(revoked.body).toMatchObject({ status: 'revoked', senderRequest: { type: 'revocation', reason: 'Ban hành nhầm' } });
    expect((await api.request('POST', `/documents/${sent.id}/revoke`, { token: t('s-clerk'), body: { reason: 'again' } })).status).toBe(409);

    const inbox = await eventually(
      () => api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent('van ban se thu hoi')}`, { token: t('r-clerk') }),
      (r) => r.body.items[0]?.pendingRequest !== undefined,
    );
    const received = inbox.body.items[0];
    expect(received.pendingRequest).toMatchObject({ type: 'revocation', reason: 'Ban hành nhầm', fromOrganId: SENDER });
    const decided = await api.request('POST', `/documents/${received.id}/request-decision`, { token: t('r-clerk'), body: { decision: 'accept' } });
    expect(decided.body).toMatchObject({ status: 'withdrawn', withdrawn: { type: 'revocation', reason: 'Ban hành nhầm' }, subject: 'Văn bản sẽ thu hồi' });
    const final = await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '15',
    );
    expect(final[0].history.map((h: any) => h.code)).toEqual(expect.arrayContaining(['13', '15']));
  });

  it('sends an update the recipient refuses (16); the document stays as it was', async () => {
    const sent = await issue([{ organId: RECEIVER, organName: '[MẪU] Sở Tài chính' }], { subject: 'Văn bản cập nhật' });
    await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '01',
    );
    await api.request('POST', `/documents/${sent.id}/update`, { token: t('s-clerk'), body: { reason: 'Bổ sung nơi nhận' } });
    const inbox = await eventually(
      () => api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent('van ban cap nhat')}`, { token: t('r-clerk') }),
      (r) => r.body.items[0]?.pendingRequest !== undefined,
    );
    const received = inbox.body.items[0];
    const refused = await api.request('POST', `/documents/${received.id}/request-decision`, { token: t('r-clerk'), body: { decision: 'refuse', note: 'Không phù hợp' } });
    expect(refused.body.status).toBe('arrived');
    expect(refused.body.pendingRequest).toBeUndefined();
    const final = await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.history.some((h: any) => h.code === '16'),
    );
    expect(final[0].history.find((h: any) => h.code === '16')).toMatchObject({ description: 'Không phù hợp' });
    expect((await api.request('POST', `/documents/${received.id}/request-decision`, { token: t('r-clerk'), body: { decision: 'accept' } })).status).toBe(409);
  });

  it('sends a revocation to an axis recipient as BussinessDocType 1', async () => {
    const sent = await issue([{ organId: MINISTRY, organName: 'Bộ Tài chính' }], { subject: 'Thu hồi qua trục' });
    const first = await eventually(
      () => peer.listReceived({ messageType: 'edoc' }),
      (items) => items.length > 0,
    );
    for (const item of first) await peer.updateStatus(item.docId, 'done');
    await api.request('POST', `/documents/${sent.id}/revoke`, { token: t('s-clerk'), body: { reason: 'Sai sót' } });
    const listed = await eventually(
      () => peer.listReceived({ messageType: 'edoc' }),
      (items) => items.length > 0,
    );
    const pkg = await parseEdxml(await peer.getEdoc(listed[0]?.docId ?? ''));
    if (pkg.kind !== 'edoc') throw new Error('expected an edoc');
    expect(pkg.traceHeaderList.bussiness).toMatchObject({ bussinessDocType: 1, bussinessDocReason: 'Sai sót' });
    await peer.updateStatus(listed[0]?.docId ?? '', 'done');
  });

  it('replaces a document sent through the axis: BussinessDocType 3 names the replacement in ReplacementInfoList', async () => {
    const old = await issue([{ organId: MINISTRY, organName: 'Bộ Tài chính' }], { subject: 'Văn bản cũ' });
    const drain = async () => {
      const items = await eventually(
        () => peer.listReceived({ messageType: 'edoc' }),
        (listed) => listed.length > 0,
      );
      for (const item of items) await peer.updateStatus(item.docId, 'done');
    };
    await drain();
    const replacement = await issue([{ organId: MINISTRY, organName: 'Bộ Tài chính' }], { subject: 'Văn bản thay thế' });
    await drain();
    const replaced = await api.request('POST', `/documents/${old.id}/replace`, {
      token: t('s-clerk'),
      body: { reason: 'Thay thế do sai sót', replacementDocumentId: replacement.id },
    });
    expect(replaced.body).toMatchObject({ status: 'revoked', senderRequest: { type: 'replacement', replacementDocumentId: replacement.id } });
    const listed = await eventually(
      () => peer.listReceived({ messageType: 'edoc' }),
      (items) => items.length > 0,
    );
    const pkg = await parseEdxml(await peer.getEdoc(listed[0]?.docId ?? ''));
    if (pkg.kind !== 'edoc') throw new Error('expected an edoc');
    expect(pkg.traceHeaderList.bussiness).toMatchObject({
      bussinessDocType: 3,
      replacementInfoList: [
        { documentId: `${SENDER},${replacement.issue.issueDate.replace(/-/g, '/')},${replacement.issue.codeNumber}/${replacement.issue.codeNotation}`, organIdList: [MINISTRY] },
      ],
    });
    await peer.updateStatus(listed[0]?.docId ?? '', 'done');
  });

  it('refuses to revoke a secret document electronically (422)', async () => {
    const secret = await issue([{ organId: RECEIVER, organName: 'Sở' }], { secrecy: 'confidential' });
    const refused = await api.request('POST', `/documents/${secret.id}/revoke`, { token: t('s-clerk'), body: { reason: 'x' } });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('secret-document');
  });
});
