import { DeleteObjectCommand, GetObjectCommand, ObjectLockRetentionMode, PutObjectCommand, PutObjectRetentionCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileContentStore, PresignedDownload, PresignedUpload, StoredObject } from '#domain/files/ports';
import { attachmentDisposition } from './content-disposition.ts';
import { uploadStream } from './stream-upload.ts';

/**
 * Signed into the upload URL as headers, so S3 refuses a PUT whose type, length or SHA-256 differs from
 * the announcement, or that would land on an existing key. The presigner leaves content-type unsigned
 * and hoists x-amz-* headers into the query, where S3 does not check a checksum; both are overridden.
 */
const SIGNED_HEADERS = new Set(['content-type', 'content-length']);
const KEPT_AS_HEADERS = new Set(['x-amz-checksum-sha256', 'x-amz-sdk-checksum-algorithm']);

/**
 * FileContentStore on the S3 bucket. The client and bucket name are resolved on first use: every
 * function builds its dependencies, but only those bound to the bucket have its name.
 *
 * @example
 * const content = new S3FileContentStore(s3Client, () => required(env.bucketName));
 * const upload = await content.presignUpload({ key, contentType: 'application/pdf', size, sha256, expiresInSeconds: 900, now: new Date() });
 */
export class S3FileContentStore implements FileContentStore {
  constructor(
    private readonly client: () => S3Client,
    private readonly bucketName: () => string,
    /** Signs the URLs browsers use (the same client unless the local runtime relays them). */
    private readonly presigner: () => S3Client = client,
  ) {}

  async presignUpload(request: { key: string; contentType: string; size: number; sha256: string; expiresInSeconds: number; now: Date }): Promise<PresignedUpload> {
    const checksum = Buffer.from(request.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: this.bucketName(),
      Key: request.key,
      ContentType: request.contentType,
      ContentLength: request.size,
      ChecksumSHA256: checksum,
      // Create only: a second PUT to the same URL cannot replace what was uploaded.
      IfNoneMatch: '*',
    });
    const url = await getSignedUrl(this.presigner(), command, {
      expiresIn: request.expiresInSeconds,
      signingDate: request.now,
      signableHeaders: SIGNED_HEADERS,
      unhoistableHeaders: KEPT_AS_HEADERS,
    });
    return {
      method: 'PUT',
      url,
      expiresAt: expiry(request.now, request.expiresInSeconds),
      headers: { 'content-type': request.contentType, 'content-length': String(request.size), 'x-amz-checksum-sha256': checksum, 'if-none-match': '*' },
    };
  }

  async presignDownload(request: { key: string; versionId?: string; fileName: string; contentType: string; expiresInSeconds: number; now: Date }): Promise<PresignedDownload> {
    const command = new GetObjectCommand({
      Bucket: this.bucketName(),
      Key: request.key,
      ...(request.versionId === undefined ? {} : { VersionId: request.versionId }),
      ResponseContentDisposition: attachmentDisposition(request.fileName),
      ResponseContentType: request.contentType,
    });
    const url = await getSignedUrl(this.presigner(), command, { expiresIn: request.expiresInSeconds, signingDate: request.now });
    return { url, expiresAt: expiry(request.now, request.expiresInSeconds) };
  }

  async destroyObject(key: string, versionId?: string): Promise<void> {
    // With a version id the version is removed for good (not hidden behind a delete marker).
    await this.client().send(new DeleteObjectCommand({ Bucket: this.bucketName(), Key: key, ...(versionId === undefined ? {} : { VersionId: versionId }) }));
  }

  async retain(key: string, versionId: string | undefined, until: Date): Promise<void> {
    await this.client().send(
      new PutObjectRetentionCommand({
        Bucket: this.bucketName(),
        Key: key,
        ...(versionId === undefined ? {} : { VersionId: versionId }),
        Retention: { Mode: ObjectLockRetentionMode.GOVERNANCE, RetainUntilDate: until },
      }),
    );
  }

  async storeObject(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }> {
    const result = await this.client().send(new PutObjectCommand({ Bucket: this.bucketName(), Key: key, Body: body, ContentType: contentType }));
    return result.VersionId === undefined ? {} : { versionId: result.VersionId };
  }

  /** One PutObject up to 8 MiB, a multipart upload beyond (stream-upload.ts); one part in memory at a time. */
  async storeStream(key: string, body: AsyncIterable<Uint8Array>, contentType: string): Promise<{ versionId?: string; size: number; sha256: string }> {
    return uploadStream({ client: this.client(), bucket: this.bucketName(), key, contentType }, body);
  }

  async open(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const result = await this.client().send(new GetObjectCommand({ Bucket: this.bucketName(), Key: key, ...(versionId === undefined ? {} : { VersionId: versionId }) }));
      const body: unknown = result.Body;
      if (!isAsyncIterable(body)) throw new Error(`GetObject ${key} returned no readable body`);
      return {
        body,
        ...(result.VersionId === undefined || result.VersionId === 'null' ? {} : { versionId: result.VersionId }),
        ...(result.ContentType === undefined ? {} : { contentType: result.ContentType }),
      };
    } catch (error) {
      if (error instanceof Error && ['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes(error.name)) return undefined;
      throw error;
    }
  }
}

function expiry(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
