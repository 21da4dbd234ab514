import type { DocumentFile, FileRejection, FileStatus, FileVerification } from '#domain/files/file';

/** A file as the API shows it: the item without storage details, `verification` null until verified. */
export interface FileView {
  readonly fileId: string;
  readonly documentId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly status: FileStatus;
  readonly uploadedBy: { readonly sub: string; readonly name: string };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly actualSha256?: string;
  readonly actualSize?: number;
  readonly versionId?: string;
  readonly checkedAt?: string;
  readonly rejection?: FileRejection;
  readonly verification: FileVerification | null;
  /** Presigned GET, only for stored files. */
  readonly downloadUrl?: string;
  readonly downloadExpiresAt?: string;
}

/**
 * @example
 * fileView(file, { url, expiresAt }) // { fileId, …, verification: null, downloadUrl: url, downloadExpiresAt: expiresAt }
 */
export function fileView(file: DocumentFile, download?: { url: string; expiresAt: string }): FileView {
  const { objectKey: _key, version: _version, verification, ...shown } = file;
  return {
    ...shown,
    verification: verification ?? null,
    ...(download === undefined ? {} : { downloadUrl: download.url, downloadExpiresAt: download.expiresAt }),
  };
}
