import { createLogger } from '#observability/log';
import { UnprocessableError, ValidationError } from '#domain/errors';
import { EdxmlError, type ParsedEdoc, type ParsedStatus } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { MAX_ID_LENGTH, PackageRefusal } from './trust.ts';

/**
 * What happens to a package the receiver does not take in: a record under `axis/refused/{docId}.json`, an
 * error log with the field `axisRefusal`, and (for a refusal) the fetch acknowledged `fail`.
 */

/** A DocumentId longer than this is refused: it becomes part of a key (and no real one comes near it). */
const MAX_DOCUMENT_ID_LENGTH = 200;

/**
 * Records a package that failed on every delivery of its message (the queue's last receive) under
 * `axis/refused/`, with why. It is NOT acknowledged: the failure may be ours (a service down for the whole
 * backoff), and a `fail` would lose a genuine document. The message goes to the dead-letter queue, whose
 * alarm calls an operator; the record says what happened.
 */
export async function recordGiveUp(deps: Dependencies, input: { docId: string; from?: string }, cause: unknown, correlationId: string): Promise<void> {
  const logger = createLogger({ correlationId, axisDocId: input.docId });
  const message = `Không tiếp nhận được gói tin sau nhiều lần thử: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 1000);
  await refusePackage(deps, { docId: input.docId, listingFrom: input.from ?? '?', refusal: new PackageRefusal('gave-up', message), acknowledge: false }, logger);
}

export async function refusePackage(
  deps: Dependencies,
  input: { docId: string; listingFrom: string; refusal: PackageRefusal; package?: { key: string; sha256: string; size: number }; acknowledge?: boolean },
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  const { refusal } = input;
  const record = {
    axisDocId: input.docId,
    listingFrom: input.listingFrom,
    reason: refusal.reason,
    message: refusal.message,
    details: refusal.details,
    ...(input.package === undefined ? {} : { package: input.package }),
    at: deps.clock.now().toISOString(),
  };
  await deps.files.content.storeObject(`axis/refused/${input.docId}.json`, new TextEncoder().encode(JSON.stringify(record, null, 2)), 'application/json');
  logger.error('axis package refused', { axisRefusal: refusal.reason, message: refusal.message, listingFrom: input.listingFrom, ...refusal.details });
  if (input.acknowledge ?? true) await deps.axis().updateStatus(input.docId, 'fail');
}

/**
 * What is final about a package: its own faults (EdxmlError) and what the domain refuses in it (a 02 without
 * its reason...). A sink that failed (S3 throttling) is not the package's fault: its cause goes up, retried.
 */
export function refusalOf(error: unknown): PackageRefusal | undefined {
  if (error instanceof PackageRefusal) return error;
  if (error instanceof EdxmlError && error.reason === 'attachment-sink-failed') throw error.cause ?? error;
  if (error instanceof EdxmlError) return new PackageRefusal('invalid-package', `Gói tin không đọc được (${error.reason}): ${error.message}`, { edxmlReason: error.reason });
  if (error instanceof ValidationError || error instanceof UnprocessableError)
    return new PackageRefusal('invalid-package', `Gói tin không hợp lệ: ${error.message}`, { problem: error.type });
  return undefined;
}

/** Identifiers the sender controls become keys and lookups: bounded before anything is done with them. */
export function checkBounds(parsed: ParsedEdoc | ParsedStatus): void {
  const documentId = parsed.kind === 'edoc' ? parsed.documentId : parsed.responseFor.documentId;
  if (documentId.length > MAX_DOCUMENT_ID_LENGTH)
    throw new PackageRefusal('invalid-package', `DocumentId dài ${documentId.length} ký tự, quá ${MAX_DOCUMENT_ID_LENGTH}.`, { documentIdLength: documentId.length });
  if (parsed.from.organId.length > MAX_ID_LENGTH) throw new PackageRefusal('invalid-package', `Mã đơn vị gửi dài ${parsed.from.organId.length} ký tự, quá ${MAX_ID_LENGTH}.`);
}
