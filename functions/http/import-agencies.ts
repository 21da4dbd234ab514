import { readJsonArray } from '#adapters/json-array-stream';
import { importCatalogue } from '#app/agencies/import-catalogue';
import { importAgenciesContract } from '#http/operations/import-agencies';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';

/**
 * POST /agencies/import — the body is read as a stream of rows. It is checked whole first (a body that is
 * not a JSON array changes nothing), then imported.
 */
export const handler = httpRoute(importAgenciesContract, { agencies, clock }, async ({ deps, event, principal, correlationId, requestId }) => {
  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  for await (const _row of readJsonArray([body])) void _row;
  const report = await importCatalogue(deps, { principal, correlationId, requestId }, readJsonArray([body]));
  return { ...report, rejections: [...report.rejections] };
});
