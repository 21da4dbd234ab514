import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { currentSession, hasRole } from '../../auth/session.ts';
import { ErrorBox, Field, Loading, Page } from '../../components/ui.tsx';
import { vnDate, vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import { label } from '../../vocabulary.ts';
import { DownloadButton, MoreButton, optional, problemName, TableWrap, usePages, YearPicker, yearOf } from '../registers/common.tsx';

type NewRecord = paths['/records']['post']['requestBody']['content']['application/json'];
type Maintenance = NewRecord['maintenance'];
type FoundDocument = paths['/documents']['get']['responses'][200]['content']['application/json']['items'][number];

/** Who opens records, adds documents and closes them (POST /records…); an admin only reads them. */
function canWrite(): boolean {
  return hasRole(currentSession(), 'clerk', 'leader', 'specialist');
}

export function maintenanceText(maintenance: Maintenance): string {
  return maintenance === 'permanent' ? 'Vĩnh viễn' : `${maintenance} năm`;
}

/** Hồ sơ công việc (`/records?year=2026`): the agency's records of a year, and a form to open one. */
export function RecordList({ query }: { readonly query: URLSearchParams }) {
  const year = yearOf(query);
  const records = usePages(async (nextToken) => data(api.GET('/records', { params: { query: { year, ...(nextToken === undefined ? {} : { nextToken }) } } })), [year]);
  return (
    <Page title="Hồ sơ công việc">
      <YearPicker id="records-year" year={year} path="/records" />
      <section aria-labelledby="records-list">
        <h2 id="records-list">Hồ sơ năm {year}</h2>
        <ErrorBox error={records.error} />
        {records.loading && records.items.length === 0 ? <Loading what="hồ sơ" /> : null}
        {!records.loading && records.error === undefined && records.items.length === 0 ? <p className="muted">Chưa có hồ sơ nào trong năm {year}.</p> : null}
        {records.items.length === 0 ? null : (
          <TableWrap label={`Hồ sơ công việc năm ${year}`}>
            <table data-testid="record-list">
              <thead>
                <tr>
                  <th scope="col">Mã hồ sơ</th>
                  <th scope="col">Tiêu đề</th>
                  <th scope="col">Thời hạn bảo quản</th>
                  <th scope="col">Người lập</th>
                  <th scope="col">Ngày mở</th>
                  <th scope="col">Số văn bản</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {records.items.map((record) => (
                  <tr key={record.id}>
                    <th scope="row">
                      <a href={`#/records/${record.id}`}>{record.fileCode}</a>
                    </th>
                    <td>{record.title}</td>
                    <td>{maintenanceText(record.maintenance)}</td>
                    <td>{record.keeper.name}</td>
                    <td>{vnDate(record.startDate)}</td>
                    <td>{record.documentCount}</td>
                    <td>{label('recordStatus', record.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <MoreButton more={records.more} what="hồ sơ" />
      </section>
      {canWrite() ? <NewRecordForm year={year} /> : null}
    </Page>
  );
}

/** Lập hồ sơ: POST /records, then the new record's page. */
function NewRecordForm({ year }: { readonly year: number }) {
  const [form, setForm] = useState({
    fileNotation: '',
    title: '',
    year: String(year),
    permanent: 'no',
    years: '10',
    medium: 'online',
    rights: '',
    language: 'Tiếng Việt',
    infoSign: '',
    description: '',
  });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: NewRecord = {
        fileNotation: form.fileNotation.trim(),
        title: form.title.trim(),
        year: Number(form.year),
        maintenance: form.permanent === 'yes' ? 'permanent' : Number(form.years),
        medium: form.medium === 'paper' ? 'paper' : 'online',
        ...optional('rights', form.rights),
        ...optional('language', form.language),
        ...optional('infoSign', form.infoSign),
        ...optional('description', form.description),
      };
      const created = await data(api.POST('/records', { body }));
      navigate(`/records/${created.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="record-new" className="card">
      <h2 id="record-new">Lập hồ sơ mới</h2>
      {problemName(error) === 'duplicate-file-code' ? (
        <p className="error" role="alert">
          Cơ quan đã có hồ sơ với mã này trong năm {form.year}: hãy chọn ký hiệu hồ sơ khác.
        </p>
      ) : (
        <ErrorBox error={error} />
      )}
      <form onSubmit={(event) => void submit(event)}>
        <Field label="Ký hiệu hồ sơ" id="record-notation" hint="Ví dụ 01.TH. Mã hồ sơ = mã định danh cơ quan + năm + ký hiệu hồ sơ.">
          <input
            id="record-notation"
            value={form.fileNotation}
            onChange={set('fileNotation')}
            required
            maxLength={30}
            pattern="[0-9A-Za-zĐđ]+(\.[0-9A-Za-zĐđ]+)*"
            aria-describedby="record-notation-hint"
          />
        </Field>
        <Field label="Tiêu đề hồ sơ" id="record-title">
          <input id="record-title" value={form.title} onChange={set('title')} required maxLength={1000} />
        </Field>
        <div className="row">
          <Field label="Năm" id="record-year">
            <input id="record-year" type="number" inputMode="numeric" min={1945} max={2100} value={form.year} onChange={set('year')} required />
          </Field>
          <Field label="Thời hạn bảo quản" id="record-permanent">
            <select id="record-permanent" value={form.permanent} onChange={set('permanent')}>
              <option value="no">Có thời hạn</option>
              <option value="yes">Vĩnh viễn</option>
            </select>
          </Field>
          {form.permanent === 'yes' ? null : (
            <Field label="Số năm bảo quản" id="record-years">
              <input id="record-years" type="number" inputMode="numeric" min={1} max={100} value={form.years} onChange={set('years')} required />
            </Field>
          )}
          <Field label="Hình thức hồ sơ" id="record-medium">
            <select id="record-medium" value={form.medium} onChange={set('medium')}>
              <option value="online">{label('recordMedium', 'online')}</option>
              <option value="paper">{label('recordMedium', 'paper')}</option>
            </select>
          </Field>
        </div>
        <div className="row">
          <Field label="Chế độ sử dụng" id="record-rights">
            <input id="record-rights" value={form.rights} onChange={set('rights')} maxLength={100} />
          </Field>
          <Field label="Ngôn ngữ" id="record-language">
            <input id="record-language" value={form.language} onChange={set('language')} maxLength={100} />
          </Field>
          <Field label="Ký hiệu thông tin" id="record-infosign">
            <input id="record-infosign" value={form.infoSign} onChange={set('infoSign')} maxLength={30} />
          </Field>
        </div>
        <Field label="Mô tả" id="record-description">
          <textarea id="record-description" value={form.description} onChange={set('description')} maxLength={1000} rows={3} />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lập hồ sơ…' : 'Lập hồ sơ'}
        </button>
      </form>
    </section>
  );
}

/** A record (`/records/:id`): its description, its documents in ordinal order, adding one, closing it, its XML. */
export function RecordView({ id }: { readonly id: string }) {
  const record = useLoad(() => data(api.GET('/records/{id}', { params: { path: { id } } })), [id]);
  const [closing, setClosing] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const value = record.value;
  const close = async () => {
    setClosing('busy');
    setError(undefined);
    try {
      await data(api.POST('/records/{id}/close', { params: { path: { id } } }));
      setNotice('Đã kết thúc hồ sơ.');
      record.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setClosing('idle');
    }
  };
  return (
    <Page title={value === undefined ? 'Hồ sơ công việc' : `Hồ sơ ${value.fileCode}`}>
      <p>
        <a href={`#/records?year=${value?.year ?? ''}`}>← Danh sách hồ sơ</a>
      </p>
      <ErrorBox error={record.error} />
      {record.loading && value === undefined ? <Loading what="hồ sơ" /> : null}
      {value === undefined ? null : (
        <>
          <dl className="facts">
            <dt>Mã hồ sơ</dt>
            <dd data-testid="record-code">{value.fileCode}</dd>
            <dt>Tiêu đề</dt>
            <dd>{value.title}</dd>
            <dt>Năm</dt>
            <dd>{value.year}</dd>
            <dt>Thời hạn bảo quản</dt>
            <dd>{maintenanceText(value.maintenance)}</dd>
            <dt>Ngôn ngữ</dt>
            <dd>{value.language}</dd>
            {value.rights === undefined ? null : (
              <>
                <dt>Chế độ sử dụng</dt>
                <dd>{value.rights}</dd>
              </>
            )}
            {value.infoSign === undefined ? null : (
              <>
                <dt>Ký hiệu thông tin</dt>
                <dd>{value.infoSign}</dd>
              </>
            )}
            {value.description === undefined || value.description === '' ? null : (
              <>
                <dt>Mô tả</dt>
                <dd>{value.description}</dd>
              </>
            )}
            <dt>Người lập</dt>
            <dd>{value.keeper.name}</dd>
            <dt>Ngày mở</dt>
            <dd>{vnDate(value.startDate)}</dd>
            <dt>Trạng thái</dt>
            <dd data-testid="record-status">{label('recordStatus', value.status)}</dd>
            {value.closedAt === undefined ? null : (
              <>
                <dt>Kết thúc</dt>
                <dd>
                  {vnDateTime(value.closedAt)}
                  {value.closedBy === undefined ? '' : `, ${value.closedBy.name}`}
                </dd>
              </>
            )}
            <dt>Số văn bản</dt>
            <dd>{value.documentCount}</dd>
            {value.pageTotal === undefined ? null : (
              <>
                <dt>Tổng số trang</dt>
                <dd>{value.pageTotal}</dd>
              </>
            )}
          </dl>
          <p className="row">
            <DownloadButton
              fetchFile={() => api.GET('/records/{id}/export', { params: { path: { id }, query: { format: 'xml' } }, parseAs: 'blob' })}
              fallbackName={`${value.fileCode}.xml`}
              testId="record-xml"
            >
              Tải XML hồ sơ
            </DownloadButton>
          </p>
          {notice === undefined ? null : (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <ErrorBox error={error} />
          <section aria-labelledby="record-documents">
            <h2 id="record-documents">Văn bản trong hồ sơ</h2>
            {value.documents.length === 0 ? (
              <p className="muted">Hồ sơ chưa có văn bản nào.</p>
            ) : (
              <TableWrap label="Văn bản trong hồ sơ">
                <table data-testid="record-documents">
                  <thead>
                    <tr>
                      <th scope="col">Số thứ tự</th>
                      <th scope="col">Số, ký hiệu</th>
                      <th scope="col">Ngày</th>
                      <th scope="col">Tên loại và trích yếu</th>
                      <th scope="col">Cơ quan ban hành</th>
                      <th scope="col">Loại</th>
                      <th scope="col">Trạng thái</th>
                      <th scope="col">Ngày đưa vào</th>
                    </tr>
                  </thead>
                  <tbody>
                    {value.documents.map((entry) => (
                      <tr key={entry.documentId}>
                        <td>{entry.ordinal}</td>
                        <td>{[entry.document?.codeNumber, entry.document?.codeNotation].filter((part) => part !== undefined && part !== '').join('/')}</td>
                        <td>{vnDate(entry.document?.date)}</td>
                        <td>
                          <a href={`#/documents/${entry.documentId}`}>
                            {entry.document === undefined ? entry.documentId : `${entry.document.typeName}: ${entry.document.subject}`}
                          </a>
                        </td>
                        <td>{entry.document?.issuer.organName ?? ''}</td>
                        <td>{label('documentDirection', entry.document?.direction)}</td>
                        <td>{entry.document === undefined ? '' : label(entry.document.direction === 'incoming' ? 'incomingStatus' : 'outgoingStatus', entry.document.status)}</td>
                        <td>
                          {vnDate(entry.addedAt)}, {entry.addedBy.name}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          {value.status === 'open' && canWrite() ? (
            <>
              <AddDocument
                recordId={id}
                onAdded={(ordinal) => {
                  setNotice(`Đã thêm văn bản vào hồ sơ, số thứ tự ${ordinal}.`);
                  record.reload();
                }}
              />
              <section aria-labelledby="record-close" className="card">
                <h2 id="record-close">Kết thúc hồ sơ</h2>
                <p>Sau khi kết thúc, không thêm được văn bản vào hồ sơ.</p>
                {closing === 'idle' ? (
                  <button type="button" className="danger" onClick={() => setClosing('confirm')}>
                    Kết thúc hồ sơ
                  </button>
                ) : (
                  <p className="row">
                    <strong>Kết thúc hồ sơ này?</strong>
                    <button type="button" className="danger" onClick={() => void close()} disabled={closing === 'busy'}>
                      Xác nhận kết thúc
                    </button>
                    <button type="button" className="secondary" onClick={() => setClosing('idle')} disabled={closing === 'busy'}>
                      Hủy
                    </button>
                  </p>
                )}
              </section>
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}

/** Adds a document of the agency to the record: found by words (GET /documents?q=) or by its id. */
function AddDocument({ recordId, onAdded }: { readonly recordId: string; readonly onAdded: (ordinal: number) => void }) {
  const [words, setWords] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [found, setFound] = useState<FoundDocument[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      setFound((await data(api.GET('/documents', { params: { query: { q: words.trim(), limit: 10 } } }))).items);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const add = async (id: string) => {
    setError(undefined);
    setBusy(true);
    try {
      const added = await data(api.POST('/records/{id}/documents', { params: { path: { id: recordId } }, body: { documentId: id } }));
      setDocumentId('');
      setFound(undefined);
      onAdded(added.ordinal);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const notation = (document: FoundDocument) =>
    document.direction === 'incoming'
      ? `${document.codeNumber}/${document.codeNotation}`
      : document.issue === undefined
        ? 'Chưa cấp số'
        : `${document.issue.codeNumber}/${document.issue.codeNotation}`;
  const refusal =
    problemName(error) === 'document-already-in-record'
      ? 'Văn bản này đã có trong hồ sơ.'
      : problemName(error) === 'record-closed'
        ? 'Hồ sơ đã kết thúc: không thêm được văn bản.'
        : undefined;
  return (
    <section aria-labelledby="record-add" className="card">
      <h2 id="record-add">Thêm văn bản vào hồ sơ</h2>
      {refusal === undefined ? (
        <ErrorBox error={error} />
      ) : (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
      <form className="row" onSubmit={(event) => void search(event)}>
        <Field label="Tìm văn bản (số, ký hiệu, trích yếu)" id="record-search">
          <input id="record-search" type="search" value={words} onChange={(event) => setWords(event.target.value)} required maxLength={200} />
        </Field>
        <div className="field">
          <button type="submit" disabled={busy}>
            Tìm
          </button>
        </div>
      </form>
      {found === undefined ? null : found.length === 0 ? (
        <p className="muted" role="status">
          Không tìm thấy văn bản nào.
        </p>
      ) : (
        <TableWrap label="Văn bản tìm thấy">
          <table>
            <caption className="visually-hidden">Văn bản tìm thấy</caption>
            <thead>
              <tr>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Tên loại và trích yếu</th>
                <th scope="col">Loại</th>
                <th scope="col">Thêm</th>
              </tr>
            </thead>
            <tbody>
              {found.map((document) => (
                <tr key={document.id}>
                  <td>{notation(document)}</td>
                  <td>
                    {document.typeName}: {document.subject}
                  </td>
                  <td>{label('documentDirection', document.direction)}</td>
                  <td>
                    <button type="button" onClick={() => void add(document.id)} disabled={busy}>
                      Thêm<span className="visually-hidden"> văn bản {notation(document)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void add(documentId.trim());
        }}
      >
        <Field label="Hoặc mã văn bản (26 ký tự)" id="record-document-id">
          <input
            id="record-document-id"
            value={documentId}
            onChange={(event) => setDocumentId(event.target.value.toUpperCase())}
            required
            pattern="[0-9A-Z]{26}"
            minLength={26}
            maxLength={26}
            autoComplete="off"
          />
        </Field>
        <div className="field">
          <button type="submit" disabled={busy}>
            Thêm vào hồ sơ
          </button>
        </div>
      </form>
    </section>
  );
}
