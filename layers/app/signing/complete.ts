import { createHash } from 'node:crypto';
import { historyEvent } from '#domain/documents/history';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { NotFoundError, UnprocessableError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import type { PdfVerification, SignatureValue } from '#domain/signing/engine';
import { assertCompletable, type SigningSession } from '#domain/signing/session';
import type { Dependencies, RequestContext } from '../context.ts';
import { bump, staleVersion } from '../documents/change.ts';
import { outgoing } from '../documents/outgoing-workflow.ts';
import { fileView, type FileView } from '../files/view.ts';
import { readSigningMaterial, readStored, storeProducedPdf } from './pdf-files.ts';
import { signatureEvidence, type SignatureEvidence } from './evidence.ts';
import { remoteCall, secretRefusal } from './refusals.ts';
import { isSecret } from '#domain/documents/document';
import { ecdsaRawToDer } from '#domain/signing/ecdsa';
import { noticeEntries } from '../notifications/publish.ts';
import { relayEntries } from '../outbox/relay.ts';

export interface CompleteRequest {
  /** Client-side signer: the signature value over the prepared hash (base64). */
  readonly signature?: string;
  /** Client-side signer whose plugin builds the whole CMS over `documentDigest` (base64 DER). */
  readonly cms?: string;
  /** Remote signer: what the leader gives to authorise this signature (PIN, OTP), passed through once. */
  readonly authorization?: Readonly<Record<string, string>>;
}

export type CompletedSigning =
  | { readonly status: 'signed'; readonly document: OutgoingDocument; readonly file: FileView; readonly signature: SignatureEvidence }
  /** The remote service waits for the leader's confirmation (a provider's app): call complete again. */
  | { readonly status: 'pending'; readonly signingId: string; readonly expiresAt: string };

/**
 * Completes a prepared personal signature: takes the signature value (from the leader's device, or asks
 * the remote signing service with the leader's authorisation), checks it against the certificate, embeds
 * the CMS (with a signature timestamp when a TSA is configured), verifies the whole file against the trust
 * anchors and, only when the new signature is TOTAL_PASSED, stores the signed PDF as a new file with its
 * evidence and — in one transaction with the document — approves a submitted document and records who
 * signed what in the history. Anything refused changes nothing.
 *
 * @throws {ValidationError} a signature value missing for a client-side signer.
 * @throws {UnprocessableError} `signature-refused` (the remote service refused: wrong PIN, declined),
 * `signature-invalid` (the value does not match), `signature-not-valid` (the signed file does not verify).
 */
export async function completeSignature(deps: Dependencies, ctx: RequestContext, documentId: string, signingId: string, request: CompleteRequest): Promise<CompletedSigning> {
  authorize(ctx.principal, 'document.approve');
  const document = await outgoing(deps, ctx, documentId);
  if (isSecret(document)) throw secretRefusal();
  const session = await deps.signing.sessions.get(document.id, signingId);
  if (session === undefined) throw new NotFoundError(`Không có phiên ký ${signingId} của văn bản này.`, { details: { documentId, signingId } });
  const now = deps.clock.now();
  assertCompletable(session, ctx.principal, document.version, now);
  const engine = await deps.signing.engine();
  const material = await readSigningMaterial(deps, session);
  const prepared = { bytes: await readStored(deps, session.preparedKey, session.preparedSha256, session.preparedSize), hole: session.hole };
  let signed: Uint8Array;
  if (session.signer.kind === 'client' && request.cms !== undefined) {
    // A plugin's own CMS over documentDigest: it must verify, and be the prepared certificate's.
    signed = engine.embedCms(prepared, new Uint8Array(Buffer.from(request.cms, 'base64')));
  } else {
    const signature = await signatureOf(deps, session, request);
    if (signature === 'pending') return { status: 'pending', signingId, expiresAt: session.expiresAt };
    const value: SignatureValue = { signedAttributes: material.signedAttributes, signature, algorithm: session.algorithm, certificates: material.certificates };
    if (!engine.checkValue(value)) {
      throw new UnprocessableError('signature-invalid', 'Giá trị chữ ký không khớp với chứng thư số và dữ liệu đã chuẩn bị.', {
        errors: [{ path: 'body.signature', message: 'Chữ ký không khớp với chứng thư số của người ký.' }],
      });
    }
    const timestamper = await deps.signing.timestamper();
    const timestampToken = timestamper === undefined ? undefined : await remoteCall(() => timestamper.timestamp(sha256(signature)));
    signed = engine.embed(prepared, { ...value, ...(timestampToken === undefined ? {} : { timestampToken }) });
  }
  const verification = await engine.verify(signed, now);
  assertAllPassed(verification, 'Chữ ký số cá nhân');
  assertSignedBy(verification, material.certificates[0]);
  const source = (await deps.files.store.get(document.id, session.sourceFileId)) ?? undefined;
  if (source === undefined) throw new Error(`file ${session.sourceFileId} disappeared`);
  const file = await storeProducedPdf(deps, ctx, document.id, source, signed, verification);
  const evidence = signatureEvidence(verification, verification.report.signatures.length - 1, file, 'personal', { bytes: signed, hole: session.hole });
  const next: OutgoingDocument = {
    ...document,
    ...bump(document, now),
    status: 'approved',
    signer: document.signer ?? { fullName: ctx.principal.name.slice(0, 50) },
    signedFile: {
      fileId: file.fileId,
      sha256: file.sha256,
      signer: session.signerName,
      signedAt: now.toISOString(),
      signedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    },
  };
  const event = historyEvent({
    documentId: document.id,
    sequence: next.version,
    action: 'signed',
    at: now,
    principal: ctx.principal,
    before: { status: document.status },
    after: { status: next.status, signature: evidence },
    correlationId: ctx.correlationId,
    ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
  });
  // Approved by the signature: the clerks hear that it waits to be issued.
  const outbox = noticeEntries(deps, document, next, 'signed', ctx.principal);
  const outcome = await deps.documents.updateDocument(next, document, event, outbox, { files: [file], signing: session });
  if (outcome === 'conflict') throw staleVersion(document);
  await relayEntries(deps, outbox);
  return { status: 'signed', document: next, file: fileView(file), signature: evidence };
}

/** The signature value, from the request or the remote service; 'pending' while the leader has not confirmed. */
async function signatureOf(deps: Dependencies, session: SigningSession, request: CompleteRequest): Promise<Uint8Array | 'pending'> {
  if (session.signer.kind === 'client') {
    if (request.signature === undefined || request.signature === '') {
      throw new ValidationError('Cần giá trị chữ ký (base64) do thiết bị ký số tạo ra.', { errors: [{ path: 'body.signature', message: 'Bắt buộc.' }] });
    }
    const value = new Uint8Array(Buffer.from(request.signature, 'base64'));
    // WebCrypto and PKCS#11 give ECDSA as raw r‖s; CMS carries it DER-encoded.
    return session.algorithm === 'ecdsa-sha256' ? (ecdsaRawToDer(value) ?? value) : value;
  }
  const { credentialId } = session.signer;
  const remote = await deps.signing.remote();
  const outcome = await remoteCall(() =>
    session.status === 'pending' && session.transactionId !== undefined
      ? remote.collect(session.transactionId)
      : remote.requestSignature({
          credentialId,
          hash: new Uint8Array(Buffer.from(session.hash, 'base64')),
          algorithm: session.algorithm,
          authorization: request.authorization ?? {},
          description: `Ký số văn bản ${session.documentId}`,
        }),
  );
  switch (outcome.kind) {
    case 'signed':
      return outcome.signature;
    case 'pending':
      if (session.status !== 'pending') await deps.signing.sessions.markPending(session, outcome.transactionId);
      return 'pending';
    case 'refused':
      throw new UnprocessableError('signature-refused', `Dịch vụ ký số từ xa từ chối ký: ${outcome.reason}`, {
        errors: [{ path: 'body.authorization', message: outcome.reason }],
      });
  }
}

/** The signature just made is by the certificate the preparation named (a plugin's CMS could carry another). */
function assertSignedBy(verification: PdfVerification, certificate: Uint8Array | undefined): void {
  const items = (verification.evidence.items ?? []) as readonly { readonly kind?: string; readonly certificates?: readonly string[] }[];
  const last = items.filter((item) => item.kind === 'signature').at(-1);
  const [pem] = last?.certificates ?? [];
  const der = pem === undefined ? undefined : Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  if (certificate !== undefined && der?.equals(Buffer.from(certificate)) === true) return;
  throw new UnprocessableError('signature-invalid', 'Chữ ký không phải của chứng thư số đã dùng khi chuẩn bị ký.', {
    errors: [{ path: 'body.cms', message: 'Chữ ký của một chứng thư số khác.' }],
  });
}

/** Every signature of the file must pass: the one just made and those before it. */
export function assertAllPassed(verification: PdfVerification, what: string): void {
  const failing = verification.report.signatures.findIndex((line) => line.indication !== 'TOTAL_PASSED');
  if (failing < 0 && verification.verdict === 'TOTAL_PASSED') return;
  const line = verification.report.signatures[Math.max(0, failing)];
  throw new UnprocessableError(
    'signature-not-valid',
    `${what} không được xác thực: chữ ký thứ ${failing + 1} là ${line?.indication ?? verification.verdict}${line?.subIndication === undefined ? '' : `/${line.subIndication}`}.`,
    { details: { verdict: verification.verdict, signature: failing + 1, reasons: line?.reasons ?? [] } },
  );
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}
