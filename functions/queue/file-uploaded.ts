import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { composePorts } from '#adapters/ports/compose';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/verified-files';
import { ids } from '#adapters/ports/ids';
import { emitMetric } from '#observability/log';
import { createdObjects } from '#adapters/s3/notification';
import { parseBody, processBatch } from '#adapters/sqs/batch';
import { verifyRequestSchema, verifyStoredFile } from '#app/files/verify-received';
import { retainOriginal, retainRequestSchema } from '#app/files/retain-original';
import { optional } from '#adapters/config';
import { env } from '#adapters/environment';
import type { Dependencies } from '#app/context';
import { checkUploadedObject, type UploadCheckOutcome } from '#app/files/check-upload';
import { instrumented } from '#observability/invocation';

/** The ports of this worker, built on first use (layers/adapters/ports/compose.ts). */
const deps = composePorts('file-uploaded', { clock, documents, files, ids });

/**
 * Consumer of the fileUploaded queue: S3 object-created notifications (each uploaded object checked against
 * its announced size and SHA-256, PDF signatures verified), requests to verify a stored file (a PDF
 * received from the axis, see layers/app/files/verify-received.ts), and requests to put an issued original
 * under retention (layers/app/files/retain-original.ts).
 */
export const handler = instrumented('fileUploaded', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return checkUploads(deps, event);
});

/** The batch loop, with its dependencies passed in (tests give fakes). */
export async function checkUploads(deps: Pick<Dependencies, 'files' | 'clock' | 'documents'>, event: SQSEvent): Promise<SQSBatchResponse> {
  return processBatch(event, { operation: 'fileUploaded' }, async (record, log) => {
    const retain = retainRequestSchema.safeParse(parseBody(record.body));
    if (retain.success) {
      const outcome = await retainOriginal(deps, retain.data, { years: retentionYears() });
      log.info('issued original retained', { documentId: retain.data.documentId, ...outcome });
      emitMetric('OriginalsRetained', outcome.kind === 'retained' ? 1 : 0, 'Count');
      return;
    }
    const request = verifyRequestSchema.safeParse(parseBody(record.body));
    if (request.success) {
      const outcome = await verifyStoredFile(deps, request.data.verify);
      log.info('received file verified', {
        ...request.data.verify,
        outcome: outcome.kind,
        ...(outcome.kind === 'verified' ? { verdict: outcome.file.verification?.verdict } : { reason: outcome.reason }),
      });
      return;
    }
    for (const object of createdObjects(record.body)) {
      const outcome = await checkUploadedObject(deps, object);
      log.info('upload checked', { key: object.key, ...summary(outcome) });
      emitMetric('FilesChecked', 1, 'Count', { outcome: outcome.kind === 'settled' ? outcome.file.status : outcome.kind });
    }
  });
}

function summary(outcome: UploadCheckOutcome): Record<string, unknown> {
  if (outcome.kind === 'ignored') return { outcome: outcome.kind, reason: outcome.reason };
  return { outcome: outcome.kind, status: outcome.file.status, documentId: outcome.file.documentId, fileId: outcome.file.fileId, rejection: outcome.file.rejection?.code };
}

/** The stage's Object Lock years for issued originals; none locally (the emulator has no Object Lock). */
function retentionYears(): number | undefined {
  const years = Number(optional(env.issuedRetentionYears));
  return Number.isInteger(years) && years > 0 ? years : undefined;
}
