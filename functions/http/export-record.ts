import { dependencies } from '#adapters/dependencies';
import { exportRecordXml } from '#app/records/read-records';
import { exportRecordContract } from '#http/contracts/records';
import { httpRoute } from '#http/route';

/** GET /records/{id}/export?format=xml — answered raw, as an XML file, not JSON. */
export const handler = httpRoute(exportRecordContract, async ({ params, principal, correlationId, requestId }) => {
  const file = await exportRecordXml(dependencies(), { principal, correlationId, requestId }, params.id);
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
