import { addDocumentToRecord } from '#app/records/manage-records';
import { addRecordDocumentContract } from '#http/operations/add-record-document';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { records } from '#adapters/ports/records';

/** POST /records/{id}/documents */
export const handler = httpRoute(addRecordDocumentContract, { clock, documents, records }, ({ deps, params, body, principal, correlationId, requestId }) =>
  addDocumentToRecord(deps, { principal, correlationId, requestId }, params.id, body.documentId),
);
