import { dependencies } from '#adapters/dependencies';
import { readRegister, registerCsv } from '#app/documents/registers';
import { registerContract } from '#http/contracts/registers';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';

/** GET /registers/{incoming|outgoing}?year=&format=json|csv */
export const handler = httpRoute(registerContract, async ({ params, query, principal, correlationId }) => {
  const ctx = { principal, correlationId };
  const base = { direction: params.direction, year: query.year, ...(query.series === undefined ? {} : { series: query.series }) };
  if (query.format === 'csv') {
    const { columns, rows } = await registerCsv(dependencies(), ctx, base);
    return csvResponse(`so-van-ban-${params.direction === 'incoming' ? 'den' : 'di'}-${query.year}.csv`, columns, rows, correlationId);
  }
  const page = await readRegister(dependencies(), ctx, { ...base, limit: query.limit, ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) });
  return { columns: [...page.columns], rows: page.rows.map((r) => ({ ...r })), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
