import { dependencies } from '#adapters/dependencies';
import { addDocumentToRecord } from '#app/records/manage-records';
import { addRecordDocumentContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** POST /records/{id}/documents */
export const handler = httpRoute(addRecordDocumentContract, ({ params, body, principal, correlationId, requestId }) =>
  addDocumentToRecord(dependencies(), { principal, correlationId, requestId }, params.id, body.documentId),
);
