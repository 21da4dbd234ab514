import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VdxpClient } from '#adapters/axis/vdxp-client';
import { buildEdocToBuffer, parseEdxml } from '#edxml/index';
import { startTestApi, type TestApi } from '../support/api.ts';
import {
  acknowledged,
  CITY_RECEIVER,
  deliveriesOf,
  edocFrom as edoc,
  exchangeTokens,
  incomingAbout,
  peerClient,
  sendPackage as send,
  statusAbout,
  systemClient,
} from '../support/axis-peer.ts';
import { eventually } from '../support/eventually.ts';
import { sha256 as sha } from '../support/files.ts';
import { issueOutgoing } from '../support/outgoing.ts';

/**
 * Issue 13, trusted senders, end to end: the receiver believes the agency the axis listed as sender, not the
 * From a package writes about itself. Every refused package is acknowledged `fail` (the sender's listing
 * says so) and changes nothing. SAMPLE systems: the peer (agencies *.G12, *.G22) and an enterprise with a
 * 12-digit id, registered on the axis simulator for this test.
 */
const SENDER = '000.00.91.H26';
const RECEIVER = CITY_RECEIVER.organId;
const MINISTRY = '000.00.00.G12';
const OFFICE = '000.00.00.G22';
const ENTERPRISE = '010203040506';
let api: TestApi;
let ministry: VdxpClient;
let office: VdxpClient;
let enterprise: VdxpClient;
let tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi({ scheduleSpeedup: 120 });
  ministry = peerClient(api, MINISTRY);
  office = peerClient(api, OFFICE);
  enterprise = systemClient(api, 'sample-enterprise', ENTERPRISE);
  tokens = await exchangeTokens(api, SENDER, RECEIVER);
});

afterAll(async () => {
  await api.runtime.close();
});

const t = (key: string): string => tokens[key] ?? '';

const issue = (recipients: { organId: string; organName: string }[], subject: string) => issueOutgoing(api, t, recipients, { subject });
const deliveries = (documentId: string) => deliveriesOf(api, t('s-clerk'), documentId);
const inbox = (subject: string) => incomingAbout(api, t('r-clerk'), subject);

