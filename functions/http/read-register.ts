import { exportDownload } from '#app/files/exports';
import { readRegister, registerBook, registerCsv } from '#app/documents/registers';
import { registerContract } from '#http/operations/read-register';
import { csvResponse } from '#http/csv-response';
import { pdfResponse } from '#http/pdf-response';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { files } from '#adapters/ports/files';
import { numbering } from '#adapters/ports/numbering';

/** GET /registers/{incoming|outgoing}?year=&series=&format=json|csv|pdf */
export const handler = httpRoute(registerContract, { agencies, clock, documents, files, numbering }, async ({ deps, params, query, principal, correlationId, requestId }) => {
  const ctx = { principal, correlationId, requestId };
  const base = { direction: params.direction, year: query.year, ...(query.series === undefined ? {} : { series: query.series }) };
  const fileName = `so-van-ban-${params.direction === 'incoming' ? 'den' : 'di'}-${query.series ?? (params.direction === 'incoming' ? 'main' : 'general')}-${query.year}`;
  if (query.format === 'csv') {
    const { columns, rows } = await registerCsv(deps, ctx, base);
    return csvResponse(`${fileName}.csv`, columns, rows, correlationId);
  }
  if (query.format === 'pdf') {
    // The printer is an engine: loaded for a PDF only, never for JSON or CSV.
    const { registerPdfBytes } = await import('#engines/register-pdf');
    const bytes = await registerPdfBytes(await registerBook(deps, ctx, base));
    return pdfResponse(`${fileName}.pdf`, bytes, correlationId, (pdf) =>
      exportDownload(deps, `registers/${principal.organId}/${fileName}-${Date.now()}.pdf`, pdf, `${fileName}.pdf`, 'application/pdf'),
    );
  }
  const page = await readRegister(deps, ctx, { ...base, limit: query.limit, ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) });
  return {
    register: { series: page.register.series, name: page.register.name, secret: page.register.secret },
    columns: page.columns,
    rows: page.rows.map((r) => ({ ...r })),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
});
