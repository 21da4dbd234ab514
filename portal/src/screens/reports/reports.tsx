import { api, data } from '../../api/client.ts';
import { ErrorBox, Loading, Page } from '../../components/ui.tsx';
import { vnDate } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { asJson, DownloadButton, MoreButton, TableWrap, usePages, YearPicker, yearOf } from '../registers/common.tsx';
import { KpiChart, percentText, type KpiBar } from './kpi-chart.tsx';

/** The levels of the city's targets, in the order the report shows them. */
const levels = ['city', 'district', 'commune'] as const;

// GET /reports/kpi answers its levels and agencies as open objects: read each number and word with a check.
type Row = Readonly<Record<string, unknown>>;
const numberIn = (row: Row, key: string): number | null => {
  const value = row[key];
  return typeof value === 'number' ? value : null;
};
const textIn = (row: Row, key: string): string => {
  const value = row[key];
  return typeof value === 'string' ? value : '';
};
const metIn = (row: Row): boolean | null => {
  const value = row['meetsTarget'];
  return typeof value === 'boolean' ? value : null;
};
const count = (value: number | null) => (value === null ? '' : String(value));
const met = (value: boolean | null) => (value === null ? 'Chưa có số liệu' : value ? 'Đạt' : 'Chưa đạt');

const hours = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** The two reports of the portal: the KPIs of a year and the overdue documents of today. */
function ReportsNav({ current }: { readonly current: 'kpi' | 'overdue' }) {
  return (
    <nav aria-label="Các báo cáo" className="subnav">
      <ul>
        <li>
          <a href="#/reports" aria-current={current === 'kpi' ? 'page' : undefined}>
            Chỉ số xử lý văn bản, hồ sơ
          </a>
        </li>
        <li>
          <a href="#/reports/overdue" aria-current={current === 'overdue' ? 'page' : undefined}>
            Văn bản quá hạn
          </a>
        </li>
      </ul>
    </nav>
  );
}

/**
 * Báo cáo (`/reports?year=2026`): for each level (city, district, commune) the online-processing rate of each
 * agency against the level's target, as a chart and as a table; then the KPIs per person and unit.
 */
