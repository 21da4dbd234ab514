import { createHash } from 'node:crypto';
import { createVdxpClient } from '#adapters/axis/vdxp-client';
import { AxisError } from '#domain/axis/errors';
import { buildEdocToBuffer, buildStatus, parseEdxml } from '#edxml/index';
import type { TestApi } from './api.ts';
import { eventually } from './eventually.ts';

export const SENDER = '000.00.91.H26';
export const PEER_AGENCY = '000.00.00.G22';

/**
 * The exchange scenario of issue 5, shared by the test and the bench: a city agency issues `outbound`
 * documents to the SAMPLE peer system's agency; the peer sends `inbound` documents back; the peer answers
 * 03 for each document it receives (deduplicating on the edXML DocumentId, as any receiver must) and
 * collects our 01 answers. Resolves when both sides are complete (or the deadline passed).
 */
export async function runExchange(api: TestApi, counts: { outbound: number; inbound: number; deadlineMs?: number }) {
  const started = Date.now();
  const peer = createVdxpClient({
    endpoint: api.runtime.axis.url,
    systemId: api.runtime.axis.peer.systemId,
    secret: api.runtime.axis.peer.secret,
    from: PEER_AGENCY,
    timeoutMs: Number(process.env.AXIS_TIMEOUT_MS ?? 5000),
  });
  const [specialist, leader, clerk] = await Promise.all(
    (['specialist', 'leader', 'clerk'] as const).map((role) => api.token({ sub: `x-${role}`, organId: SENDER, roles: [role] })),
  );
  const sentIds: string[] = [];
  await pool(counts.outbound, 16, async (i) => {
    const created = await api.request('POST', '/documents/outgoing', {
      token: specialist,
      body: { typeName: 'Công văn', subject: `Trao đổi số ${i}`, draftingUnitAbbreviation: 'VP', recipients: [{ organId: PEER_AGENCY, organName: 'Văn phòng Chính phủ' }] },
    });
    await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist });
    await api.request('POST', `/documents/${created.body.id}/approve`, { token: leader });
    const issued = await api.request('POST', `/documents/${created.body.id}/issue`, { token: clerk });
    if (issued.status !== 200) throw new Error(`issue: ${issued.status}`);
    sentIds.push(created.body.id);
  });
  const issuedAt = Date.now();
  await pool(counts.inbound, 8, async (i) => {
    const body = await buildEdocToBuffer({
      from: { organId: PEER_AGENCY, organName: 'Văn phòng Chính phủ' },
      to: [{ organId: SENDER, organName: '[MẪU] Sở Nội vụ' }],
      documentId: `${PEER_AGENCY},2026/11/20,${i + 1}/VPCP-TTĐT`,
      code: { codeNumber: String(i + 1), codeNotation: 'VPCP-TTĐT' },
      promulgationInfo: { promulgationDate: '2026-11-20' },
      documentType: { typeName: 'Công văn' },
      subject: `Văn bản đến số ${i + 1}`,
      toPlaces: [],
      responseFor: [],
      traceHeaderList: { traceHeader: [], bussiness: { bussinessDocType: 0, replacementInfoList: [] } },
    });
    await retry(() => peer.sendEdoc({ body, sha256Hex: createHash('sha256').update(body).digest('hex'), messageType: 'edoc', to: [SENDER] }));
  });

  const peerSeen = new Map<string, number>();
  const peerStatuses = new Map<string, string>();
  const deadline = Date.now() + (counts.deadlineMs ?? 300_000);
  while (Date.now() < deadline && (peerSeen.size < counts.outbound || peerStatuses.size < counts.inbound)) {
    const listed = await retry(() => peer.listReceived());
    await pool(listed.length, 8, async (n) => {
      const item = listed[n];
      if (item === undefined) return;
      const bytes = await retry(() => peer.getEdoc(item.docId)).catch(() => undefined);
      if (bytes === undefined) return;
      const pkg = await parseEdxml(bytes);
      if (pkg.kind === 'edoc') {
        const times = peerSeen.get(pkg.documentId) ?? 0;
        peerSeen.set(pkg.documentId, times + 1);
        if (times === 0) {
          const status = new TextEncoder().encode(
            buildStatus(
              {
                responseFor: { organId: pkg.from.organId, code: `${pkg.code?.codeNumber}/${pkg.code?.codeNotation}`, documentId: pkg.documentId },
                from: { organId: PEER_AGENCY, organName: 'Văn phòng Chính phủ' },
                statusCode: '03',
                description: 'Đã tiếp nhận',
                timestamp: new Date().toISOString(),
              },
              { strict: false },
            ),
          );
          await retry(() => peer.sendEdoc({ body: status, sha256Hex: createHash('sha256').update(status).digest('hex'), messageType: 'status', to: [SENDER] }));
        }
      } else {
        peerStatuses.set(pkg.responseFor.documentId, pkg.statusCode);
      }
      await retry(() => peer.updateStatus(item.docId, 'done'));
    });
    if (listed.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const deliveries = await eventually(
    // 16 at a time: a thousand connections at once overflow the listen backlog (511) of a loaded machine (ECONNRESET).
    async () => mapLimited(sentIds, 16, async (id) => (await api.request('GET', `/documents/${id}/deliveries`, { token: clerk })).body.items as any[]),
    (all) => all.every((items) => items.length === 1 && items[0].status === '03'),
    Math.max(10_000, deadline - Date.now()),
    3000,
  );
  const arrived: any[] = [];
  let token: string | undefined;
  do {
    const page = await api.request('GET', `/documents?direction=incoming&limit=100${token === undefined ? '' : `&nextToken=${token}`}`, { token: clerk });
    arrived.push(...page.body.items.filter((d: any) => d.source?.fromOrganId === PEER_AGENCY));
    token = page.body.nextToken;
  } while (token !== undefined);
  return { peerSeen, peerStatuses, deliveries, arrived, issueSeconds: (issuedAt - started) / 1000, totalSeconds: (Date.now() - started) / 1000 };
}

/** The peer retries what the faulty axis refuses, as any real system would. */
async function retry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AxisError) || !error.retryable || attempt > 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
}

/** `f` over `items` with at most `limit` calls at once, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next;
        next += 1;
        results[i] = await f(items[i] as T);
      }
    }),
  );
  return results;
}
