import { type FormEvent, useEffect, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { currentSession, hasRole } from '../../auth/session.ts';
import { ErrorBox, Field, Loading, Page } from '../../components/ui.tsx';
import { vnDate } from '../../format.ts';
import { navigate } from '../../router.ts';
import { label } from '../../vocabulary.ts';
import { Badges, numberNotation, statusLabel } from './shared.tsx';
import { type DocumentListQuery, incomingStatuses, isDocumentStatus, type ListedDocument, outgoingStatuses } from './types.ts';

type Direction = NonNullable<DocumentListQuery['direction']>;

/**
 * The list of documents (GET /documents) with its filters in the hash query
 * (`#/documents?direction=incoming&status=arrived&assignee=person:…&overdue=true&q=…`), newest first, a page
 * at a time ("Xem thêm" follows nextToken). With `direction`, the list of one direction (`#/incoming`).
 */
export function DocumentList({ query, direction: fixed }: { readonly query: URLSearchParams; readonly direction?: Direction }) {
  const filters = filtersOf(query, fixed);
  const key = JSON.stringify(filters);
  const [items, setItems] = useState<ListedDocument[] | undefined>();
  const [nextToken, setNextToken] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are what `key` says
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    data(api.GET('/documents', { params: { query: { ...filters, limit: 25 } } })).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNextToken(page.nextToken);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setItems(undefined);
        setNextToken(undefined);
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  const more = async () => {
    if (nextToken === undefined) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await data(api.GET('/documents', { params: { query: { ...filters, limit: 25, nextToken } } }));
      setItems((previous) => [...(previous ?? []), ...page.items]);
      setNextToken(page.nextToken);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  const base = fixed === undefined ? '/documents' : `/${fixed}`;
  const title = fixed === 'incoming' || filters.direction === 'incoming' ? 'Văn bản đến' : fixed === 'outgoing' || filters.direction === 'outgoing' ? 'Văn bản đi' : 'Văn bản';
  const canRegister = (filters.direction ?? 'incoming') === 'incoming' && hasRole(currentSession(), 'clerk');
  return (
    <Page
      title={title}
      actions={
        canRegister ? (
          <a href="#/incoming/new" className="button-link">
            Vào sổ văn bản đến
          </a>
        ) : undefined
      }
    >
      <div className="doc-page">
        <Filters key={`${base}?${key}`} filters={filters} fixed={fixed} base={base} />
        <ErrorBox error={error} />
        <p className="muted" aria-live="polite" data-testid="list-count">
          {items === undefined ? '' : items.length === 0 ? 'Không có văn bản nào.' : `Đang hiện ${items.length} văn bản${nextToken === undefined ? '' : ', còn nữa'}.`}
        </p>
        {items !== undefined && items.length > 0 ? <DocumentTable items={items} direction={filters.direction} /> : null}
        {loading ? <Loading what="văn bản" /> : null}
        {nextToken !== undefined && !loading ? (
          <p className="doc-more">
            <button type="button" className="secondary" onClick={() => void more()} data-action="more">
              Xem thêm
            </button>
          </p>
        ) : null}
      </div>
    </Page>
  );
}

/** The query of GET /documents from the hash query: only the values it accepts. */
function filtersOf(query: URLSearchParams, fixed: Direction | undefined): DocumentListQuery {
  const direction = fixed ?? query.get('direction');
  const status = query.get('status') ?? '';
  const q = query.get('q')?.trim() ?? '';
  const assignee = query.get('assignee') ?? '';
  const overdue = query.get('overdue');
  return {
    ...(direction === 'incoming' || direction === 'outgoing' ? { direction } : {}),
    ...(isDocumentStatus(status) ? { status } : {}),
    ...(q === '' ? {} : { q }),
    ...(assignee === '' ? {} : { assignee }),
    ...(overdue === 'true' ? { overdue: 'true' as const } : {}),
  };
}

/** The filters: a form whose submission changes the hash (so a filtered list can be bookmarked and shared). */
function Filters({ filters, fixed, base }: { readonly filters: DocumentListQuery; readonly fixed: Direction | undefined; readonly base: string }) {
  const [direction, setDirection] = useState<string>(filters.direction ?? '');
  const [status, setStatus] = useState<string>(filters.status ?? '');
  const [q, setQ] = useState(filters.q ?? '');
  const [overdue, setOverdue] = useState(filters.overdue === 'true');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (fixed === undefined && direction !== '') next.set('direction', direction);
    const statuses: readonly string[] = direction === 'incoming' ? incomingStatuses : direction === 'outgoing' ? outgoingStatuses : [...incomingStatuses, ...outgoingStatuses];
    if (status !== '' && statuses.includes(status)) next.set('status', status);
    if (q.trim() !== '') next.set('q', q.trim());
    if (filters.assignee !== undefined) next.set('assignee', filters.assignee);
    if (overdue) next.set('overdue', 'true');
    const search = next.toString();
    navigate(search === '' ? base : `${base}?${search}`);
  };
  const withoutAssignee = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (name !== 'assignee' && (fixed === undefined || name !== 'direction')) withoutAssignee.set(name, String(value));
  const session = currentSession();
  return (
    <form className="doc-filters" onSubmit={submit} aria-label="Lọc văn bản">
      {fixed === undefined ? (
        <Field label="Loại văn bản" id="filter-direction">
          <select id="filter-direction" value={direction} onChange={(event) => setDirection(event.target.value)}>
            <option value="">Đến và đi</option>
            <option value="incoming">{label('documentDirection', 'incoming')}</option>
            <option value="outgoing">{label('documentDirection', 'outgoing')}</option>
          </select>
        </Field>
      ) : null}
      <Field label="Trạng thái" id="filter-status">
        <select id="filter-status" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">Tất cả</option>
          {direction !== 'outgoing' ? (
            <optgroup label={label('documentDirection', 'incoming')}>
              {incomingStatuses.map((value) => (
                <option key={value} value={value}>
                  {label('incomingStatus', value)}
                </option>
              ))}
            </optgroup>
          ) : null}
          {direction !== 'incoming' ? (
            <optgroup label={label('documentDirection', 'outgoing')}>
              {outgoingStatuses.map((value) => (
                <option key={value} value={value}>
                  {label('outgoingStatus', value)}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </Field>
      <Field label="Tìm (gõ có dấu hoặc không dấu)" id="filter-q">
        <input id="filter-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder="quyet dinh ngan sach" />
      </Field>
      <div className="check">
        <input id="filter-overdue" type="checkbox" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} />
        <label htmlFor="filter-overdue">Chỉ văn bản quá hạn</label>
      </div>
      <div className="buttons">
        <button type="submit" data-action="filter">
          Lọc
        </button>
      </div>
      {filters.assignee === undefined ? null : (
        <p className="muted">
          Đang xem việc được giao cho <strong>{filters.assignee === `person:${session?.sub ?? ''}` ? 'tôi' : filters.assignee.replace(/^(person|unit):/, '')}</strong> ·{' '}
          <a href={`#${base}${withoutAssignee.size === 0 ? '' : `?${withoutAssignee}`}`}>Bỏ lọc người được giao</a>
        </p>
      )}
    </form>
  );
}

function DocumentTable({ items, direction }: { readonly items: readonly ListedDocument[]; readonly direction: Direction | undefined }) {
  const party = direction === 'incoming' ? 'Nơi gửi' : direction === 'outgoing' ? 'Nơi nhận' : 'Nơi gửi / nơi nhận';
  return (
    <div className="table-wrap">
      <table className="doc-table">
        <caption className="sr-only">Danh sách văn bản, mới nhất trước</caption>
        <thead>
          <tr>
            <th scope="col">{direction === 'outgoing' ? 'Số, ký hiệu' : 'Số đến, số/ký hiệu'}</th>
            <th scope="col">Trích yếu</th>
            <th scope="col">{party}</th>
            <th scope="col">Ngày</th>
            <th scope="col">Độ khẩn, độ mật</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-document-id={item.id}>
              <td>
                {item.direction === 'incoming' ? (
                  <>
                    <strong>{item.arrivalNumber === undefined ? '—' : `Số đến ${item.arrivalNumber}`}</strong>
                    <span className="sub">{numberNotation(item)}</span>
                  </>
                ) : (
                  <>
                    {numberNotation(item) || <span className="muted">Chưa cấp số</span>}
                    {direction === undefined ? <span className="sub">{label('documentDirection', 'outgoing')}</span> : null}
                  </>
                )}
              </td>
              <td className="subject">
                <a href={`#/documents/${encodeURIComponent(item.id)}`}>{item.subject}</a>
                <span className="sub">{item.typeName}</span>
              </td>
              <td>
                {item.direction === 'incoming'
                  ? item.issuer.organName
                  : [...item.recipients.map((recipient) => recipient.organName), ...item.places].join('; ') || <span className="muted">Chưa có</span>}
              </td>
              <td>
                {item.direction === 'incoming' ? vnDate(item.arrivalDate) : vnDate(item.issue?.issueDate ?? item.createdAt)}
                {item.dueDate === undefined ? null : <span className="sub">Hạn: {vnDate(item.dueDate)}</span>}
              </td>
              <td>
                <Badges document={item} />
              </td>
              <td>
                <span data-status={item.status}>{statusLabel(item)}</span>
                {item.overdue ? <span className="sub overdue">Quá hạn{item.daysLate === undefined ? '' : ` ${item.daysLate} ngày`}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The incoming documents (`#/incoming?status=…`): the list with its direction fixed. */
export function IncomingList({ query }: { readonly query: URLSearchParams }) {
  return <DocumentList query={query} direction="incoming" />;
}

/** The outgoing documents (`#/outgoing?status=…`). */
export function OutgoingList({ query }: { readonly query: URLSearchParams }) {
  return <DocumentList query={query} direction="outgoing" />;
}