export function KpiReport({ query }: { readonly query: URLSearchParams }) {
  const year = yearOf(query);
  const kpi = useLoad(async () => asJson(await data(api.GET('/reports/kpi', { params: { query: { year } } }))), [year]);
  const people = useLoad(async () => asJson(await data(api.GET('/reports/kpi/people', { params: { query: { year } } }))), [year]);
  return (
    <Page title="Báo cáo">
      <ReportsNav current="kpi" />
      <YearPicker id="reports-year" year={year} path="/reports" />
      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title">Tỷ lệ hồ sơ công việc xử lý trực tuyến năm {year}</h2>
        <p>
          Mục tiêu của thành phố: cấp thành phố {kpi.value?.targets['city'] ?? 90} %, cấp huyện {kpi.value?.targets['district'] ?? 80} %, cấp xã{' '}
          {kpi.value?.targets['commune'] ?? 60} % hồ sơ công việc được xử lý trên môi trường mạng.
        </p>
        <p>
          <DownloadButton
            fetchFile={() => api.GET('/reports/kpi', { params: { query: { year, format: 'csv' } }, parseAs: 'blob' })}
            fallbackName={`kpi-${year}.csv`}
            testId="kpi-csv"
          >
            Tải CSV chỉ số theo cơ quan
          </DownloadButton>
        </p>
        <ErrorBox error={kpi.error} />
        {kpi.loading && kpi.value === undefined ? <Loading what="báo cáo" /> : null}
        {kpi.value === undefined
          ? null
          : levels.map((level) => {
              const report = kpi.value;
              if (report === undefined) return null;
              const summary = report.levels.find((row) => row['level'] === level);
              const agencies = report.agencies.filter((row) => row['level'] === level);
              const target = report.targets[level] ?? numberIn(summary ?? {}, 'target') ?? 0;
              const bars: KpiBar[] = agencies.map((row) => ({
                organId: textIn(row, 'organId'),
                name: textIn(row, 'name') || textIn(row, 'organId'),
                rate: numberIn(row, 'onlineRate'),
                meetsTarget: metIn(row),
              }));
              const levelName = label('reportLevel', level);
              return (
                <section key={level} aria-labelledby={`kpi-${level}`} className="card" data-level={level}>
                  <h3 id={`kpi-${level}`}>
                    {levelName} — mục tiêu {target} %
                  </h3>
                  {summary === undefined ? null : numberIn(summary, 'onlineRate') === null ? (
                    <p>Cả cấp: chưa có hồ sơ công việc nào kết thúc trong năm.</p>
                  ) : (
                    <p>
                      Cả cấp: {percentText(numberIn(summary, 'onlineRate'))} ({met(metIn(summary)).toLowerCase()}); {count(numberIn(summary, 'agenciesMeetingTarget'))}/
                      {count(numberIn(summary, 'agencies'))} cơ quan đạt mục tiêu.
                    </p>
                  )}
                  {bars.length === 0 ? (
                    <p className="muted">Chưa có số liệu của cơ quan nào ở cấp này trong năm {year}.</p>
                  ) : (
                    <>
                      <KpiChart levelName={levelName} year={year} target={target} bars={bars} />
                      <TableWrap label={`Số liệu ${levelName.toLowerCase()}`}>
                        <table data-testid={`kpi-table-${level}`}>
                          <caption>
                            Số liệu của biểu đồ: {levelName.toLowerCase()}, năm {year}
                          </caption>
                          <thead>
                            <tr>
                              <th scope="col">Cơ quan</th>
                              <th scope="col">Hồ sơ trực tuyến</th>
                              <th scope="col">Hồ sơ giấy</th>
                              <th scope="col">Tỷ lệ trực tuyến</th>
                              <th scope="col">Mục tiêu</th>
                              <th scope="col">Kết quả</th>
                              <th scope="col">Văn bản đến</th>
                              <th scope="col">Văn bản đi</th>
                              <th scope="col">Hoàn thành đúng hạn</th>
                              <th scope="col">Hoàn thành trễ hạn</th>
                              <th scope="col">Đang quá hạn</th>
                            </tr>
                          </thead>
                          <tbody>
                            {agencies.map((row) => (
                              <tr key={textIn(row, 'organId')}>
                                <th scope="row">
                                  {textIn(row, 'name') || textIn(row, 'organId')}
                                  <br />
                                  <small className="muted">{textIn(row, 'organId')}</small>
                                </th>
                                <td>{count(numberIn(row, 'recordsClosedOnline'))}</td>
                                <td>{count(numberIn(row, 'recordsClosedPaper'))}</td>
                                <td>{percentText(numberIn(row, 'onlineRate'))}</td>
                                <td>{percentText(numberIn(row, 'target') ?? target)}</td>
                                <td>{met(metIn(row))}</td>
                                <td>{count(numberIn(row, 'received'))}</td>
                                <td>{count(numberIn(row, 'issued'))}</td>
                                <td>{count(numberIn(row, 'finishedOnTime'))}</td>
                                <td>{count(numberIn(row, 'finishedLate'))}</td>
                                <td>{count(numberIn(row, 'overdueNow'))}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </TableWrap>
                    </>
                  )}
                </section>
              );
            })}
      </section>
      <section aria-labelledby="people-title">
        <h2 id="people-title">Chỉ số theo cá nhân và đơn vị năm {year}</h2>
        <p>
          <DownloadButton
            fetchFile={() => api.GET('/reports/kpi/people', { params: { query: { year, format: 'csv' } }, parseAs: 'blob' })}
            fallbackName={`kpi-ca-nhan-${year}.csv`}
            testId="kpi-people-csv"
          >
            Tải CSV chỉ số theo cá nhân, đơn vị
          </DownloadButton>
        </p>
        <ErrorBox error={people.error} />
        {people.loading && people.value === undefined ? <Loading what="chỉ số cá nhân" /> : null}
        {people.value?.rows.length === 0 ? <p className="muted">Chưa có văn bản nào được giao xử lý trong năm {year}.</p> : null}
        {people.value === undefined || people.value.rows.length === 0 ? null : (
          <TableWrap label="Chỉ số theo cá nhân và đơn vị">
            <table data-testid="kpi-people">
              <caption className="visually-hidden">Chỉ số theo cá nhân và đơn vị năm {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Cá nhân, đơn vị</th>
                  <th scope="col">Được giao chủ trì</th>
                  <th scope="col">Hoàn thành</th>
                  <th scope="col">Đúng hạn</th>
                  <th scope="col">Trễ hạn</th>
                  <th scope="col">Tỷ lệ đúng hạn</th>
                  <th scope="col">Đang quá hạn</th>
                  <th scope="col">Thời gian xử lý trung bình</th>
                  <th scope="col">Dự thảo</th>
                  <th scope="col">Đã phát hành</th>
                </tr>
              </thead>
              <tbody>
                {people.value.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {row.name ?? row.key}
                      <br />
                      <small className="muted">{label('assigneeKind', row.kind)}</small>
                    </th>
                    <td>{row.assigned}</td>
                    <td>{row.finished}</td>
                    <td>{row.finishedOnTime}</td>
                    <td>{row.finishedLate}</td>
                    <td>{percentText(row.onTimeRate)}</td>
                    <td>{row.overdueNow}</td>
                    <td>{row.averageProcessingHours === null ? '' : `${hours.format(row.averageProcessingHours)} giờ`}</td>
                    <td>{row.drafted}</td>
                    <td>{row.issued}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </Page>
  );
}

/** Văn bản quá hạn (`/reports/overdue`): who holds what, since when, how many working days late. */
export function OverdueReport() {
  const overdue = usePages(async (nextToken) => {
    const page = asJson(await data(api.GET('/reports/overdue', { params: { query: nextToken === undefined ? {} : { nextToken } } })));
    return { items: page.items.map((item) => ({ ...item, asOf: page.asOf })), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
  }, []);
  const asOf = overdue.items[0]?.asOf;
  return (
    <Page title="Văn bản quá hạn">
      <ReportsNav current="overdue" />
      <p>
        <DownloadButton fetchFile={() => api.GET('/reports/overdue', { params: { query: { format: 'csv' } }, parseAs: 'blob' })} fallbackName="van-ban-qua-han.csv">
          Tải CSV văn bản quá hạn
        </DownloadButton>
      </p>
      <ErrorBox error={overdue.error} />
      {overdue.loading && overdue.items.length === 0 ? <Loading what="văn bản quá hạn" /> : null}
      {!overdue.loading && overdue.error === undefined && overdue.items.length === 0 ? <p className="muted">Không có văn bản nào quá hạn.</p> : null}
      {overdue.items.length === 0 ? null : (
        <TableWrap label="Văn bản quá hạn">
          <table data-testid="overdue">
            <caption>Văn bản đến quá hạn xử lý{asOf === undefined ? '' : `, tính đến ngày ${vnDate(asOf)}`}</caption>
            <thead>
              <tr>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Trích yếu</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Người, đơn vị giữ</th>
                <th scope="col">Từ ngày</th>
                <th scope="col">Hạn xử lý</th>
                <th scope="col">Số ngày làm việc quá hạn</th>
              </tr>
            </thead>
            <tbody>
              {overdue.items.map((item) => (
                <tr key={item.documentId}>
                  <td>{item.notation}</td>
                  <td>
                    <a href={`#/documents/${item.documentId}`}>{item.subject}</a>
                  </td>
                  <td>{label('incomingStatus', item.status)}</td>
                  <td>{item.holder}</td>
                  <td>{vnDate(item.since)}</td>
                  <td>{vnDate(item.dueDate)}</td>
                  <td>{item.daysLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton more={overdue.more} what="văn bản" />
    </Page>
  );
}
