import { createHash } from 'node:crypto';
import type { Dependencies } from '#app/context';
import type { Document } from '#domain/documents/document';
import type { DocumentStore } from '#domain/documents/store';
import type { DocumentFile, FileVerification, UploadCheck } from '#domain/files/file';
import type { FileContentStore, FileStore, PdfVerifier, StoredObject } from '#domain/files/ports';
import { defaultFilePolicy } from '#domain/files/upload-request';
import type { Principal, Role } from '#domain/identity/principal';

/** In-memory ports for the files use cases; they record every call so tests can assert "nothing written". */
export const DOC_ID = '01JDOC0000000000000000000A';
export const FILE_ID = '01JF1LE000000000000000000A';
export const AGENCY = '000.00.91.H26';
export const NOW = new Date('2026-11-26T03:00:00.000Z');

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export function principal(roles: Role[], organId = AGENCY): Principal {
  return { sub: 'user-1', organId, roles, name: 'Nguyễn Văn A' };
}

export function incomingDocument(overrides: Partial<Extract<Document, { direction: 'incoming' }>> = {}): Document {
  return {
    id: DOC_ID,
    direction: 'incoming',
    organId: AGENCY,
    status: 'registered',
    issuer: { organName: 'Bộ Tài chính' },
    codeNumber: '15',
    codeNotation: 'QĐ-BTC',
    promulgationDate: '2026-11-20',
    typeName: 'Quyết định',
    subject: 'Giao dự toán',
    urgency: 'normal',
    secrecy: 'none',
    arrivalNumber: 1,
    arrivalYear: 2026,
    arrivalDate: '2026-11-26',
    channel: 'paper',
    registeredBy: { sub: 'clerk', name: 'Clerk' },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...overrides,
  };
}

export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, DocumentFile>();
  readonly settled: UploadCheck[] = [];

  async create(file: DocumentFile): Promise<void> {
    this.files.set(`${file.documentId}/${file.fileId}`, file);
  }

  async get(documentId: string, fileId: string): Promise<DocumentFile | undefined> {
    return this.files.get(`${documentId}/${fileId}`);
  }

  async list(documentId: string): Promise<{ items: DocumentFile[] }> {
    return { items: [...this.files.values()].filter((file) => file.documentId === documentId) };
  }

  async settle(file: DocumentFile, check: UploadCheck): Promise<DocumentFile | undefined> {
    const current = await this.get(file.documentId, file.fileId);
    if (current?.status !== 'pending' || current.version !== file.version) return undefined;
    this.settled.push(check);
    const updated = { ...current, ...check, updatedAt: check.checkedAt, version: current.version + 1 };
    this.files.set(`${file.documentId}/${file.fileId}`, updated);
    return updated;
  }

  async recordVerification(file: DocumentFile, verification: FileVerification): Promise<DocumentFile | undefined> {
    const current = await this.get(file.documentId, file.fileId);
    if (current === undefined || current.verification !== undefined || current.version !== file.version) return undefined;
    const updated = { ...current, verification, updatedAt: verification.verifiedAt, version: current.version + 1 };
    this.files.set(`${file.documentId}/${file.fileId}`, updated);
    return updated;
  }
}

/** Objects as lists of chunks, so reads are streamed the way S3 bodies are. */
export class MemoryContentStore implements FileContentStore {
  readonly objects = new Map<string, { chunks: Uint8Array[]; contentType?: string; versionId?: string }>();
  readonly presigned: Parameters<FileContentStore['presignUpload']>[0][] = [];
  opened = 0;

  async storeObject(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }> {
    this.put(key, body, { contentType });
    return {};
  }

