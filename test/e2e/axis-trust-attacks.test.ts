import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import type { VdxpClient } from '#adapters/axis/vdxp-client';
import { receivePackage } from '#app/axis/receive';
import { buildEdocToBuffer, parseEdxml } from '#edxml/index';
import { startTestApi, type TestApi } from '../support/api.ts';
import {
  acknowledged,
  CITY_RECEIVER,
  deliveriesOf,
  edocFrom as edoc,
  edxmlIdOf,
  exchangeTokens,
  peerClient,
  systemClient,
  incomingAbout,
  receiverDocIdOf,
  refusalRecord,
  sendPackage as send,
  statusAbout,
} from '../support/axis-peer.ts';
import { eventually } from '../support/eventually.ts';
import { issueOutgoing } from '../support/outgoing.ts';

/**
 * Issue 13, trusted senders, against a hostile or broken peer (regressions of the axis receiver's security
 * review): a status code only the sender may send, packages the receiver cannot take in, a parent system
 * speaking for its unit, a package for no city agency, a DocumentId reused with other content. Each is
 * refused with its reason recorded in `axis/refused/{docId}.json`, acknowledged `fail`, and changes nothing;
 * what is ours to fail (storage) is retried instead (test/unit/app/axis-receive-transient.test.ts).
 * SAMPLE systems: the peer (agencies *.G12, *.G22), and a ministry's head office and its unit, each with a
 * system of its own, registered on the axis simulator for this test.
 */
const SENDER = '000.00.91.H26';
const RECEIVER = CITY_RECEIVER.organId;
const MINISTRY = '000.00.00.G12';
const OFFICE = '000.00.00.G22';
const HQ = '000.00.00.G05';
const UNIT = '000.00.18.G05';
let api: TestApi;
let ministry: VdxpClient;
let office: VdxpClient;
let hq: VdxpClient;
let unit: VdxpClient;
let tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi({ scheduleSpeedup: 120 });
  ministry = peerClient(api, MINISTRY);
  office = peerClient(api, OFFICE);
  // A ministry's head-office system that serves only the head office, and its unit's own system.
  hq = systemClient(api, 'sample-hq-only', HQ);
  unit = systemClient(api, 'sample-unit', UNIT);
  tokens = await exchangeTokens(api, SENDER, RECEIVER);
});

afterAll(async () => {
  await api.runtime.close();
});

const t = (key: string): string => tokens[key] ?? '';
const deliveries = (documentId: string) => deliveriesOf(api, t('s-clerk'), documentId);
const inbox = (subject: string) => incomingAbout(api, t('r-clerk'), subject);
const text = (value: string) => new TextEncoder().encode(value);

/** Every file of a received document, page after page. */
async function filesOf(documentId: string): Promise<any[]> {
  const files: any[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.request('GET', `/documents/${documentId}/files?limit=100${nextToken === undefined ? '' : `&nextToken=${encodeURIComponent(nextToken)}`}`, {
      token: t('r-clerk'),
    });
    expect(page.status).toBe(200);
    files.push(...page.body.items);
    nextToken = page.body.nextToken;
  } while (nextToken !== undefined);
  return files;
}

/** The revocation packages (BussinessDocType 1) the peer system holds for `agency` about the edXML `documentId`. */
async function revocationsFor(client: VdxpClient, agency: string, documentId: string): Promise<number> {
  let found = 0;
  for (const item of await client.listReceived({ messageType: 'edoc' })) {
    if (!(item.to ?? []).includes(agency)) continue;
    const parsed = await parseEdxml(await client.getEdoc(item.docId));
    if (parsed.kind === 'edoc' && parsed.documentId === documentId && parsed.traceHeaderList.bussiness?.bussinessDocType === 1 && parsed.to.some((o) => o.organId === agency))
      found += 1;
  }
  return found;
}

