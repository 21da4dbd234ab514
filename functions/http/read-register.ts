import { dependencies } from '#adapters/dependencies';
import { exportDownload } from '#app/files/exports';
import { readRegister, registerBook, registerCsv } from '#app/documents/registers';
import { registerContract } from '#http/contracts/registers';
import { csvResponse } from '#http/csv-response';
import { pdfResponse } from '#http/pdf-response';
import { httpRoute } from '#http/route';
import { registerPdfBytes } from '#print/register-pdf';

/** GET /registers/{incoming|outgoing}?year=&series=&format=json|csv|pdf */
export const handler = httpRoute(registerContract, async ({ params, query, principal, correlationId, requestId }) => {
  const deps = dependencies();
  const ctx = { principal, correlationId, requestId };
  const base = { direction: params.direction, year: query.year, ...(query.series === undefined ? {} : { series: query.series }) };
  const fileName = `so-van-ban-${params.direction === 'incoming' ? 'den' : 'di'}-${query.series ?? (params.direction === 'incoming' ? 'main' : 'general')}-${query.year}`;
  if (query.format === 'csv') {
    const { columns, rows } = await registerCsv(deps, ctx, base);
    return csvResponse(`${fileName}.csv`, columns, rows, correlationId);
  }
  if (query.format === 'pdf') {
    const bytes = await registerPdfBytes(await registerBook(deps, ctx, base));
    return pdfResponse(`${fileName}.pdf`, bytes, correlationId, (pdf) => exportDownload(deps, `registers/${principal.organId}/${fileName}-${Date.now()}.pdf`, pdf, `${fileName}.pdf`, 'application/pdf'));
  }
  const page = await readRegister(deps, ctx, { ...base, limit: query.limit, ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) });
  return { register: { series: page.register.series, name: page.register.name, secret: page.register.secret }, columns: page.columns, rows: page.rows.map((r) => ({ ...r })), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
});