describe('documents through the axis', () => {
  it('refuses a package whose From is not the agency the axis says sent it: acknowledged fail, never registered', async () => {
    // Prepare: the office's system is authenticated as OFFICE, the package claims to be the ministry's.
    const body = await buildEdocToBuffer(edoc(MINISTRY, 'Gia mao Bo Tai chinh'));
    // Act
    const docId = await send(office, body, 'edoc', [RECEIVER]);
    // Assess
    expect(await acknowledged(office, docId)).toBe('fail');
    expect(await inbox('Gia mao Bo Tai chinh')).toEqual([]);
  });

  it('refuses a package claiming a city agency as its issuer, whoever sends it', async () => {
    // Prepare
    const body = await buildEdocToBuffer(edoc(SENDER, 'Gia mao So Noi vu'), { strict: false });
    // Act
    const docId = await send(ministry, body, 'edoc', [RECEIVER]);
    // Assess
    expect(await acknowledged(ministry, docId)).toBe('fail');
    expect(await inbox('Gia mao So Noi vu')).toEqual([]);
  });

  it('stores a received PDF as it came and has its signatures verified afterwards, outside the receiver', async () => {
    // Prepare: a (sample, unsigned) PDF attachment from the ministry.
    const pdf = new TextEncoder().encode('%PDF-1.4\n% SAMPLE\n%%EOF\n');
    const body = await buildEdocToBuffer({
      ...edoc(MINISTRY, 'Cong van kem PDF'),
      attachments: [{ contentId: 'cid:1', attachmentName: 'cong-van.pdf', contentType: 'application/pdf', payload: pdf }],
    });
    // Act
    const docId = await send(ministry, body, 'edoc', [RECEIVER]);
    // Assess: the file is stored with the attachment's hash; its verdict is recorded by the file checker.
    expect(await acknowledged(ministry, docId)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Cong van kem PDF'),
      (items) => items.length === 1,
    );
    const files = await api.request('GET', `/documents/${arrived.id}/files`, { token: t('r-clerk') });
    expect(files.body.items).toEqual([expect.objectContaining({ fileName: 'cong-van.pdf', contentType: 'application/pdf', status: 'stored', sha256: sha(pdf), size: pdf.length })]);
    const file = await eventually(
      () => api.request('GET', `/documents/${arrived.id}/files/${files.body.items[0].fileId}`, { token: t('r-clerk') }),
      (r) => r.body.verification !== null && r.body.verification !== undefined,
    );
    expect(file.body.verification).toMatchObject({ verdict: 'INDETERMINATE' });
  });

  it('receives from an enterprise with a 12-digit id addressed in the QĐ 20 form, and answers it under that id', async () => {
    // Prepare
    const input = edoc(ENTERPRISE, 'Doanh nghiep de nghi', { to: [{ organId: 'H26.92', organName: '[MẪU] Sở Tài chính' }] });
    const body = await buildEdocToBuffer(input, { strict: false });
    // Act
    const docId = await send(enterprise, body, 'edoc', [RECEIVER]);
    // Assess: registered in the agency H26.92 names, then answered 01 to the enterprise.
    expect(await acknowledged(enterprise, docId)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Doanh nghiep de nghi'),
      (items) => items.length === 1,
    );
    const receiverDocId = (await enterprise.listSent()).find((r) => r.docId === docId)?.receiverDocId;
    // The received bytes are the record, as they came: same SHA-256 as what the enterprise sent.
    expect(arrived).toMatchObject({
      organId: RECEIVER,
      issuer: { organId: ENTERPRISE },
      source: { channel: 'axis', fromOrganId: ENTERPRISE, package: { key: `axis/inbox/${receiverDocId}.edxml`, sha256: sha(body), size: body.length } },
    });
    const kept = await api.request('GET', `/documents/${arrived.id}/package`, { token: t('r-clerk') });
    expect(kept.body).toMatchObject({ axisDocId: receiverDocId, fromOrganId: ENTERPRISE, sha256: sha(body), size: body.length });
    expect(Buffer.from(await (await fetch(kept.body.downloadUrl)).arrayBuffer()).equals(Buffer.from(body))).toBe(true);
    const [answer] = await eventually(
      () => enterprise.listReceived({ messageType: 'status' }),
      (items) => items.length > 0,
    );
    const raw = await enterprise.getEdoc(answer?.docId ?? '');
    expect(Buffer.from(raw).toString('utf8')).not.toContain('edXML:Status>');
    expect(await parseEdxml(raw)).toMatchObject({
      kind: 'status',
      statusCode: '01',
      from: { organId: RECEIVER },
      responseFor: { organId: ENTERPRISE, documentId: input.documentId },
    });
    await enterprise.updateStatus(answer?.docId ?? '', 'done');
    // And a document of the city reaches the enterprise under the same id.
    const reply = await issue([{ organId: ENTERPRISE, organName: '[MẪU] Công ty' }], 'Tra loi doanh nghiep');
    expect(reply.recipients).toEqual([{ organId: ENTERPRISE, organName: '[MẪU] Công ty' }]);
    const [letter] = await eventually(
      () => enterprise.listReceived({ messageType: 'edoc' }),
      (items) => items.length > 0,
    );
    expect(await parseEdxml(await enterprise.getEdoc(letter?.docId ?? ''))).toMatchObject({
      kind: 'edoc',
      to: [{ organId: ENTERPRISE }],
      subject: 'Tra loi doanh nghiep',
      warnings: [expect.objectContaining({ code: 'organ-id-not-agency-code', path: 'to[0].organId' })],
    });
  });

  it('applies a revocation only from the sender of the document it names', async () => {
    // Prepare: the ministry's document arrives at the receiver.
    const original = edoc(MINISTRY, 'Van ban cua Bo se thu hoi');
    const first = await send(ministry, await buildEdocToBuffer(original), 'edoc', [RECEIVER]);
    expect(await acknowledged(ministry, first)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Van ban cua Bo se thu hoi'),
      (items) => items.length === 1,
    );
    const revocation = (from: string) =>
      buildEdocToBuffer(
        {
          ...original,
          from: { organId: from },
          traceHeaderList: { traceHeader: [], bussiness: { documentId: original.documentId, bussinessDocType: 1, bussinessDocReason: 'Thu hồi' } },
        },
        { strict: false },
      );
    // Act: the office asks to revoke the ministry's document, then the ministry does.
    const forged = await send(office, await revocation(OFFICE), 'edoc', [RECEIVER]);
    const forgedAck = await acknowledged(office, forged);
    const untouched = (await api.request('GET', `/documents/${arrived.id}`, { token: t('r-clerk') })).body;
    const genuine = await send(ministry, await revocation(MINISTRY), 'edoc', [RECEIVER]);
    // Assess
    expect(forgedAck).toBe('fail');
    expect(untouched.pendingRequest).toBeUndefined();
    const internal = await api.request('GET', `/documents/${(await issue([{ organId: RECEIVER, organName: '[MẪU] Sở' }], 'Khong qua truc')).id}/package`, { token: t('s-clerk') });
    expect(internal.status).toBe(404);
    expect(await acknowledged(ministry, genuine)).toBe('done');
    const requested = await eventually(
      () => api.request('GET', `/documents/${arrived.id}`, { token: t('r-clerk') }),
      (r) => r.body.pendingRequest !== undefined,
    );
    expect(requested.body.pendingRequest).toMatchObject({ type: 'revocation', fromOrganId: MINISTRY });
  });
});

