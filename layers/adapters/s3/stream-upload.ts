import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * Bytes held at once: one part. Above S3's 5 MiB minimum for every part but the last; 10,000 parts make
 * 80 GiB, far beyond any package.
 */
export const PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

export interface StreamUploadTarget {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
}

/**
 * Stores a stream of unknown length holding one part (8 MiB) at a time: up to one part it is a single
 * PutObject, beyond it a multipart upload whose parts are sent one after the other as they fill. Every
 * request carries the SHA-256 of its bytes, which S3 checks. On any failure — the source throws, a request
 * fails — the multipart upload is aborted (its parts deleted, no object created) and the error thrown again.
 *
 * @example
 * const { size, sha256 } = await uploadStream({ client, bucket, key: 'axis/inbox/D1.edxml', contentType: 'application/xml' }, await axis.openEdoc('D1'));
 */
export async function uploadStream(target: StreamUploadTarget, body: AsyncIterable<Uint8Array>): Promise<{ versionId?: string; size: number; sha256: string }> {
  const whole = createHash('sha256');
  const buffer = Buffer.allocUnsafe(PART_SIZE);
  let filled = 0;
  let size = 0;
  let upload: MultipartUpload | undefined;
  try {
    for await (const chunk of body) {
      whole.update(chunk);
      size += chunk.length;
      for (let at = 0; at < chunk.length; ) {
        // A full part followed by more bytes is not the last one: send it and reuse the buffer.
        if (filled === PART_SIZE) {
          upload ??= await MultipartUpload.start(target);
          await upload.send(buffer);
          filled = 0;
        }
        const taken = Math.min(PART_SIZE - filled, chunk.length - at);
        buffer.set(chunk.subarray(at, at + taken), filled);
        filled += taken;
        at += taken;
      }
    }
    const sha256 = whole.digest('hex');
    if (upload === undefined) {
      const result = await target.client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          Body: buffer.subarray(0, filled),
          ContentType: target.contentType,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        }),
      );
      return { ...version(result.VersionId), size, sha256 };
    }
    await upload.send(buffer.subarray(0, filled));
    const versionId = await upload.complete();
    return { ...version(versionId), size, sha256 };
  } catch (error) {
    if (upload !== undefined) await upload.abort(error);
    throw error;
  }
}

/** One multipart upload, its parts sent in order with their SHA-256 (composite checksum). */
class MultipartUpload {
  private readonly parts: CompletedPart[] = [];

  private constructor(
    private readonly target: StreamUploadTarget,
    private readonly uploadId: string,
  ) {}

  static async start(target: StreamUploadTarget): Promise<MultipartUpload> {
    const created = await target.client.send(
      new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, ContentType: target.contentType, ChecksumAlgorithm: 'SHA256' }),
    );
    if (created.UploadId === undefined) throw new Error(`CreateMultipartUpload ${target.key} returned no UploadId`);
    return new MultipartUpload(target, created.UploadId);
  }

  /** Sends the next part; `bytes` may be reused once this resolves. */
  async send(bytes: Uint8Array): Promise<void> {
    const partNumber = this.parts.length + 1;
    if (partNumber > MAX_PARTS) throw new Error(`${this.target.key} needs more than ${MAX_PARTS} parts of ${PART_SIZE} bytes`);
    const result = await this.target.client.send(
      new UploadPartCommand({
        Bucket: this.target.bucket,
        Key: this.target.key,
        UploadId: this.uploadId,
        PartNumber: partNumber,
        Body: bytes,
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
      }),
    );
    if (result.ETag === undefined) throw new Error(`UploadPart ${partNumber} of ${this.target.key} returned no ETag`);
    // The part's checksum goes back in the completion as S3 gave it (S3 requires it there once the upload
    // declared an algorithm; an emulator that does not echo it does not expect it either).
    this.parts.push({ PartNumber: partNumber, ETag: result.ETag, ...(result.ChecksumSHA256 === undefined ? {} : { ChecksumSHA256: result.ChecksumSHA256 }) });
  }

  /** Assembles the object; resolves its version id. */
  async complete(): Promise<string | undefined> {
    const result = await this.target.client.send(
      new CompleteMultipartUploadCommand({ Bucket: this.target.bucket, Key: this.target.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }),
    );
    return result.VersionId;
  }

  /**
   * Deletes the parts sent so far. The failure that made us abort is the one worth reporting: an abort that
   * fails too is attached to it (`cause` when it has none), and the bucket's lifecycle rule removes
   * incomplete uploads after 7 days (infra/constructs/data.ts).
   */
  async abort(reason: unknown): Promise<void> {
    try {
      await this.target.client.send(new AbortMultipartUploadCommand({ Bucket: this.target.bucket, Key: this.target.key, UploadId: this.uploadId }));
    } catch (abortError) {
      if (reason instanceof Error && reason.cause === undefined) reason.cause = abortError;
    }
  }
}

/** S3 says `null` for an object stored while versioning was off (the local emulator never versions). */
function version(versionId: string | undefined): { versionId?: string } {
  return versionId === undefined || versionId === 'null' ? {} : { versionId };
}
