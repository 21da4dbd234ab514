import type { Delivery } from '#domain/deliveries/delivery';
import { ConflictError } from '#domain/errors';
import type { Dependencies } from '../context.ts';
import { recordDeliveryProblem } from './problem.ts';

/**
 * The delivery a status report (axis status package, `document.status` webhook) is about, found by the edXML
 * DocumentId the recipient quotes. The DocumentId carries the printed number and notation, which vanthu never
 * issues twice; should two deliveries still answer to it (data from before that rule, a sender's mistake),
 * the report is not applied to either: each delivery records the problem and the caller gets a 409.
 *
 * @throws {ConflictError} `ambiguous-document` when the DocumentId names more than one delivery.
 */
export async function deliveryForStatus(deps: Dependencies, edxmlDocumentId: string, recipientOrgId: string, correlationId: string): Promise<Delivery | undefined> {
  const found = await deps.deliveries.findByEdxmlId(edxmlDocumentId, recipientOrgId);
  if (found.length <= 1) return found[0];
  const message = `Gói tin trạng thái từ ${recipientOrgId} cho văn bản ${edxmlDocumentId} trùng với ${found.length} văn bản đã gửi; không áp dụng cho văn bản nào.`;
  for (const delivery of found) await recordDeliveryProblem(deps, delivery, 'ambiguous-status', message, correlationId);
  throw new ConflictError('ambiguous-document', message, { details: { edxmlDocumentId, documents: found.length } });
}
