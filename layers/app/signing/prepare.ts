import { ConflictError, UnprocessableError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { SIGNING_WINDOW_MS, type SignerKind, type SigningSession } from '#domain/signing/session';
import { DEFAULT_STAMP_PLACEMENT, type StampPlacement } from '#domain/signing/stamp';
import type { SignatureAlgorithm, SigningCredential } from '#domain/signing/ports';
import type { PdfSigningEngine } from '#domain/signing/engine';
import type { Dependencies, RequestContext } from '../context.ts';
import { outgoing } from '../documents/outgoing-workflow.ts';
import { allFilesOf } from '../files/read-files.ts';
import { pdfToSign, readStored, sha256Hex, signingMaterial, storePdf } from './pdf-files.ts';
import { remoteCall, secretRefusal } from './refusals.ts';
import { isSecret } from '#domain/documents/document';
import { bucketLayout } from '#domain/files/layout';

/** What the leader's device or the remote service will sign with. */
export type SignerRequest = { readonly kind: 'client'; readonly certificates: readonly string[] } | { readonly kind: 'remote'; readonly credentialId: string };

export interface PrepareRequest {
  /** The PDF to sign; default: the document's latest stored PDF. */
  readonly fileId?: string;
  readonly signer: SignerRequest;
  /** Where the number and date will be written, when the header is not where Phụ lục I puts it on A4. */
  readonly stamp?: StampPlacement;
}

/** What the signer must sign, and how to complete. */
export interface PreparedSigning {
  readonly signingId: string;
  readonly documentId: string;
  readonly fileId: string;
  readonly expiresAt: string;
  /** Base64 SHA-256 of the DER signed attributes: sign exactly this hash (pre-hashed, SHA-256). */
  readonly hash: string;
  readonly hashAlgorithm: 'SHA-256';
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** Base64 DER signed attributes of the CMS: the bytes to be signed (a signer that hashes itself signs these). */
  readonly toBeSigned: string;
  /** Base64 SHA-256 of the PDF bytes the signature covers: for a signing plugin that builds its own CMS (complete with `cms`). */
  readonly documentDigest: string;
  readonly signer: { readonly kind: 'client' | 'remote'; readonly commonName: string; readonly certificateSha256: string; readonly notAfter: string };
}

/**
 * Prepares the leader's personal signature of an outgoing document (deferred signing): reads its PDF,
 * adds in one incremental update the empty number and date fields (Phụ lục I, ô 3 and ô 4) and a signature
 * field whose /Contents is reserved, and returns the hash of the signed attributes for the signer's key —
 * a USB token through the portal (client) or a remote signing service. Nothing about the document changes
 * until `completeSignature`. The first signature of a file certifies it (DocMDP P=2): after it, only form
 * filling (the number and date) and signatures are permitted.
 *
 * @throws {ConflictError} `not-signable` unless the document is submitted or approved.
 * @throws {UnprocessableError} `no-pdf`, `unknown-credential`, `bad-certificate`, `signature-not-valid` (the PDF already carries a failing signature).
 */
export async function prepareSignature(deps: Dependencies, ctx: RequestContext, documentId: string, request: PrepareRequest): Promise<PreparedSigning> {
  authorize(ctx.principal, 'document.approve');
  const document = await outgoing(deps, ctx, documentId);
  if (isSecret(document)) throw secretRefusal();
  if (document.status !== 'submitted' && document.status !== 'approved') {
    throw new ConflictError('not-signable', `Văn bản đang ở trạng thái "${document.status}": chỉ ký văn bản đã trình hoặc đã duyệt.`, { details: { status: document.status } });
  }
  // A second signature (KT., a co-signer) goes on the PDF already signed through vanthu, unless a file is named.
  const source = pdfToSign(await allFilesOf(deps, document.id), request.fileId ?? document.signedFile?.fileId);
  if (source.verification === undefined) {
    throw new ConflictError('not-verified-yet', 'Tệp PDF vừa tải lên chưa được kiểm tra chữ ký; hãy thử lại sau giây lát.', { details: { fileId: source.fileId } });
  }
  const earlier = source.verification.report.signatures;
  const earlierCount = Array.isArray(earlier) ? earlier.length : 0;
  if (Array.isArray(earlier) && earlier.some((line) => (line as { certificationLevel?: unknown }).certificationLevel === 1)) {
    throw new UnprocessableError('certified-no-changes', 'Tệp PDF đã được chứng thực không cho phép thay đổi (DocMDP P=1): không thể ký thêm hay ghi số lên tệp này.', {
      details: { fileId: source.fileId },
    });
  }
  if (source.verification !== undefined && earlierCount > 0 && source.verification.verdict !== 'TOTAL_PASSED') {
    throw new UnprocessableError('signature-not-valid', 'Tệp PDF đã có chữ ký số không hợp lệ; không ký thêm lên tệp này.', {
      details: { fileId: source.fileId, verdict: source.verification.verdict },
    });
  }
  const { credential, signer } = await credentialOf(deps, await deps.signing.engine(), request.signer);
  const [signerCertificate] = credential.certificates;
  if (signerCertificate === undefined) throw badCertificate('Không có chứng thư số của người ký.');
  const engine = await deps.signing.engine();
  const described = describe(engine, signerCertificate);
  await assertBound(deps, ctx, request.signer, described.sha256);
  const algorithm = credential.algorithms[0];
  if (algorithm === undefined) throw badCertificate('Khóa của chứng thư số không dùng được để ký (chỉ RSA hoặc ECDSA P-256).');
  const now = deps.clock.now();
  const pdf = await readStored(deps, source.objectKey, source.actualSha256 ?? source.sha256, source.size, source.versionId);
  const prepared = await engine.preparePersonal(pdf, {
    fieldName: `vanthu.ky.${deps.ids.next()}`,
    signerName: described.commonName,
    reason: 'Ký số văn bản (chữ ký số cá nhân của người có thẩm quyền)',
    signingTime: now,
    certificates: credential.certificates,
    crls: await remoteCall(() => deps.signing.revocation.crls(credential.certificates)),
    stamp: request.stamp ?? DEFAULT_STAMP_PLACEMENT,
    stampFieldsExpected: source.fileId === document.signedFile?.fileId,
    ...(earlierCount === 0 ? { certificationLevel: 2 as const } : {}),
  });
  const signingId = deps.ids.next();
  const preparedKey = `${bucketLayout.signingPrefix}${document.id}/${signingId}.pdf`;
  await storePdf(deps, preparedKey, prepared.bytes);
  const material = signingMaterial({ signedAttributes: prepared.signedAttributes, certificates: credential.certificates });
  const materialKey = `${bucketLayout.signingPrefix}${document.id}/${signingId}.json`;
  await deps.files.content.storeObject(materialKey, material, 'application/json');
  const session: SigningSession = {
    documentId: document.id,
    signingId,
    signer,
    sourceFileId: source.fileId,
    documentVersion: document.version,
    preparedKey,
    preparedSha256: sha256Hex(prepared.bytes),
    preparedSize: prepared.bytes.length,
    hole: prepared.hole,
    materialKey,
    materialSha256: sha256Hex(material),
    materialSize: material.length,
    hash: Buffer.from(prepared.hash).toString('base64'),
    algorithm,
    signerName: described.commonName,
    preparedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SIGNING_WINDOW_MS).toISOString(),
    status: 'prepared',
    version: 1,
  };
  await deps.signing.sessions.create(session);
  return {
    signingId,
    documentId: document.id,
    fileId: source.fileId,
    expiresAt: session.expiresAt,
    hash: session.hash,
    hashAlgorithm: 'SHA-256',
    signatureAlgorithm: algorithm,
    toBeSigned: Buffer.from(prepared.signedAttributes).toString('base64'),
    documentDigest: Buffer.from(prepared.documentDigest).toString('base64'),
    signer: { kind: signer.kind, commonName: described.commonName, certificateSha256: described.sha256, notAfter: described.notAfter },
  };
}

