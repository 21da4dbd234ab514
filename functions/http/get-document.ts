import { dependencies } from '#adapters/dependencies';
import { getDocument } from '#app/documents/read-documents';
import { getDocumentContract } from '#http/contracts/documents';
import { httpRoute } from '#http/route';

/** GET /documents/{id} */
export const handler = httpRoute(getDocumentContract, ({ params, principal, correlationId, requestId }) => getDocument(dependencies(), { principal, correlationId, requestId }, params.id));
