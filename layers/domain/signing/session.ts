import { ConflictError, ForbiddenError } from '../errors.ts';
import type { SignatureAlgorithm } from './ports.ts';

/** How long a prepared signature waits for its signer (a USB token's PIN, a phone's confirmation). */
export const SIGNING_WINDOW_MS = 15 * 60_000;

/** Who holds the personal key: the caller's own device (client) or a remote signing service. */
export type SignerKind = { readonly kind: 'client' } | { readonly kind: 'remote'; readonly credentialId: string };

/**
 * A personal signature being made (deferred signing): vanthu prepared the PDF with a reserved /Contents
 * and the signed attributes whose SHA-256 the signer signs; `complete` embeds the signature. Kept in the
 * document's partition (`SIGNING#<id>`), consumed once, in the transaction that stores the signed file.
 */
export interface SigningSession {
  readonly documentId: string;
  readonly signingId: string;
  readonly signer: SignerKind;
  /** The stored PDF that was prepared, and the document's version then (a change in between refuses completion). */
  readonly sourceFileId: string;
  readonly documentVersion: number;
  /** The prepared PDF in the bucket, its SHA-256 (hex) and the hole reserved for the CMS. */
  readonly preparedKey: string;
  readonly preparedSha256: string;
  readonly preparedSize: number;
  readonly hole: { readonly start: number; readonly end: number };
  /**
   * Where the signed attributes and the signer's chain are kept (JSON in the bucket, `{signedAttributes,
   * certificates}` as base64 DER): with the CRLs they carry they can exceed what a table item holds.
   */
  readonly materialKey: string;
  readonly materialSha256: string;
  readonly materialSize: number;
  /** SHA-256 (base64) of the DER signed attributes: what the signer signs. */
  readonly hash: string;
  readonly algorithm: SignatureAlgorithm;
  readonly signerName: string;
  readonly preparedBy: { readonly sub: string; readonly name: string };
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly status: 'prepared' | 'pending' | 'completed';
  /** A remote service's transaction that waits for the signer's confirmation. */
  readonly transactionId?: string;
  readonly version: number;
}

/** Sessions of deferred signatures; the completing write is part of the document's transaction. */
export interface SigningSessionStore {
  create(session: SigningSession): Promise<void>;
  get(documentId: string, signingId: string): Promise<SigningSession | undefined>;
  /** Records a remote request that waits for confirmation; false when the session changed meanwhile. */
  markPending(session: SigningSession, transactionId: string): Promise<boolean>;
}

/**
 * A session may be completed by whoever prepared it, once, before it expires, on the document version it
 * was prepared on. Throws 403 or 409 in words the leader reads.
 */
export function assertCompletable(session: SigningSession, caller: { readonly sub: string }, documentVersion: number, now: Date): void {
  if (session.preparedBy.sub !== caller.sub) throw new ForbiddenError('Chỉ người đã chuẩn bị chữ ký mới hoàn tất được chữ ký này.');
  if (session.status === 'completed') throw new ConflictError('signature-completed', 'Chữ ký này đã được hoàn tất.', { details: { signingId: session.signingId } });
  if (now.getTime() > Date.parse(session.expiresAt)) {
    throw new ConflictError('signature-expired', 'Phiên ký đã hết hạn (15 phút); hãy chuẩn bị ký lại.', {
      details: { signingId: session.signingId, expiresAt: session.expiresAt },
    });
  }
  if (documentVersion !== session.documentVersion) {
    throw new ConflictError('document-changed', 'Văn bản đã thay đổi sau khi chuẩn bị ký; hãy chuẩn bị ký lại.', {
      details: { signingId: session.signingId, preparedOnVersion: session.documentVersion, version: documentVersion },
    });
  }
}
