import { createHash } from 'node:crypto';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import type { SignaturePolicy } from '#domain/documents/signature-policy';
import { UnprocessableError } from '#domain/errors';
import type { DocumentFile } from '#domain/files/file';
import type { SigningCredential } from '#domain/signing/ports';
import type { PdfSigningEngine } from '#domain/signing/engine';
import { DEFAULT_PLACE_NAME, DEFAULT_STAMP_PLACEMENT, numberLine, placeDateLine } from '#domain/signing/stamp';
import type { Dependencies, RequestContext } from '../context.ts';
import { allFilesOf } from '../files/read-files.ts';
import { assertAllPassed } from './complete.ts';
import { signatureEvidence, type SignatureEvidence } from './evidence.ts';
import { readStored, storeProducedPdf } from './pdf-files.ts';
import { remoteCall } from './refusals.ts';

/** What an issue will do to the document's signed PDF, checked before a number is taken. */
export interface IssueSealPlan {
  readonly policy: SignaturePolicy;
  readonly source: DocumentFile;
  readonly pdf: Uint8Array;
  /** The agency's sealing credential and the CRLs of its chain, under `leader-and-agency`. */
  readonly seal?: { readonly credential: SigningCredential; readonly crls: readonly Uint8Array[] };
}

/**
 * Checks what the policy requires before issuing (nothing is numbered when it refuses): under `leader`
 * and `leader-and-agency`, the PDF the leader signed through vanthu (`signedFile`, set by
 * completeSignature; a file uploaded after it is not issued), its signatures all TOTAL_PASSED; under
 * `leader-and-agency`, the agency's sealing key and certificate configured. Undefined
 * under `none` (local demos) and for secret documents (they carry no content).
 *
 * @throws {UnprocessableError} `signature-required`, `agency-seal-not-configured`.
 */
export async function planIssueSeal(deps: Dependencies, document: OutgoingDocument, policy: SignaturePolicy): Promise<IssueSealPlan | undefined> {
  if (policy === 'none') return undefined;
  const files = await allFilesOf(deps, document.id);
  const refuse = (why: string, fileId?: string) =>
    new UnprocessableError(
      'signature-required',
      `Chưa phát hành được văn bản: ${why}. Chính sách "${policy}" cần tệp PDF có chữ ký số của người có thẩm quyền, đã xác thực hợp lệ.`,
      {
        details: { policy, ...(fileId === undefined ? {} : { fileId }) },
      },
    );
  const signed = document.signedFile;
  if (signed === undefined) throw refuse('lãnh đạo chưa ký số văn bản trên hệ thống (POST /documents/{id}/signatures/prepare, rồi /complete)');
  // The file the leader signed, whatever was uploaded after it: an issue seals only what the leader signed.
  const source = files.find((f) => f.fileId === signed.fileId && f.status === 'stored' && (f.actualSha256 ?? f.sha256) === signed.sha256);
  if (source === undefined) throw refuse('không tìm thấy tệp PDF lãnh đạo đã ký', signed.fileId);
  const { verification } = source;
  if (verification === undefined) throw refuse('tệp PDF chưa được xác thực chữ ký (hãy thử lại sau giây lát)', source.fileId);
  const lines = (Array.isArray(verification.report.signatures) ? verification.report.signatures : []) as readonly { indication?: unknown }[];
  if (lines.length === 0) throw refuse('tệp PDF chưa có chữ ký số', source.fileId);
  const failing = lines.findIndex((line) => line.indication !== 'TOTAL_PASSED');
  if (failing >= 0 || verification.verdict !== 'TOTAL_PASSED') {
    throw refuse(`chữ ký thứ ${failing + 1} của tệp PDF là ${String(lines[Math.max(0, failing)]?.indication ?? verification.verdict)}`, source.fileId);
  }
  const pdf = await readStored(deps, source.objectKey, source.actualSha256 ?? source.sha256, source.size, source.versionId);
  if (policy === 'leader') return { policy, source, pdf };
  const credential = await deps.signing.sealer.credential(document.organId);
  if (credential === undefined || credential.certificates.length === 0) {
    throw new UnprocessableError(
      'agency-seal-not-configured',
      'Cơ quan chưa có khóa và chứng thư số để đóng dấu điện tử (chữ ký số của cơ quan); quản trị viên cần cấu hình (docs/DEPLOY.md).',
      {
        details: { organId: document.organId },
      },
    );
  }
  return { policy, source, pdf, seal: { credential, crls: await deps.signing.revocation.crls(credential.certificates) } };
}

