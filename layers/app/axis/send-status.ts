import { createHash } from 'node:crypto';
import { createLogger } from '#observability/log';
import { AxisRejectedError } from '#domain/axis/errors';
import { buildStatus, EdxmlError } from '#edxml/index';
import type { Dependencies } from '../context.ts';
import { recordDeliveryStatus } from '../deliveries/record-status.ts';
import { statusPackageOf } from './packages.ts';

/**
 * Tells the sender of an incoming document its new status: a status package through the axis for other
 * systems, or directly on the sender's delivery for an agency of the city. Idempotent: a status already
 * known to the sender changes nothing there.
 */
export async function sendStatus(
  deps: Dependencies,
  input: { documentId: string; statusCode: '01' | '02' | '03' | '04' | '05' | '06' | '15' | '16'; description: string },
  correlationId: string,
): Promise<void> {
  const logger = createLogger({ correlationId, documentId: input.documentId, statusCode: input.statusCode });
  const document = await deps.documents.getDocument(input.documentId);
  if (document === undefined || document.direction !== 'incoming' || document.source === undefined) {
    logger.warn('no sender to tell: not a received document');
    return;
  }
  const { source } = document;
  const now = deps.clock.now();
  if (source.channel === 'internal' && source.senderDocumentId !== undefined) {
    await recordDeliveryStatus(deps, {
      documentId: source.senderDocumentId,
      recipientOrgId: document.organId,
      code: input.statusCode,
      at: now.toISOString(),
      description: input.description,
      source: { channel: 'internal', organId: document.organId },
    });
    return;
  }
  if (source.channel !== 'axis' || source.fromOrganId === undefined) return;
  const receiver = (await deps.agencies.getMany([document.organId])).get(document.organId);
  let xml: string;
  try {
    // Strict: the sender's identifiers are answered as they came (QĐ 20 codes, enterprise ids pass), ours must be clean.
    xml = buildStatus(statusPackageOf(document, receiver, input.statusCode, input.description, now));
  } catch (error) {
    if (!(error instanceof EdxmlError)) throw error;
    logger.error('the status package could not be built; the sender is not told', { reason: error.message });
    return;
  }
  const body = new TextEncoder().encode(xml);
  try {
    await deps.axis().sendEdoc({ body, sha256Hex: createHash('sha256').update(body).digest('hex'), messageType: 'status', to: [source.fromOrganId], from: document.organId });
  } catch (error) {
    if (!(error instanceof AxisRejectedError)) throw error;
    logger.error('the axis refused the status package', { code: error.errorCode, reason: error.errorDesc });
  }
}
