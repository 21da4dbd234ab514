import { getDocument } from '#app/documents/read-documents';
import { getDocumentContract } from '#http/operations/get-document';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';

/** GET /documents/{id} */
export const handler = httpRoute(getDocumentContract, { clock, documents }, ({ deps, params, principal, correlationId, requestId }) =>
  getDocument(deps, { principal, correlationId, requestId }, params.id),
);
