import { randomBytes } from 'node:crypto';
import { dependencies } from '#adapters/dependencies';
import { createVdxpClient, type VdxpClient } from '#adapters/axis/vdxp-client';
import { buildStatus, type EdocBuildInput } from '#edxml/index';
import type { TestApi } from './api.ts';
import { eventually } from './eventually.ts';
import { sha256 } from './files.ts';

/**
 * Acting as a system outside the city on the local axis simulator (e2e): packages to send, the sender's own
 * listing of how the city acknowledged them, and what the city recorded about a refused one. SAMPLE data only.
 */

/** The city agency the sample packages are addressed to unless a test says otherwise. */
export const CITY_RECEIVER = { organId: '000.00.92.H26', organName: '[MẪU] Sở Tài chính' };

let serial = 100;

/** A document package from `from` to {@link CITY_RECEIVER}, under a fresh number (and DocumentId) each time. */
export function edocFrom(from: string, subject: string, extra: Partial<EdocBuildInput> = {}): EdocBuildInput {
  serial += 1;
  return {
    from: { organId: from, organName: '[MẪU] Cơ quan gửi' },
    to: [CITY_RECEIVER],
    documentId: `${from},2026/11/20,${serial}/MAU-VP`,
    code: { codeNumber: String(serial), codeNotation: 'MAU-VP' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
    documentType: { typeName: 'Công văn' },
    subject,
    traceHeaderList: { traceHeader: [{ timestamp: new Date().toISOString() }], bussiness: { bussinessDocType: 0 } },
    ...extra,
  };
}

/** The edXML DocumentId of a document the city issued (the body `issueOutgoing` returns). */
export function edxmlIdOf(sent: any): string {
  return `${sent.organId},${sent.issue.issueDate.replace(/-/g, '/')},${sent.issue.codeNumber}/${sent.issue.codeNotation}`;
}

/** A status package from `from` answering the city's document `sent`; `description: null` leaves Description out. */
export function statusAbout(sent: any, from: string, statusCode: string, description: string | null = 'Trạng thái'): Uint8Array {
  return new TextEncoder().encode(
    buildStatus(
      {
        responseFor: { organId: sent.organId, code: `${sent.issue.codeNumber}/${sent.issue.codeNotation}`, documentId: edxmlIdOf(sent) },
        from: { organId: from },
        statusCode: statusCode as '03',
        ...(description === null ? {} : { description }),
        timestamp: new Date().toISOString(),
      },
      { strict: false },
    ),
  );
}

/** Sends a package as `client` (whose `from` the axis authenticates) and resolves the axis's docId. */
export async function sendPackage(client: VdxpClient, body: Uint8Array, messageType: 'edoc' | 'status', to: string[]): Promise<string> {
  return (await client.sendEdoc({ body, sha256Hex: sha256(body), messageType, to })).docId;
}

/** How the city acknowledged a package: the sender's own listing of it (`pending` if it never did). */
export async function acknowledged(client: VdxpClient, docId: string): Promise<string> {
  const row = await eventually(
    async () => (await client.listSent()).find((r) => r.docId === docId),
    (r) => r !== undefined && r.status !== 'pending',
  );
  return row?.status ?? 'pending';
}

/** The docId the receiving system knows the package by (the listing's `receiverDocId`). */
export async function receiverDocIdOf(client: VdxpClient, docId: string): Promise<string> {
  const row = await eventually(
    async () => (await client.listSent()).find((r) => r.docId === docId),
    (r) => r?.receiverDocId !== undefined,
  );
  return row?.receiverDocId ?? '';
}

/** What the city recorded about a package it refused: `axis/refused/{receiverDocId}.json` in the runtime's bucket, read as the receiver. */
export async function refusalRecord(api: TestApi, receiverDocId: string): Promise<any> {
  return api.runtime.inFunction('axis-receiver', async () => {
    const object = await dependencies().files.content.open(`axis/refused/${receiverDocId}.json`);
    if (object === undefined) return undefined;
    const parts: Uint8Array[] = [];
    for await (const chunk of object.body) parts.push(chunk);
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  });
}

/** The incoming documents of the agency whose `token` is given, found by subject. */
export async function incomingAbout(api: TestApi, token: string, subject: string): Promise<any[]> {
  return (await api.request('GET', `/documents?direction=incoming&q=${encodeURIComponent(subject)}`, { token })).body.items;
}

/** The deliveries of the city's document `documentId`, as the sender's `token` sees them. */
export async function deliveriesOf(api: TestApi, token: string, documentId: string): Promise<any[]> {
  return (await api.request('GET', `/documents/${documentId}/deliveries`, { token })).body.items;
}

/** A client of the runtime's SAMPLE peer system, sending as one of its agencies (`*.G12`, `*.G22`). */
export function peerClient(api: TestApi, from: string): VdxpClient {
  const { url, peer } = api.runtime.axis;
  return createVdxpClient({ endpoint: url, systemId: peer.systemId, secret: peer.secret, from, timeoutMs: 5000 });
}

/** Registers a SAMPLE system of its own for `agency` on the runtime's axis simulator, and a client sending as it. */
export function systemClient(api: TestApi, systemId: string, agency: string): VdxpClient {
  const { url, simulator } = api.runtime.axis;
  const secret = randomBytes(16).toString('hex');
  simulator.addSystem({ systemId, secret, agencies: [agency] });
  return createVdxpClient({ endpoint: url, systemId, secret, from: agency, timeoutMs: 5000 });
}

/** Tokens of a clerk, a leader and a specialist in the sending (`s-…`) and the receiving (`r-…`) city agency. */
export async function exchangeTokens(api: TestApi, sender: string, receiver: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [organId, prefix] of [
    [sender, 's'],
    [receiver, 'r'],
  ] as const) {
    for (const role of ['clerk', 'leader', 'specialist'] as const) tokens[`${prefix}-${role}`] = await api.token({ sub: `${prefix}-${role}`, organId, roles: [role] });
  }
  return tokens;
}
