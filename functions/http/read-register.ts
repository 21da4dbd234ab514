import { dependencies } from '#adapters/dependencies';
import { readRegister, registerCsv } from '#app/documents/registers';
import { registerContract } from '#http/contracts/registers';
import { httpRoute } from '#http/route';

/** GET /registers/{incoming|outgoing}?year=&format=json|csv */
export const handler = httpRoute(registerContract, async ({ params, query, principal, correlationId }) => {
  const ctx = { principal, correlationId };
  const base = { direction: params.direction, year: query.year, ...(query.series === undefined ? {} : { series: query.series }) };
  if (query.format === 'csv') {
    const csv = await registerCsv(dependencies(), ctx, base);
    return {
      $response: {
        statusCode: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="so-van-ban-${params.direction === 'incoming' ? 'den' : 'di'}-${query.year}.csv"`, 'x-correlation-id': correlationId },
        body: csv,
      },
    };
  }
  const page = await readRegister(dependencies(), ctx, { ...base, limit: query.limit, ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) });
  return { columns: [...page.columns], rows: page.rows.map((r) => ({ ...r })), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
