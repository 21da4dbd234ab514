/**
 * The VDXP operations as the simulator answers them, for one authenticated system. Each resolves an answer
 * instead of writing it, so the server can still turn it into a fault after the operation took effect.
 */
import type { IncomingMessage } from 'node:http';
import * as z from 'zod';
import { HEADER_TOKEN, vdxpHeaders, type VdxpOperation } from '#adapters/axis/protocol';
import type { AxisMessageType } from '#domain/axis/port';
import { EdxmlError, parseDocumentId, parseEdxml } from '#edxml/index';
import { drain, header, readBody } from './http-io.ts';
import { VdxpRefusal, type AxisStore, type SimulatedSystem } from './store.ts';
import type { FaultInjector } from './switches.ts';

export type Answer = { readonly kind: 'json'; readonly fields: Record<string, unknown> } | { readonly kind: 'package'; readonly bytes: Buffer };

export interface OperationContext {
  readonly req: IncomingMessage;
  readonly system: SimulatedSystem;
  readonly store: AxisStore;
  readonly faults: FaultInjector;
  /** Parse every sent package as edXML and refuse what does not parse (default on). */
  readonly validatePackages: boolean;
  readonly catalogue: () => readonly unknown[];
}

/** Runs one operation; a refusal is thrown as `VdxpRefusal` and answered FAIL by the server. */
export async function runOperation(operation: VdxpOperation, ctx: OperationContext): Promise<Answer> {
  if (operation === 'sendEdoc') return sendEdoc(ctx);
  await drain(ctx.req);
  const { store, system, req } = ctx;
  switch (operation) {
    case 'getReceivedEdocList': {
      const rows = store.listReceived(system.systemId, messageTypeOf(req, false), () => ctx.faults.duplicate());
      return json({ data: ctx.faults.reorder(rows) });
    }
    case 'getSentEdocList':
      return json({ data: store.listSent(system.systemId, messageTypeOf(req, false)) });
    case 'countReceiveEdoc':
      return json({ count: store.countPending(system.systemId, messageTypeOf(req, false)) });
    case 'getEdoc':
      return { kind: 'package', bytes: store.payload(system.systemId, requiredToken(req, vdxpHeaders.docId)) };
    case 'updateStatus': {
      const status = header(req, vdxpHeaders.status);
      if (status !== 'done' && status !== 'fail') throw new VdxpRefusal('INVALID_STATUS', 'status must be done or fail');
      store.acknowledge(system.systemId, requiredToken(req, vdxpHeaders.docId), status);
      return json({});
    }
    case 'getAgenciesList':
      return json({ data: ctx.catalogue() });
  }
}

async function sendEdoc(ctx: OperationContext): Promise<Answer> {
  const { req, store } = ctx;
  // The body is read first, whatever the headers say, so every answer comes after a complete upload.
  const body = await readBody(req, store.limits.maxPackageBytes);
  const messageType = messageTypeOf(req, true);
  const from = requiredToken(req, vdxpHeaders.from);
  const declaredHash = header(req, vdxpHeaders.hashFile)?.trim().toLowerCase();
  if (declaredHash === undefined || !/^[0-9a-f]{64}$/.test(declaredHash)) throw new VdxpRefusal('MISSING_HASH', 'hash-file must be the SHA-256 of the body, 64 hex digits');
  const to = recipientsHeader(req);
  if (body.bytes === undefined) throw new VdxpRefusal('TOO_LARGE', `the package has ${body.size} bytes; the limit is ${store.limits.maxPackageBytes}`);
  if (body.size === 0) throw new VdxpRefusal('EMPTY_PACKAGE', 'the body is empty');
  if (body.sha256Hex !== declaredHash) throw new VdxpRefusal('HASH_MISMATCH', 'hash-file does not match the SHA-256 of the body');

  const routing = ctx.validatePackages || to === undefined ? await readRouting(body.bytes, messageType, store.limits.maxPackageBytes) : undefined;
  const recipients = to ?? routing?.recipients ?? [];
  const docId = store.accept({ sender: ctx.system, from, recipients, messageType, documentId: routing?.documentId, bytes: body.bytes });
  return json({ DocId: docId });
}

/** Recipients and DocumentId as the package states them: To of a document, ResponseFor of a status. */
async function readRouting(bytes: Buffer, messageType: AxisMessageType, maxBytes: number): Promise<{ recipients: string[]; documentId: string | undefined }> {
  try {
    const pkg = await parseEdxml(bytes, { limits: { maxBytes } });
    if (pkg.kind !== messageType) throw new VdxpRefusal('MESSAGE_TYPE_MISMATCH', `messagetype is ${messageType} but the package is a ${pkg.kind} package`);
    if (pkg.kind === 'edoc') return { recipients: pkg.to.map((o) => o.organId), documentId: pkg.documentId };
    const { documentId } = pkg.responseFor;
    // A status goes back to the issuer of the document it answers: ResponseFor's OrganId, else DocumentId's first part.
    const issued = documentId === undefined ? undefined : parseDocumentId(documentId);
    const issuer = pkg.responseFor.organId ?? (issued?.success === true ? issued.data.organId : undefined);
    return { recipients: issuer === undefined ? [] : [issuer], documentId };
  } catch (error) {
    if (error instanceof EdxmlError) throw new VdxpRefusal('INVALID_EDXML', `the package is not valid edXML: ${error.message}`);
    throw error;
  }
}

const recipientsSchema = z.array(z.string().regex(HEADER_TOKEN)).min(1);

function recipientsHeader(req: IncomingMessage): string[] | undefined {
  const raw = header(req, vdxpHeaders.to);
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new VdxpRefusal('INVALID_TO', `to is not a JSON array: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = recipientsSchema.safeParse(value);
  if (!parsed.success) throw new VdxpRefusal('INVALID_TO', 'to must be a non-empty JSON array of agency codes');
  return parsed.data;
}

function messageTypeOf(req: IncomingMessage, required: true): AxisMessageType;
function messageTypeOf(req: IncomingMessage, required: false): AxisMessageType | undefined;
function messageTypeOf(req: IncomingMessage, required: boolean): AxisMessageType | undefined {
  const value = header(req, vdxpHeaders.messageType)?.trim().toLowerCase();
  if (value === 'edoc' || value === 'status') return value;
  if (value === undefined && !required) return undefined;
  throw new VdxpRefusal('INVALID_MESSAGE_TYPE', 'messagetype must be edoc or status');
}

function requiredToken(req: IncomingMessage, name: string): string {
  const value = header(req, name)?.trim();
  if (value === undefined || !HEADER_TOKEN.test(value)) throw new VdxpRefusal('MISSING_HEADER', `header ${name} is missing or malformed`);
  return value;
}

function json(fields: Record<string, unknown>): Answer {
  return { kind: 'json', fields };
}