describe('statuses through the axis', () => {
  it("applies a status only from the delivery's own recipient", async () => {
    // Prepare: a document to the ministry.
    const sent = await issue([{ organId: MINISTRY, organName: '[MẪU] Bộ Tài chính' }], 'Gui Bo Tai chinh');
    await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === 'sent',
    );
    // Act: the office reports 06 on it, then the ministry 03.
    const forged = await send(office, statusAbout(sent, OFFICE, '06'), 'status', [SENDER]);
    const forgedAck = await acknowledged(office, forged);
    const afterForged = await deliveries(sent.id);
    const genuine = await send(ministry, statusAbout(sent, MINISTRY, '03'), 'status', [SENDER]);
    // Assess
    expect(forgedAck).toBe('fail');
    expect(afterForged[0]).toMatchObject({ status: 'sent' });
    expect(await acknowledged(ministry, genuine)).toBe('done');
    expect(
      (
        await eventually(
          () => deliveries(sent.id),
          (items) => items[0]?.status === '03',
        )
      )[0].history.map((h: any) => h.code),
    ).toEqual(['sent', '03']);
  });

  it('never applies an axis status to a delivery made inside the city', async () => {
    // Prepare: an internal delivery, answered 01 by the receiver.
    const sent = await issue([{ organId: RECEIVER, organName: '[MẪU] Sở Tài chính' }], 'Noi bo thanh pho');
    await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === '01',
    );
    // Act: the ministry's system forges the receiver's 06, under the receiver's name and under its own.
    const asReceiver = await send(ministry, statusAbout(sent, RECEIVER, '06'), 'status', [SENDER]);
    const asItself = await send(ministry, statusAbout(sent, MINISTRY, '06'), 'status', [SENDER]);
    // Assess
    expect(await acknowledged(ministry, asReceiver)).toBe('fail');
    expect(await acknowledged(ministry, asItself)).toBe('fail');
    expect((await deliveries(sent.id))[0]).toMatchObject({ channel: 'internal', status: '01' });
  });
});
