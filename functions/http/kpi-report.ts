import { kpiReport } from '#app/kpi/reports';
import { kpiReportContract } from '#http/operations/kpi-report';
import { csvResponse } from '#http/csv-response';
import { httpRoute } from '#http/route';
import { agencies } from '#adapters/ports/agencies';
import { calendar } from '#adapters/ports/calendar';
import { clock } from '#adapters/ports/clock';
import { documents } from '#adapters/ports/documents';
import { kpi } from '#adapters/ports/kpi';
import { kpiTargets } from '#adapters/ports/kpi-targets';

const columns = [
  'Cấp',
  'Mã định danh',
  'Cơ quan',
  'Văn bản đến',
  'Văn bản đi',
  'Hoàn thành',
  'Đúng hạn',
  'Trễ hạn',
  'Đang quá hạn',
  'TB xử lý (giờ)',
  'Hồ sơ trực tuyến',
  'Hồ sơ giấy',
  'Tỷ lệ trực tuyến (%)',
  'Mục tiêu (%)',
  'Đạt',
];

/** GET /reports/kpi?year=&level=&format= */
export const handler = httpRoute(kpiReportContract, { agencies, calendar, clock, documents, kpi, kpiTargets }, async ({ deps, query, principal, correlationId, requestId }) => {
  const report = await kpiReport(deps, { principal, correlationId, requestId }, { year: query.year, ...(query.level === undefined ? {} : { level: query.level }) });
  if (query.format === 'json') return { ...report, levels: report.levels.map((l) => ({ ...l })), agencies: report.agencies.map((a) => ({ ...a })) };
  const rows = report.agencies.map((a) => ({
    Cấp: a.level,
    'Mã định danh': a.organId,
    'Cơ quan': a.name,
    'Văn bản đến': String(a.received),
    'Văn bản đi': String(a.issued),
    'Hoàn thành': String(a.finished),
    'Đúng hạn': String(a.finishedOnTime),
    'Trễ hạn': String(a.finishedLate),
    'Đang quá hạn': String(a.overdueNow),
    'TB xử lý (giờ)': String(a.averageProcessingHours ?? ''),
    'Hồ sơ trực tuyến': String(a.recordsClosedOnline),
    'Hồ sơ giấy': String(a.recordsClosedPaper),
    'Tỷ lệ trực tuyến (%)': String(a.onlineRate ?? ''),
    'Mục tiêu (%)': String(a.target),
    Đạt: a.meetsTarget === null ? '' : a.meetsTarget ? 'Đạt' : 'Chưa đạt',
  }));
  return csvResponse(`kpi-${query.year}.csv`, columns, rows, correlationId);
});
