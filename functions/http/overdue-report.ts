import { overdueReport } from '#app/kpi/reports';
import { overdueReportContract } from '#http/operations/overdue-report';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { kpi } from '#adapters/ports/kpi';
import { kpiTargets } from '#adapters/ports/kpi-targets';

const columns = ['Số ký hiệu', 'Trích yếu', 'Người/đơn vị giữ', 'Từ ngày', 'Hạn xử lý', 'Trễ (ngày làm việc)', 'Trạng thái'];

/** GET /reports/overdue?format= */
export const handler = httpRoute(overdueReportContract, { agencies, calendar, clock, documents, kpi, kpiTargets }, async ({ deps, query, principal, correlationId, requestId }) => {
  const report = await overdueReport(
    deps,
    { principal, correlationId, requestId },
    { limit: query.limit, ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) },
  );
  if (query.format === 'json') return { ...report, items: report.items.map((i) => ({ ...i })) };
  const rows = report.items.map((i) => ({
    'Số ký hiệu': i.notation,
    'Trích yếu': i.subject,
    'Người/đơn vị giữ': i.holder,
    'Từ ngày': i.since.slice(0, 10),
    'Hạn xử lý': i.dueDate,
    'Trễ (ngày làm việc)': String(i.daysLate),
    'Trạng thái': i.status,
  }));
  return csvResponse(`qua-han-${report.asOf}.csv`, columns, rows, correlationId);
});