describe('statuses only the sender sends', () => {
  it("refuses a 13 from a recipient (status-not-for-recipient), leaves its delivery as it was, and the sender's real revocation still reaches it", async () => {
    // Prepare: one document to the ministry and to the office (both on the peer system).
    const sent = await issueOutgoing(
      api,
      t,
      [
        { organId: MINISTRY, organName: '[MẪU] Bộ' },
        { organId: OFFICE, organName: '[MẪU] Văn phòng' },
      ],
      { subject: 'Thu hoi gia tu noi nhan' },
    );
    await eventually(
      () => deliveries(sent.id),
      (items) => items.length === 2 && items.every((d) => d.status === 'sent'),
    );
    // Act: the ministry reports 13 itself, then the sender's clerk really revokes the document.
    const forged = await send(ministry, statusAbout(sent, MINISTRY, '13'), 'status', [SENDER]);
    const forgedAck = await acknowledged(ministry, forged);
    const afterForged = (await deliveries(sent.id)).find((d) => d.recipient.organId === MINISTRY);
    const revoked = await api.request('POST', `/documents/${sent.id}/revoke`, { token: t('s-clerk'), body: { reason: 'Ban hành nhầm' } });
    // Assess: refused and recorded; the delivery untouched; the revocation went to both recipients.
    expect(forgedAck).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, forged))).toMatchObject({
      listingFrom: MINISTRY,
      reason: 'status-not-for-recipient',
      details: { documentId: edxmlIdOf(sent), packageFrom: MINISTRY },
    });
    expect(afterForged).toMatchObject({ status: 'sent' });
    expect(afterForged.history.map((h: any) => h.code)).toEqual(['sent']);
    expect(revoked.status).toBe(200);
    expect(
      await eventually(
        () => revocationsFor(ministry, MINISTRY, edxmlIdOf(sent)),
        (n) => n > 0,
      ),
    ).toBe(1);
    expect(
      await eventually(
        () => revocationsFor(office, OFFICE, edxmlIdOf(sent)),
        (n) => n > 0,
      ),
    ).toBe(1);
    const revokedDelivery = (
      await eventually(
        () => deliveries(sent.id),
        (items) => items.some((d) => d.recipient.organId === MINISTRY && d.status === '13'),
      )
    ).find((d) => d.recipient.organId === MINISTRY);
    expect(revokedDelivery.history.filter((h: any) => h.code === '13').map((h: any) => h.source)).toEqual([{ channel: 'axis', organId: SENDER }]);
  });
});

describe('packages the receiver cannot take in: refused once, never retried', () => {
  it('refuses a 02 without its Description from the genuine recipient as invalid-package, and the delivery stays as it was', async () => {
    // Prepare
    const sent = await issueOutgoing(api, t, [{ organId: MINISTRY, organName: '[MẪU] Bộ' }], { subject: 'Tu choi khong ly do' });
    await eventually(
      () => deliveries(sent.id),
      (items) => items[0]?.status === 'sent',
    );
    // Act
    const docId = await send(ministry, statusAbout(sent, MINISTRY, '02', null), 'status', [SENDER]);
    // Assess
    expect(await acknowledged(ministry, docId)).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, docId))).toMatchObject({
      listingFrom: MINISTRY,
      reason: 'invalid-package',
      details: { problem: 'reason-required' },
    });
    expect((await deliveries(sent.id))[0]).toMatchObject({ status: 'sent', history: [expect.objectContaining({ code: 'sent' })] });
  });

  it('takes a DocumentId of 200 characters and refuses one of 201 as invalid-package', async () => {
    // Prepare: two DocumentIds of the ministry, padded to the limit and one past it.
    const id = (length: number) => {
      const head = `${MINISTRY},2026/11/20,`;
      const tail = '/MAU-VP';
      return `${head}${'9'.repeat(length - head.length - tail.length)}${tail}`;
    };
    const atLimit = await buildEdocToBuffer(edoc(MINISTRY, 'Ma van ban 200 ky tu', { documentId: id(200) }), { strict: false });
    const pastLimit = await buildEdocToBuffer(edoc(MINISTRY, 'Ma van ban 201 ky tu', { documentId: id(201) }), { strict: false });
    // Act
    const accepted = await send(ministry, atLimit, 'edoc', [RECEIVER]);
    const refused = await send(ministry, pastLimit, 'edoc', [RECEIVER]);
    // Assess
    expect(await acknowledged(ministry, accepted)).toBe('done');
    expect(
      await eventually(
        () => inbox('Ma van ban 200 ky tu'),
        (items) => items.length === 1,
      ),
    ).toHaveLength(1);
    expect(await acknowledged(ministry, refused)).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, refused))).toMatchObject({
      listingFrom: MINISTRY,
      reason: 'invalid-package',
      details: { documentIdLength: 201 },
    });
    expect(await inbox('Ma van ban 201 ky tu')).toEqual([]);
  });

  it('receives a package of 101 attachments a second time (a duplicate listing, a redelivered message) without error or a duplicate file', async () => {
    // Prepare: the package, received once.
    const attachments = Array.from({ length: 101 }, (_, i) => ({ contentId: `cid:${i}`, attachmentName: `t${i}.txt`, contentType: 'text/plain', payload: text(`tep ${i}`) }));
    const docId = await send(ministry, await buildEdocToBuffer(edoc(MINISTRY, 'Goi tin 101 tep', { attachments }), { strict: false }), 'edoc', [RECEIVER]);
    expect(await acknowledged(ministry, docId)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Goi tin 101 tep'),
      (items) => items.length === 1,
    );
    // Act: the receiver takes the same package again.
    const receiverDocId = await receiverDocIdOf(ministry, docId);
    const again = await api.runtime.inFunction('axis-receiver', () => receivePackage(dependencies(), { docId: receiverDocId, from: MINISTRY }, 'axis-trust-attacks-again'));
    // Assess: the same document, acknowledged done again, its 101 files once each.
    expect(again).toEqual({ outcome: 'received', kind: 'edoc', documents: [arrived.id] });
    expect(await acknowledged(ministry, docId)).toBe('done');
    expect(await inbox('Goi tin 101 tep')).toHaveLength(1);
    const files = await filesOf(arrived.id);
    expect(files).toHaveLength(101);
    expect(new Set(files.map((f) => f.fileId)).size).toBe(101);
    expect(files.map((f) => f.fileName).sort()).toEqual(attachments.map((a) => a.attachmentName).sort());
  });
});

