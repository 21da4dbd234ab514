import { exportRecordXml } from '#app/records/read-records';
import { exportRecordContract } from '#http/operations/export-record';
import { httpRoute } from '#http/route';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { records } from '#adapters/ports/records';

/** GET /records/{id}/export?format=xml — answered raw, as an XML file, not JSON. */
export const handler = httpRoute(exportRecordContract, { clock, documents, records }, async ({ deps, params, principal, correlationId, requestId }) => {
  const file = await exportRecordXml(deps, { principal, correlationId, requestId }, params.id);
  return {
    $response: {
      statusCode: exportRecordContract.status,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'x-correlation-id': correlationId,
      },
      body: file.body,
    },
  };
});
