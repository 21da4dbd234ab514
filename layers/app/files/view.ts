import type { DocumentFile, FileVerification } from '#domain/files/file';

/** A file as the API shows it: the item without storage details, `verification` null until verified. */
export type FileView = Omit<DocumentFile, 'objectKey' | 'version' | 'verification'> & {
  readonly verification: FileVerification | null;
  /** Presigned GET, only for stored files. */
  readonly downloadUrl?: string;
  readonly downloadExpiresAt?: string;
};

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
