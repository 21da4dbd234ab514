import { issueOutgoing } from '#app/documents/issue';
import { issueContract } from '#http/operations/issue-outgoing';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { ids } from '#adapters/ports/ids';
import { numbering } from '#adapters/ports/numbering';
import { outbox } from '#adapters/ports/outbox';
import { queue } from '#adapters/ports/queue';
import { signing } from '#adapters/ports/signing';

/** POST /documents/{id}/issue */
export const handler = httpRoute(
  issueContract,
  { clock, documents, files, ids, numbering, outbox, queue, signing },
  ({ deps, params, body, principal, correlationId, requestId }) => issueOutgoing(deps, { principal, correlationId, requestId }, params.id, body ?? {}),
);