  /** Keeps the chunks as they came (copied: a producer may reuse its buffers); nothing when the body throws. */
  async storeStream(key: string, body: AsyncIterable<Uint8Array>, contentType: string): Promise<{ versionId?: string; size: number; sha256: string }> {
    const hash = createHash('sha256');
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body) {
      hash.update(chunk);
      chunks.push(Uint8Array.from(chunk));
      size += chunk.length;
    }
    this.objects.set(key, { chunks, contentType });
    return { size, sha256: hash.digest('hex') };
  }

  async destroyObject(key: string): Promise<void> {
    if ((this.retained.get(key)?.getTime() ?? 0) > Date.now()) throw new Error(`AccessDenied: ${key} is under retention`);
    this.objects.delete(key);
  }

  /** Retention dates by key, as Object Lock keeps them (a later date extends, an earlier one is refused). */
  readonly retained = new Map<string, Date>();

  async retain(key: string, _versionId: string | undefined, until: Date): Promise<void> {
    if (!this.objects.has(key)) throw new Error(`NoSuchKey: ${key}`);
    const current = this.retained.get(key);
    if (current !== undefined && until < current) throw new Error(`AccessDenied: retention of ${key} cannot be shortened`);
    this.retained.set(key, until);
  }

  put(key: string, bytes: Uint8Array, options: { contentType?: string; versionId?: string; chunkSize?: number } = {}): void {
    const size = options.chunkSize ?? 7;
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
    this.objects.set(key, { chunks, ...options });
  }

  async presignUpload(request: Parameters<FileContentStore['presignUpload']>[0]) {
    this.presigned.push(request);
    return {
      method: 'PUT' as const,
      url: `https://bucket.example/${request.key}`,
      expiresAt: new Date(request.now.getTime() + request.expiresInSeconds * 1000).toISOString(),
      headers: { 'content-type': request.contentType },
    };
  }

  async presignDownload(request: Parameters<FileContentStore['presignDownload']>[0]) {
    return {
      url: `https://bucket.example/${request.key}?versionId=${request.versionId ?? ''}&ttl=${request.expiresInSeconds}`,
      expiresAt: new Date(request.now.getTime() + request.expiresInSeconds * 1000).toISOString(),
    };
  }

  async open(key: string): Promise<StoredObject | undefined> {
    const object = this.objects.get(key);
    if (object === undefined) return undefined;
    this.opened += 1;
    const chunks = object.chunks;
    return {
      body: (async function* () {
        yield* chunks;
      })(),
      ...(object.contentType === undefined ? {} : { contentType: object.contentType }),
      ...(object.versionId === undefined ? {} : { versionId: object.versionId }),
    };
  }
}

/** Dependencies with in-memory files and one document (or none); the other ports refuse to be used. */
export function fileDeps(options: { document?: Document; pdfVerifier?: PdfVerifier } = {}) {
  const store = new MemoryFileStore();
  const content = new MemoryContentStore();
  const refuse = () => {
    throw new Error('not used by the files use cases');
  };
  let ids = 0;
  // Only the ports the files use cases touch; the others (added by other areas) stay absent.
  const partial = {
    documents: {
      registerIncoming: refuse,
      listDocuments: refuse,
      history: refuse,
      getDocument: async (id: string) => (id === options.document?.id ? options.document : undefined),
    } as unknown as DocumentStore,
    files: { store, content, policy: defaultFilePolicy, uploadUrlSeconds: 900, ...(options.pdfVerifier === undefined ? {} : { pdfVerifier: options.pdfVerifier }) },
    clock: { now: () => NOW },
    ids: { next: () => `01JF1LE00000000000000000${String((ids += 1)).padStart(2, '0')}` },
  };
  const deps = partial satisfies Partial<Dependencies> as unknown as Dependencies;
  return { deps, store, content };
}

/** A pending file as createFileUpload records it. */
export function pendingFile(bytes: Uint8Array, overrides: Partial<DocumentFile> = {}): DocumentFile {
  return {
    documentId: DOC_ID,
    fileId: FILE_ID,
    objectKey: `files/${DOC_ID}/${FILE_ID}`,
    fileName: 'Quyết định 15.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: sha256Hex(bytes),
    status: 'pending',
    uploadedBy: { sub: 'user-1', name: 'Nguyễn Văn A' },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...overrides,
  };
}
