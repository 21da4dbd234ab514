import { fileExtension, fileFormats } from './format.ts';

/**
 * A file of a document (tệp đính kèm / bản điện tử): the bytes live in the bucket under a key that is
 * never reused, the table keeps what the uploader declared and what was found on arrival. A file moves
 * `pending` → `stored` or `rejected` once, and never changes again: its content is never replaced.
 */
export const fileStatuses = ['pending', 'stored', 'rejected'] as const;
export type FileStatus = (typeof fileStatuses)[number];

/**
 * Why an uploaded object was refused. The object is kept (evidence), the file is marked. `extension-mismatch`:
 * the file name's extension is not one of the declared type's; `content-mismatch`: the first bytes are not
 * those of the declared type; `unsupported-type`: no signature is known for the declared type (format.ts).
 */
export const rejectionCodes = [
  'size-mismatch',
  'checksum-mismatch',
  'content-type-mismatch',
  'extension-mismatch',
  'content-mismatch',
  'unsupported-type',
  'secret-document',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export interface FileRejection {
  readonly code: RejectionCode;
  readonly message: string;
}

/** The result of a PDF signature verification, kept with the file (see PdfVerifier). */
export interface FileVerification {
  /** ETSI EN 319 102-1 indication of the whole document. */
  readonly verdict: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  readonly verifiedAt: string;
  /** The verifier's full report (layers/signature), stored as evidence. */
  readonly report: Readonly<Record<string, unknown>>;
}

export interface DocumentFile {
  readonly documentId: string;
  readonly fileId: string;
  /** Object key in the bucket: `files/<documentId>/<fileId>` (see fileObjectKey). */
  readonly objectKey: string;
  readonly fileName: string;
  readonly contentType: string;
  /** Declared size in bytes. */
  readonly size: number;
  /** Declared SHA-256 of the content, lower-case hex. */
  readonly sha256: string;
  readonly status: FileStatus;
  readonly uploadedBy: { readonly sub: string; readonly name: string };
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-lock version of the File item. */
  readonly version: number;
  /** What arrived, once the upload was checked. */
  readonly actualSha256?: string;
  readonly actualSize?: number;
  /** The bucket's version id of the checked object, when the bucket is versioned. */
  readonly versionId?: string;
  readonly checkedAt?: string;
  readonly rejection?: FileRejection;
  readonly verification?: FileVerification;
}

/** What checking an upload adds to a pending file. */
export interface UploadCheck {
  readonly status: 'stored' | 'rejected';
  readonly actualSha256: string;
  readonly actualSize: number;
  readonly versionId?: string;
  readonly checkedAt: string;
  readonly rejection?: FileRejection;
  readonly verification?: FileVerification;
}

/** An object-created event: the key, and the version when the bucket is versioned. */
export interface UploadedObject {
  readonly key: string;
  readonly versionId?: string;
}

/** What was read from the bucket for a file. */
export interface ArrivedContent {
  readonly sha256: string;
  readonly size: number;
  /** Content-Type the object was stored with, if the bucket reports one. */
  readonly contentType?: string;
  /** The first bytes of the content (up to FORMAT_HEAD_BYTES). */
  readonly head: Uint8Array;
}

/**
 * Compares what arrived with what was declared; the first difference decides: size, hash, stored type,
 * then whether the file name and the first bytes are those of the declared type.
 *
 * @example
 * judgeUpload(file, { sha256: file.sha256, size: file.size, head: Buffer.from('%PDF-1.7') }) // undefined for a PDF named *.pdf
 */
export function judgeUpload(declared: Pick<DocumentFile, 'size' | 'sha256' | 'contentType' | 'fileName'>, arrived: ArrivedContent): FileRejection | undefined {
  if (arrived.size !== declared.size) {
    return { code: 'size-mismatch', message: `the upload has ${arrived.size} bytes, not the declared ${declared.size}` };
  }
  if (arrived.sha256 !== declared.sha256) {
    return { code: 'checksum-mismatch', message: `the content's SHA-256 is ${arrived.sha256}, not the declared ${declared.sha256}` };
  }
  if (arrived.contentType !== undefined && normaliseType(arrived.contentType) !== declared.contentType) {
    return { code: 'content-type-mismatch', message: `the file was stored as ${arrived.contentType}, not the declared ${declared.contentType}` };
  }
  return judgeFormat(declared, arrived.head);
}

/** The declared type against the file name and the first bytes, in words a clerk can act on. */
function judgeFormat(declared: Pick<DocumentFile, 'contentType' | 'fileName'>, head: Uint8Array): FileRejection | undefined {
  const format = fileFormats[declared.contentType];
  if (format === undefined) {
    return {
      code: 'unsupported-type',
      message: `Hệ thống không kiểm tra được nội dung loại tệp ${declared.contentType} nên không lưu tệp này. Hãy chuyển tệp sang định dạng được chấp nhận (PDF, Word, ảnh, ZIP, XML) rồi tải lên lại.`,
    };
  }
  const extension = fileExtension(declared.fileName);
  if (!format.extensions.includes(extension)) {
    const found = extension === '' ? 'không có phần mở rộng' : `có phần mở rộng ${extension}`;
    return {
      code: 'extension-mismatch',
      message: `Tên tệp ${found}, không khớp với loại tệp đã khai báo là ${format.label} (${format.extensions.join(', ')}). Hãy đặt lại tên tệp cho đúng hoặc khai báo đúng loại tệp, rồi tải lên lại.`,
    };
  }
  if (!format.starts(head)) {
    return {
      code: 'content-mismatch',
      message: `Nội dung tệp không phải là ${format.label} như đã khai báo: phần đầu tệp không đúng định dạng này. Tệp có thể đã bị đổi tên hoặc bị hỏng; hãy kiểm tra và tải lên lại tệp gốc.`,
    };
  }
  return undefined;
}

function normaliseType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}
