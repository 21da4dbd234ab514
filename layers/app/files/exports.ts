import { bucketLayout } from '#domain/files/layout';
import type { Dependencies } from '../context.ts';

/** How long the address of an export (a printed register too large to answer inline) stays valid. */
const EXPORT_URL_SECONDS = 15 * 60;

/**
 * Keeps an export the system generated (under `exports/`, which the bucket expires after a day) and gives a
 * short-lived download address for it.
 */
export async function exportDownload(deps: Dependencies, key: string, bytes: Uint8Array, fileName: string, contentType: string): Promise<string> {
  const objectKey = `${bucketLayout.exportPrefix}${key}`;
  const stored = await deps.files.content.storeObject(objectKey, bytes, contentType);
  const download = await deps.files.content.presignDownload({
    key: objectKey,
    ...(stored.versionId === undefined ? {} : { versionId: stored.versionId }),
    fileName,
    contentType,
    expiresInSeconds: EXPORT_URL_SECONDS,
    now: deps.clock.now(),
  });
  return download.url;
}
