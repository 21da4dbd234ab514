import { useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox, Loading, Page } from '../../components/ui.tsx';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { asJson, DownloadButton, MoreButton, TableWrap, usePages, YearPicker, yearOf } from './common.tsx';

type Direction = 'incoming' | 'outgoing';

/** The fetch of a register as a file (CSV with BOM, or the printable PDF), with the session's token. */
function registerFile(direction: Direction, year: number, series: string | undefined, format: 'csv' | 'pdf') {
  return api.GET('/registers/{direction}', {
    params: { path: { direction }, query: { year, format, ...(series === undefined ? {} : { series }) } },
    parseAs: 'blob',
  });
}

function registerLink(direction: Direction, year: number, series: string): string {
  return `#/registers/${direction}?${new URLSearchParams({ year: String(year), series }).toString()}`;
}

/** Sổ văn bản (`/registers`): every register and series of a year, its numbers, and its files. */
export function RegisterList({ query }: { readonly query: URLSearchParams }) {
  const year = yearOf(query);
  const registers = useLoad(() => data(api.GET('/registers', { params: { query: { year } } })), [year]);
  return (
    <Page title="Sổ văn bản">
      <YearPicker id="registers-year" year={year} path="/registers" />
      <ErrorBox error={registers.error} />
      {registers.loading && registers.value === undefined ? <Loading what="sổ văn bản" /> : null}
      {registers.value === undefined ? null : (
        <TableWrap label={`Sổ văn bản năm ${year}`}>
          <table data-testid="register-list">
            <caption>Các sổ đăng ký văn bản năm {year}</caption>
            <thead>
              <tr>
                <th scope="col">Sổ</th>
                <th scope="col">Loại sổ</th>
                <th scope="col">Số mục</th>
                <th scope="col">Từ số</th>
                <th scope="col">Đến số</th>
                <th scope="col">Tải về</th>
              </tr>
            </thead>
            <tbody>
              {registers.value.items.map((register) => (
                <tr key={`${register.direction}:${register.series}`} data-direction={register.direction} data-series={register.series}>
                  <th scope="row">
                    <a href={registerLink(register.direction, year, register.series)}>{register.name}</a>
                    {register.secret ? <span className="badge secret"> Mật</span> : null}
                  </th>
                  <td>{label('registerKind', register.kind)}</td>
                  <td>{register.entries}</td>
                  <td>{register.fromNumber ?? ''}</td>
                  <td>{register.toNumber ?? ''}</td>
                  <td>
                    <DownloadButton fetchFile={() => registerFile(register.direction, year, register.series, 'csv')} fallbackName={`so-${register.series}-${year}.csv`}>
                      Tải CSV<span className="visually-hidden"> {register.name}</span>
                    </DownloadButton>{' '}
                    <DownloadButton fetchFile={() => registerFile(register.direction, year, register.series, 'pdf')} fallbackName={`so-${register.series}-${year}.pdf`}>
                      Tải PDF<span className="visually-hidden"> {register.name}</span>
                    </DownloadButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Page>
  );
}

/** One register (`/registers/incoming?year=2026&series=main`): its rows in the columns of Nghị định 30, page by page. */
export function RegisterView({ kind, query }: { readonly kind: string; readonly query: URLSearchParams }) {
  const year = yearOf(query);
  const series = query.get('series') ?? undefined;
  const direction: Direction | undefined = kind === 'incoming' || kind === 'outgoing' ? kind : undefined;
  const [register, setRegister] = useState<{ name: string; secret: boolean; series: string; columns: string[] }>();
  const rows = usePages(
    async (nextToken) => {
      if (direction === undefined) return { items: [] };
      const page = asJson(
        await data(
          api.GET('/registers/{direction}', {
            params: {
              path: { direction },
              query: { year, format: 'json', ...(series === undefined ? {} : { series }), ...(nextToken === undefined ? {} : { nextToken }) },
            },
          }),
        ),
      );
      setRegister({ ...page.register, columns: page.columns });
      return { items: page.rows, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
    },
    [direction, year, series],
  );
  if (direction === undefined) {
    return (
      <Page title="Sổ văn bản">
        <p>Không có sổ này: chỉ có sổ văn bản đến và sổ văn bản đi.</p>
        <p>
          <a href="#/registers">Về danh sách sổ văn bản</a>
        </p>
      </Page>
    );
  }
  const title = register === undefined ? label('documentDirection', direction) : `${register.name} năm ${year}`;
  return (
    <Page
      title={title}
      actions={
        <p className="row">
          <DownloadButton fetchFile={() => registerFile(direction, year, series, 'csv')} fallbackName={`so-${direction}-${year}.csv`} testId="register-csv">
            Tải CSV
          </DownloadButton>
          <DownloadButton fetchFile={() => registerFile(direction, year, series, 'pdf')} fallbackName={`so-${direction}-${year}.pdf`} testId="register-pdf">
            Tải PDF
          </DownloadButton>
        </p>
      }
    >
      <p>
        <a href={`#/registers?year=${year}`}>← Các sổ văn bản năm {year}</a>
      </p>
      <YearPicker id="register-year" year={year} path={`/registers/${direction}`} extra={series === undefined ? {} : { series }} />
      <ErrorBox error={rows.error} />
      {register?.secret === true ? <p className="badge secret">Sổ văn bản mật: chỉ ghi thông tin đăng ký, không lưu nội dung.</p> : null}
      {rows.loading && rows.items.length === 0 ? <Loading what="sổ" /> : null}
      {register === undefined ? null : (
        <>
          <p className="muted" aria-live="polite">
            {rows.items.length === 0 ? 'Sổ chưa có văn bản nào.' : `Đang hiển thị ${rows.items.length} dòng.`}
          </p>
          <TableWrap label={title}>
            <table data-testid="register-rows">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {register.columns.map((column) => (
                    <th scope="col" key={column}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.items.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a register's rows are in number order and only ever appended
                  <tr key={index}>
                    {register.columns.map((column) => (
                      <td key={column}>{row[column] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <MoreButton more={rows.more} what="dòng" />
        </>
      )}
    </Page>
  );
}
