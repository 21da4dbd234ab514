/** edXML packages for the axis tests (sample agency codes, not real data). */
import { createHash } from 'node:crypto';
import { buildEdocToBuffer, buildStatus } from '#edxml/index';

export const HANOI = '000.00.00.H26';
export const HANOI_DEPARTMENT = '000.00.01.H26';
export const GOVERNMENT_OFFICE = '000.00.00.G22';
export const MINISTRY = '000.00.00.G12';

export interface TestPackage {
  readonly bytes: Buffer;
  readonly sha256Hex: string;
  readonly documentId: string;
}

/** A document package from `from` to `to`, numbered `number`, with an optional attachment of `attachmentBytes`. */
export async function edocPackage(options: { from: string; to: readonly string[]; number: number; attachmentBytes?: number }): Promise<TestPackage> {
  const documentId = `${options.from},2026/01/05,${options.number}/QĐ-UBND`;
  const attachments =
    options.attachmentBytes === undefined
      ? []
      : [{ contentId: 'cid:1', attachmentName: 'qd.pdf', contentType: 'application/pdf', payload: Buffer.alloc(options.attachmentBytes, options.number % 251) }];
  const bytes = await buildEdocToBuffer({
    from: { organId: options.from, organName: 'Cơ quan gửi' },
    to: options.to.map((organId) => ({ organId, organName: 'Cơ quan nhận' })),
    documentId,
    code: { codeNumber: String(options.number), codeNotation: 'QĐ-UBND' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-01-05' },
    subject: `Văn bản thử nghiệm số ${options.number}`,
    traceHeaderList: { traceHeader: [{ organId: options.from, timestamp: '2026-01-05T01:02:03Z' }], bussiness: { bussinessDocType: 0 } },
    attachments,
  });
  return { bytes, sha256Hex: sha256(bytes), documentId };
}

/** A 01 (arrived) status package from `from` answering `documentId`. */
export function statusPackage(options: { from: string; documentId: string }): TestPackage {
  const issuer = options.documentId.split(',')[0] ?? '';
  const bytes = Buffer.from(
    buildStatus({
      responseFor: { organId: issuer, documentId: options.documentId, code: '1/QĐ-UBND', promulgationDate: '2026-01-05' },
      from: { organId: options.from, organName: 'Cơ quan nhận' },
      statusCode: '01',
      timestamp: '2026-01-06T08:00:00+07:00',
    }),
  );
  return { bytes, sha256Hex: sha256(bytes), documentId: options.documentId };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
