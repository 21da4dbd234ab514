import type { Page } from '../documents/store.ts';
import type { DocumentFile, FileVerification, UploadCheck } from './file.ts';
import type { FilePolicy } from './upload-request.ts';

/** The ports of the files area, one field of the use cases' Dependencies. */
export interface FilePorts {
  readonly store: FileStore;
  readonly content: FileContentStore;
  readonly policy: FilePolicy;
  /** Lifetime of a presigned upload URL (infra/definitions.ts `bucket.uploadUrlSeconds`). */
  readonly uploadUrlSeconds: number;
  /** Verifies the signatures of uploaded PDFs; without one, PDFs are stored with `verification` unset. */
  readonly pdfVerifier?: PdfVerifier;
}

/** File items of the table (docs/DATA.md: `DOC#<id>` / `FILE#<fileId>`). */
export interface FileStore {
  /** Writes a new file; never overwrites one. */
  create(file: DocumentFile): Promise<void>;
  get(documentId: string, fileId: string): Promise<DocumentFile | undefined>;
  /** The document's files in upload order. */
  list(documentId: string, page: { readonly limit: number; readonly nextToken?: string }): Promise<Page<DocumentFile>>;
  /**
   * Records the check of an upload, only if the file is still the pending version that was read, and
   * resolves the updated file; undefined, changing nothing, when it is not (another delivery of the
   * event got there first).
   */
  settle(file: DocumentFile, check: UploadCheck): Promise<DocumentFile | undefined>;
  /**
   * Records the signature verification of a stored file not verified yet (a received attachment), only if
   * the file is the version that was read and has none; undefined, changing nothing, when it is not.
   */
  recordVerification(file: DocumentFile, verification: FileVerification): Promise<DocumentFile | undefined>;
}

/** The bucket, seen from the use cases: presigned URLs and streamed reads, never whole files in memory. */
export interface FileContentStore {
  /** A URL that accepts exactly one PUT of the announced bytes, with the headers the client must send. */
  presignUpload(request: { key: string; contentType: string; size: number; sha256: string; expiresInSeconds: number; now: Date }): Promise<PresignedUpload>;
  /** A URL that downloads one version of an object under its original file name. */
  presignDownload(request: { key: string; versionId?: string; fileName: string; contentType: string; expiresInSeconds: number; now: Date }): Promise<PresignedDownload>;
  /** Opens an object (a version of it, if given) for reading; undefined when there is none. */
  open(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /**
   * Destroys one version of an uploaded object for good: only for content the system must not keep (a secret
   * document's upload that raced its classification). Everything else is evidence and never deleted.
   */
  destroyObject(key: string, versionId?: string): Promise<void>;
  /** Stores bytes the system itself received (an axis package, its attachments); returns the version id, if any. */
  storeObject(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }>;
  /**
   * Stores a stream of unknown length (a package as the axis sends it, an attachment as the parser decodes
   * it) in bounded memory, and resolves its size and SHA-256 (hex) once the object exists. If the stream
   * throws, or the store fails, no object or version is created under `key` and the error is thrown again.
   */
  storeStream(key: string, body: AsyncIterable<Uint8Array>, contentType: string): Promise<{ versionId?: string; size: number; sha256: string }>;
  /**
   * Keeps one version of an object from deletion and overwrite until `until` (S3 Object Lock, governance
   * mode: only a principal allowed to bypass governance can shorten it). A later date extends it; an
   * earlier one is refused by the bucket.
   */
  retain(key: string, versionId: string | undefined, until: Date): Promise<void>;
}

export interface PresignedUpload {
  readonly method: 'PUT';
  readonly url: string;
  readonly expiresAt: string;
  /** Headers the upload must carry exactly as given; they are part of the signature. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface PresignedDownload {
  readonly url: string;
  readonly expiresAt: string;
}

export interface StoredObject {
  readonly body: AsyncIterable<Uint8Array>;
  readonly versionId?: string;
  readonly contentType?: string;
}

/**
 * Signature verification of an uploaded PDF (implemented by layers/signature). It receives an opener, not
 * the bytes, so that it decides how much it reads into memory.
 */
export interface PdfVerifier {
  verify(file: {
    readonly documentId: string;
    readonly fileId: string;
    readonly size: number;
    readonly sha256: string;
    open(): Promise<AsyncIterable<Uint8Array>>;
  }): Promise<FileVerification>;
}
