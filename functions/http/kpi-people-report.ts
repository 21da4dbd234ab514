import { kpiPeopleReport } from '#app/kpi/reports';
import { kpiPeopleReportContract } from '#http/operations/kpi-people-report';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';
import { kpi } from '#adapters/ports/kpi';

const columns = [
  'Loại',
  'Mã',
  'Tên',
  'Được giao chủ trì',
  'Hoàn thành',
  'Đúng hạn',
  'Trễ hạn',
  'Tỷ lệ đúng hạn (%)',
  'Đang quá hạn',
  'TB xử lý (giờ)',
  'Dự thảo',
  'Phát hành',
  'Thao tác',
];

/** GET /reports/kpi/people?year=&format= */
export const handler = httpRoute(kpiPeopleReportContract, { kpi }, async ({ deps, query, principal, correlationId, requestId }) => {
  const report = await kpiPeopleReport(deps, { principal, correlationId, requestId }, { year: query.year });
  if (query.format === 'json') return { ...report, rows: report.rows.map((r) => ({ ...r })) };
  const rows = report.rows.map((r) => ({
    Loại: r.kind === 'unit' ? 'Đơn vị' : 'Cá nhân',
    Mã: r.key,
    Tên: r.name ?? '',
    'Được giao chủ trì': String(r.assigned),
    'Hoàn thành': String(r.finished),
    'Đúng hạn': String(r.finishedOnTime),
    'Trễ hạn': String(r.finishedLate),
    'Tỷ lệ đúng hạn (%)': String(r.onTimeRate ?? ''),
    'Đang quá hạn': String(r.overdueNow),
    'TB xử lý (giờ)': String(r.averageProcessingHours ?? ''),
    'Dự thảo': String(r.drafted),
    'Phát hành': String(r.issued),
    'Thao tác': Object.entries(r.actions)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([action, count]) => `${action}: ${count}`)
      .join('; '),
  }));
  return csvResponse(`kpi-ca-nhan-don-vi-${query.year}-${report.organId}.csv`, columns, rows, correlationId);
});