/** The issued original, stored, and what the history keeps of its seal. */
export interface IssuedOriginal {
  readonly file: DocumentFile;
  readonly seal?: SignatureEvidence;
}

/**
 * Writes the number and date on the signed PDF (Phụ lục I, ô 3 and ô 4) as an incremental update that
 * keeps the leader's signature valid, then applies the agency's signature (PAdES, one KMS Sign call, an
 * RFC 3161 signature timestamp when a TSA is configured), verifies the result — every signature must
 * pass — and stores it as a new file with its evidence. Called inside the numbered write: if anything here
 * fails, no number is taken.
 */
export async function stampAndSeal(
  deps: Dependencies,
  ctx: RequestContext,
  document: OutgoingDocument & { readonly issue: NonNullable<OutgoingDocument['issue']> },
  plan: IssueSealPlan,
  placeName: string | undefined,
): Promise<IssuedOriginal> {
  const now = deps.clock.now();
  const { issue } = document;
  const seal = plan.seal;
  const engine = await deps.signing.engine();
  const prepared = await engine.prepareIssue(plan.pdf, {
    numberLine: numberLine(issue.codeNumber, issue.codeNotation),
    dateLine: placeDateLine(placeName ?? DEFAULT_PLACE_NAME, issue.issueDate),
    placement: DEFAULT_STAMP_PLACEMENT,
    signingTime: now,
    ...(seal === undefined
      ? {}
      : {
          seal: {
            fieldName: `vanthu.dau.${issue.year}.${issue.codeNumber}`,
            signerName: sealerName(engine, seal.credential, document.organId),
            reason: `Phát hành văn bản số ${issue.codeNumber}/${issue.codeNotation}`,
            certificates: seal.credential.certificates,
            crls: seal.crls,
          },
        }),
  });
  let bytes = prepared.bytes;
  if (seal !== undefined && prepared.seal !== undefined) {
    const algorithm = seal.credential.algorithms[0] ?? 'rsa-pkcs1-sha256';
    const signature = await deps.signing.sealer.sign(document.organId, prepared.seal.hash, algorithm);
    const timestamper = await deps.signing.timestamper();
    const timestampToken = timestamper === undefined ? undefined : await remoteCall(() => timestamper.timestamp(new Uint8Array(createHash('sha256').update(signature).digest())));
    bytes = engine.embed(prepared.seal, {
      signedAttributes: prepared.seal.signedAttributes,
      signature,
      algorithm,
      certificates: seal.credential.certificates,
      ...(timestampToken === undefined ? {} : { timestampToken }),
    });
  }
  const verification = await engine.verify(bytes, now);
  assertAllPassed(verification, 'Văn bản đã đóng dấu số');
  const file = await storeProducedPdf(deps, ctx, document.id, plan.source, bytes, verification);
  const sealed = prepared.seal;
  return {
    file,
    ...(seal === undefined || sealed === undefined
      ? {}
      : { seal: signatureEvidence(verification, verification.report.signatures.length - 1, file, 'agency', { bytes, hole: sealed.hole }) }),
  };
}

/** The agency's name as its certificate states it (the /Name of the seal). */
function sealerName(engine: PdfSigningEngine, credential: SigningCredential, organId: string): string {
  const [certificate] = credential.certificates;
  return certificate === undefined ? organId : engine.describeCertificate(certificate).commonName;
}