describe('the listed sender speaks only for itself', () => {
  it('refuses a document and a revocation that a system authenticated as 000.00.00.G05 sends in the name of its unit 000.00.18.G05', async () => {
    // Prepare: the unit's own system sends a document, received.
    const original = edoc(UNIT, 'Van ban cua don vi');
    const first = await send(unit, await buildEdocToBuffer(original), 'edoc', [RECEIVER]);
    expect(await acknowledged(unit, first)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Van ban cua don vi'),
      (items) => items.length === 1,
    );
    // Act: the head-office system (serving only HQ) sends a document and a revocation in the unit's name.
    const impersonated = await send(hq, await buildEdocToBuffer(edoc(UNIT, 'Gia danh don vi')), 'edoc', [RECEIVER]);
    const revocation = await send(
      hq,
      await buildEdocToBuffer(
        { ...original, traceHeaderList: { traceHeader: [], bussiness: { documentId: original.documentId, bussinessDocType: 1, bussinessDocReason: 'Thu hồi' } } },
        { strict: false },
      ),
      'edoc',
      [RECEIVER],
    );
    // Assess
    expect(await acknowledged(hq, impersonated)).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(hq, impersonated))).toMatchObject({
      listingFrom: HQ,
      reason: 'sender-not-authenticated',
      details: { listingFrom: HQ, packageFrom: UNIT },
    });
    expect(await acknowledged(hq, revocation)).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(hq, revocation))).toMatchObject({ listingFrom: HQ, reason: 'sender-not-authenticated' });
    expect(await inbox('Gia danh don vi')).toEqual([]);
    const document = await api.request('GET', `/documents/${arrived.id}`, { token: t('r-clerk') });
    expect(document.body.pendingRequest).toBeUndefined();
  });
});