async function credentialOf(deps: Dependencies, engine: PdfSigningEngine, request: SignerRequest): Promise<{ credential: SigningCredential; signer: SignerKind }> {
  if (request.kind === 'remote') {
    if (!(await deps.signing.settings()).remoteSigner) {
      throw new UnprocessableError('remote-signer-not-configured', 'Hệ thống chưa cấu hình dịch vụ ký số từ xa; hãy ký bằng thiết bị ký số (USB token).', {
        errors: [{ path: 'body.signer.kind', message: 'Chưa có dịch vụ ký số từ xa.' }],
      });
    }
    const credential = await remoteCall(async () => (await deps.signing.remote()).credential(request.credentialId));
    if (credential === undefined) {
      throw new UnprocessableError('unknown-credential', 'Dịch vụ ký số từ xa không có chứng thư số này.', {
        errors: [{ path: 'body.signer.credentialId', message: 'Không tìm thấy chứng thư số trên dịch vụ ký số từ xa.' }],
      });
    }
    return { credential, signer: { kind: 'remote', credentialId: request.credentialId } };
  }
  const certificates = request.certificates.map((text) => new Uint8Array(Buffer.from(text, 'base64')));
  const [first] = certificates;
  if (first === undefined) throw badCertificate('Cần chứng thư số của người ký.');
  // Every certificate must read: the chain goes into the signature and its CRLs are looked up.
  for (const certificate of certificates) describe(engine, certificate);
  return { credential: { certificates, algorithms: describe(engine, first).algorithms }, signer: { kind: 'client' } };
}

/**
 * Ties the leader to what they sign with: once the agency's directory records a leader's credentials
 * (remote credential ids, SHA-256 of their certificates), only those prepare a signature; a leader with none
 * recorded signs with what they present, as before (docs/SIGNATURES.md).
 */
async function assertBound(deps: Pick<Dependencies, 'directory'>, ctx: RequestContext, signer: SignerRequest, certificateSha256: string): Promise<void> {
  const binding = (await deps.directory.getPeople(ctx.principal.organId, [ctx.principal.sub])).get(ctx.principal.sub)?.signing;
  if (binding === undefined || (binding.credentialIds.length === 0 && binding.certificates.length === 0)) return;
  const bound = signer.kind === 'remote' ? binding.credentialIds.includes(signer.credentialId) : binding.certificates.includes(certificateSha256.toLowerCase());
  if (bound) return;
  const path = signer.kind === 'remote' ? 'body.signer.credentialId' : 'body.signer.certificates.0';
  throw new UnprocessableError('signer-not-bound', 'Chứng thư số này không phải của bạn theo danh bạ cán bộ của cơ quan: hãy ký bằng chứng thư số đã đăng ký.', {
    errors: [{ path, message: 'Không thuộc các chứng thư số đã đăng ký cho bạn.' }],
  });
}

function describe(engine: PdfSigningEngine, certificate: Uint8Array): ReturnType<PdfSigningEngine['describeCertificate']> {
  try {
    return engine.describeCertificate(certificate);
  } catch {
    throw badCertificate('Chứng thư số của người ký không đọc được (cần DER, mã hóa base64).');
  }
}

function badCertificate(message: string): UnprocessableError {
  return new UnprocessableError('bad-certificate', message, { errors: [{ path: 'body.signer.certificates', message }] });
}
