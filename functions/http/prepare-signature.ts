import { prepareSignature } from '#app/signing/prepare';
import { prepareSignatureContract } from '#http/operations/prepare-signature';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { directory } from '#adapters/ports/directory';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';
import { signing } from '#adapters/ports/signing';

/** POST /documents/{id}/signatures/prepare */
export const handler = httpRoute(prepareSignatureContract, { clock, directory, documents, files, ids, signing }, ({ deps, params, body, principal, correlationId, requestId }) =>
  prepareSignature(deps, { principal, correlationId, requestId }, params.id, body),
);