describe('what a package says about itself', () => {
  it('refuses a package whose To names no city agency (not-for-the-city)', async () => {
    // Prepare: routed by the axis to the receiver, addressed inside to the office.
    const body = await buildEdocToBuffer(edoc(MINISTRY, 'Khong gui thanh pho', { to: [{ organId: OFFICE, organName: '[MẪU] Văn phòng' }] }));
    // Act
    const docId = await send(ministry, body, 'edoc', [RECEIVER]);
    // Assess
    expect(await acknowledged(ministry, docId)).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, docId))).toMatchObject({ listingFrom: MINISTRY, reason: 'not-for-the-city', details: { to: [OFFICE] } });
    expect(await inbox('Khong gui thanh pho')).toEqual([]);
  });

  it('refuses the same DocumentId again with other bytes (duplicate-document-id) and adds nothing; the same bytes again change nothing', async () => {
    // Prepare: a document with one attachment, received.
    const original = edoc(MINISTRY, 'Van ban mot lan', { attachments: [{ contentId: 'cid:1', attachmentName: 'goc.txt', contentType: 'text/plain', payload: text('ban goc') }] });
    const originalBody = await buildEdocToBuffer(original, { strict: false });
    const first = await send(ministry, originalBody, 'edoc', [RECEIVER]);
    expect(await acknowledged(ministry, first)).toBe('done');
    const firstReceiverDocId = await receiverDocIdOf(ministry, first);
    const [arrived] = await eventually(
      () => inbox('Van ban mot lan'),
      (items) => items.length === 1,
    );
    await eventually(
      () => filesOf(arrived.id),
      (items) => items.length === 1,
    );
    // Act: the same DocumentId with another subject and one more attachment, then the first bytes again.
    const other = {
      ...original,
      subject: 'Noi dung khac',
      attachments: [...(original.attachments ?? []), { contentId: 'cid:2', attachmentName: 'chen-them.txt', contentType: 'text/plain', payload: text('chen them') }],
    };
    const second = await send(ministry, await buildEdocToBuffer(other, { strict: false }), 'edoc', [RECEIVER]);
    const secondAck = await acknowledged(ministry, second);
    const repeated = await send(ministry, originalBody, 'edoc', [RECEIVER]);
    const repeatedAck = await acknowledged(ministry, repeated);
    // Assess: the other bytes refused and recorded; the same bytes taken (done) as the document already there.
    expect(secondAck).toBe('fail');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, second))).toMatchObject({
      listingFrom: MINISTRY,
      reason: 'duplicate-document-id',
      details: { documentId: original.documentId, received: arrived.id },
    });
    expect(repeatedAck).toBe('done');
    expect(await refusalRecord(api, await receiverDocIdOf(ministry, repeated))).toBeUndefined();
    expect(await inbox('Van ban mot lan')).toHaveLength(1);
    expect(await inbox('Noi dung khac')).toEqual([]);
    expect((await filesOf(arrived.id)).map((f) => f.fileName)).toEqual(['goc.txt']);
    const kept = await api.request('GET', `/documents/${arrived.id}/package`, { token: t('r-clerk') });
    expect(kept.body).toMatchObject({ axisDocId: firstReceiverDocId });
  });
});

describe('known limits (not fixed: these pin what the receiver does today)', () => {
  it('known limit: the issuer name, an out-of-range promulgation date and a bidi-override attachment name are registered as the sender wrote them', async () => {
    // Prepare: a genuine sender naming itself as a city body, dating its document 1800, naming its file with U+202E.
    const body = await buildEdocToBuffer(
      edoc(MINISTRY, 'Gioi han ten va ngay', {
        from: { organId: MINISTRY, organName: 'Ủy ban nhân dân thành phố Hà Nội' },
        promulgationInfo: { place: 'Hà Nội', promulgationDate: '1800-01-01' },
        attachments: [{ contentId: 'cid:1', attachmentName: 'hoadon\u202Efdp.exe', contentType: 'application/x-msdownload', payload: text('MZ not a pdf') }],
      }),
      { strict: false },
    );
    // Act
    const docId = await send(ministry, body, 'edoc', [RECEIVER]);
    // Assess: taken in as written (only the code is checked against the listing, not the name; no date range; no file-name rule).
    expect(await acknowledged(ministry, docId)).toBe('done');
    const [arrived] = await eventually(
      () => inbox('Gioi han ten va ngay'),
      (items) => items.length === 1,
    );
    expect(arrived).toMatchObject({ issuer: { organId: MINISTRY, organName: 'Ủy ban nhân dân thành phố Hà Nội' }, promulgationDate: '1800-01-01' });
    expect(await filesOf(arrived.id)).toEqual([expect.objectContaining({ fileName: 'hoadon\u202Efdp.exe', status: 'stored' })]);
  });
});
