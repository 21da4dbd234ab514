import type { Delivery } from '#domain/deliveries/delivery';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';
import { getDocument } from '../documents/read-documents.ts';

/**
 * The per-recipient deliveries of a document of the caller's agency, with each recipient's status and
 * its history; another agency's document is not found (agency scope of `getDocument`).
 *
 * @example
 * const { items } = await listDeliveries(deps, ctx, documentId);
 */
export async function listDeliveries(deps: Dependencies, ctx: RequestContext, documentId: string): Promise<{ items: readonly Delivery[] }> {
  authorize(ctx.principal, 'delivery.read');
  await getDocument(deps, ctx, documentId);
  const items = await deps.deliveries.listByDocument(documentId);
  return { items };
}
