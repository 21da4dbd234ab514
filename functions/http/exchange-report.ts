import { exchangeReport } from '#app/kpi/reports';
import { exchangeReportContract } from '#http/operations/exchange-report';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { kpi } from '#adapters/ports/kpi';
import { kpiTargets } from '#adapters/ports/kpi-targets';

/** GET /reports/exchange?year=&format= */
export const handler = httpRoute(
  exchangeReportContract,
  { agencies, calendar, clock, documents, kpi, kpiTargets },
  async ({ deps, query, principal, correlationId, requestId }) => {
    const report = await exchangeReport(deps, { principal, correlationId, requestId }, { year: query.year });
    if (query.format === 'json') return { year: report.year, months: report.months.map((m) => ({ ...m })) };
    const channels = [...Object.keys(report.months[0]?.incoming ?? {}).map((c) => `đến:${c}`), ...Object.keys(report.months[0]?.outgoing ?? {}).map((c) => `đi:${c}`)];
    const rows = report.months.map((m) => ({
      Tháng: m.month,
      ...Object.fromEntries(Object.entries(m.incoming).map(([c, v]) => [`đến:${c}`, String(v)])),
      ...Object.fromEntries(Object.entries(m.outgoing).map(([c, v]) => [`đi:${c}`, String(v)])),
    }));
    return csvResponse(`trao-doi-${query.year}.csv`, ['Tháng', ...channels], rows, correlationId);
  },
);
