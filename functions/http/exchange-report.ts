import { dependencies } from '#adapters/dependencies';
import { exchangeReport } from '#app/kpi/reports';
import { exchangeReportContract } from '#http/contracts/reports';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';

/** GET /reports/exchange?year=&format= */
export const handler = httpRoute(exchangeReportContract, async ({ query, principal, correlationId, requestId }) => {
  const report = await exchangeReport(dependencies(), { principal, correlationId, requestId }, { year: query.year });
  if (query.format === 'json') return { year: report.year, months: report.months.map((m) => ({ ...m })) };
  const channels = [...Object.keys(report.months[0]?.incoming ?? {}).map((c) => `đến:${c}`), ...Object.keys(report.months[0]?.outgoing ?? {}).map((c) => `đi:${c}`)];
  const rows = report.months.map((m) => ({
    'Tháng': m.month,
    ...Object.fromEntries(Object.entries(m.incoming).map(([c, v]) => [`đến:${c}`, String(v)])),
    ...Object.fromEntries(Object.entries(m.outgoing).map(([c, v]) => [`đi:${c}`, String(v)])),
  }));
  return csvResponse(`trao-doi-${query.year}.csv`, ['Tháng', ...channels], rows, correlationId);
});
