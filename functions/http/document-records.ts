import { recordsOfDocument } from '#app/records/read-records';
import { documentRecordsContract } from '#http/operations/document-records';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { records } from '#adapters/ports/records';

/** GET /documents/{id}/records */
export const handler = httpRoute(documentRecordsContract, { clock, documents, records }, async ({ deps, params, principal, correlationId, requestId }) => ({
  items: [...(await recordsOfDocument(deps, { principal, correlationId, requestId }, params.id))],
}));
