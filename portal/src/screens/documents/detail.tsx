import { type ReactNode, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox, Loading, Page } from '../../components/ui.tsx';
import { vnDate, vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { IncomingActions } from '../incoming/actions.tsx';
import { OutgoingActions } from '../outgoing-actions.tsx';
import { AssignmentView } from './assignment-view.tsx';
import { actionLabel, Badges, fileSize, numberNotation, statusLabel } from './shared.tsx';
import type { DocumentView, FileView, HistoryEntry, IncomingDocument, OutgoingDocument } from './types.ts';

/**
 * A document's page, either direction: its facts, status, urgency and secrecy, assignment, files with their
 * signature verdicts, history, deliveries (outgoing), and the actions the signed-in person may take.
 */
export function DocumentDetail({ id }: { readonly id: string }) {
  const document = useLoad(() => data(api.GET('/documents/{id}', { params: { path: { id } } })), [id]);
  const doc = document.value;
  if (doc === undefined || doc.id !== id) {
    return (
      <Page title="Văn bản">
        <ErrorBox error={document.error} />
        {document.loading ? <Loading what="văn bản" /> : null}
      </Page>
    );
  }
  return (
    <Page title={titleOf(doc)}>
      <div className="doc-page" data-document-id={doc.id} data-direction={doc.direction}>
        <p className="doc-status">
          Trạng thái:{' '}
          <strong data-testid="document-status" data-status={doc.status}>
            {statusLabel(doc)}
          </strong>
          <Badges document={doc} />
        </p>
        <ErrorBox error={document.error} />
        <section className="doc-section" aria-labelledby="facts-title">
          <h2 id="facts-title">Thông tin văn bản</h2>
          {doc.direction === 'incoming' ? <IncomingFacts doc={doc} /> : <OutgoingFacts doc={doc} />}
        </section>
        {doc.direction === 'incoming' && doc.assignment !== undefined ? (
          <section className="doc-section" aria-labelledby="assignment-title">
            <h2 id="assignment-title">Phân công xử lý</h2>
            <AssignmentView assignment={doc.assignment} />
          </section>
        ) : null}
        <section className="doc-section" aria-labelledby="actions-title">
          <h2 id="actions-title">Xử lý văn bản</h2>
          {doc.direction === 'incoming' ? <IncomingActions key={doc.id} document={doc} reload={document.reload} /> : <OutgoingActions document={doc} reload={document.reload} />}
        </section>
        {/* An outgoing draft's files and an issued document's deliveries are shown (and refreshed) by OutgoingActions. */}
        {doc.direction === 'incoming' || doc.status !== 'draft' ? <Files id={doc.id} version={doc.version} /> : null}
        <History id={doc.id} version={doc.version} direction={doc.direction} />
      </div>
    </Page>
  );
}

function titleOf(doc: DocumentView): string {
  const number = numberNotation(doc);
  if (doc.direction === 'incoming') return `Văn bản đến${doc.arrivalNumber === undefined ? '' : ` số ${doc.arrivalNumber}`}${number === '' ? '' : ` (${number})`}`;
  return number === '' ? `Văn bản đi (${label('outgoingStatus', doc.status).toLowerCase()})` : `Văn bản đi số ${number}`;
}

function Fact({ term, children, testId }: { readonly term: string; readonly children: ReactNode; readonly testId?: string }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function IncomingFacts({ doc }: { readonly doc: IncomingDocument }) {
  return (
    <dl className="facts">
      <Fact term="Số đến" testId="arrival-number">
        {doc.arrivalNumber === undefined ? 'Chưa vào sổ' : `${doc.arrivalNumber}${doc.arrivalYear === undefined ? '' : `/${doc.arrivalYear}`}`}
        {doc.arrivalSeries === 'secret' ? ` (${label('arrivalSeries', 'secret')})` : ''}
      </Fact>
      <Fact term="Ngày đến">{vnDate(doc.arrivalDate)}</Fact>
      <Fact term="Nơi gửi">
        {doc.issuer.organName}
        {doc.issuer.organId === undefined ? '' : ` (${doc.issuer.organId})`}
      </Fact>
      <Fact term="Số, ký hiệu">{numberNotation(doc)}</Fact>
      <Fact term="Ngày ban hành">{vnDate(doc.promulgationDate)}</Fact>
      <Fact term="Loại văn bản">{doc.typeName}</Fact>
      <Fact term="Trích yếu" testId="document-subject">
        {doc.subject}
      </Fact>
      <Fact term="Người ký">{doc.signer === undefined ? undefined : [doc.signer.position, doc.signer.fullName].filter(Boolean).join(' ')}</Fact>
      <Fact term="Số trang">{doc.pageAmount}</Fact>
      <Fact term="Độ khẩn">{label('urgency', doc.urgency)}</Fact>
      <Fact term="Độ mật">{label('secrecy', doc.secrecy)}</Fact>
      <Fact term="Hình thức nhận">{label('channel', doc.channel)}</Fact>
      <Fact term="Hạn xử lý" testId="due-date">
        {vnDate(doc.assignment?.dueDate ?? doc.dueDate)}
        {doc.overdueSince === undefined ? '' : ` — quá hạn từ ${vnDate(doc.overdueSince)}`}
      </Fact>
      <Fact term="Ghi chú">{doc.note}</Fact>
      <Fact term="Người vào sổ">{doc.registeredBy.name}</Fact>
      <Fact term="Trả lại">{doc.returned === undefined ? undefined : `${doc.returned.reason} — ${doc.returned.by.name}, ${vnDateTime(doc.returned.at)}`}</Fact>
      <Fact term="Tiến độ" testId="progress">
        {doc.progress === undefined ? undefined : `${doc.progress.lastNote} (${vnDateTime(doc.progress.lastAt)}; ${doc.progress.count} lần báo cáo)`}
      </Fact>
      <Fact term="Kết quả xử lý" testId="completion">
        {doc.completion === undefined ? undefined : (
          <>
            {doc.completion.note ?? 'Đã hoàn thành'} — {doc.completion.by.name}, {vnDateTime(doc.completion.at)}
            {doc.completion.replyDocumentId === undefined ? null : (
              <>
                {' · '}
                <a href={`#/documents/${encodeURIComponent(doc.completion.replyDocumentId)}`}>Văn bản trả lời</a>
              </>
            )}
          </>
        )}
      </Fact>
      <Fact term="Đề nghị của nơi gửi">
        {doc.pendingRequest === undefined
          ? undefined
          : `${label('senderRequestType', doc.pendingRequest.type)}: ${doc.pendingRequest.reason} (${vnDateTime(doc.pendingRequest.at)})`}
      </Fact>
      <Fact term="Thu hồi">
        {doc.withdrawn === undefined
          ? undefined
          : `${label('senderRequestType', doc.withdrawn.type)}: ${doc.withdrawn.reason} — đồng ý bởi ${doc.withdrawn.acceptedBy.name}, ${vnDateTime(doc.withdrawn.acceptedAt)}`}
      </Fact>
    </dl>
  );
}

function OutgoingFacts({ doc }: { readonly doc: OutgoingDocument }) {
  return (
    <dl className="facts">
      <Fact term="Số, ký hiệu">{numberNotation(doc) || 'Chưa cấp số'}</Fact>
      <Fact term="Ngày ban hành">{doc.issue === undefined ? undefined : vnDate(doc.issue.issueDate)}</Fact>
      <Fact term="Sổ">{doc.issue?.registerName}</Fact>
      <Fact term="Loại văn bản">{doc.typeName}</Fact>
      <Fact term="Trích yếu" testId="document-subject">
        {doc.subject}
      </Fact>
      <Fact term="Nơi nhận">
        {doc.recipients.length + doc.places.length === 0 ? undefined : (
          <ul className="picked">
            {doc.recipients.map((recipient) => (
              <li key={`r:${String(recipient.organId)}`}>{recipient.organName}</li>
            ))}
            {doc.places.map((place) => (
              <li key={`p:${place}`}>{place}</li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact term="Người ký">{doc.signer === undefined ? undefined : [doc.signer.position, doc.signer.fullName].filter(Boolean).join(' ')}</Fact>
      <Fact term="Độ khẩn">{label('urgency', doc.urgency)}</Fact>
      <Fact term="Độ mật">{label('secrecy', doc.secrecy)}</Fact>
      <Fact term="Hạn trả lời">{vnDate(doc.dueDate)}</Fact>
      <Fact term="Số trang">{doc.pageAmount}</Fact>
      <Fact term="Số lượng bản">{doc.promulgationAmount}</Fact>
      <Fact term="Người soạn">{`${doc.createdBy.name}, ${vnDateTime(doc.createdAt)}`}</Fact>
      <Fact term="Ghi chú">{doc.note}</Fact>
      <Fact term="Trả lại dự thảo">{doc.sentBack === undefined ? undefined : `${doc.sentBack.reason} — ${doc.sentBack.by.name}, ${vnDateTime(doc.sentBack.at)}`}</Fact>
      <Fact term="Ký số">{doc.signedFile === undefined ? undefined : `${doc.signedFile.signer} — ${vnDateTime(doc.signedFile.signedAt)}`}</Fact>
      <Fact term="Phát hành">{doc.issue === undefined ? undefined : `${doc.issue.issuedBy.name}, ${vnDateTime(doc.issue.issuedAt)}`}</Fact>
      <Fact term="Đề nghị đã gửi">
        {doc.senderRequest === undefined ? undefined : `${label('senderRequestType', doc.senderRequest.type)}: ${doc.senderRequest.reason} (${vnDateTime(doc.senderRequest.at)})`}
      </Fact>
    </dl>
  );
}

/** The signatures a verification report names (layers/signature/report.ts), read defensively. */
function signaturesOf(report: Record<string, unknown>): { position: number; signer: string; indication: string; signingTime?: string }[] {
  const list = Array.isArray(report.signatures) ? (report.signatures as unknown[]) : [];
  return list.flatMap((entry, at) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const signature = entry as Record<string, unknown>;
    return [
      {
        position: typeof signature.index === 'number' ? signature.index : at + 1,
        signer: typeof signature.signer === 'string' ? signature.signer : 'Không rõ người ký',
        indication: typeof signature.indication === 'string' ? signature.indication : '',
        ...(typeof signature.signingTime === 'string' ? { signingTime: signature.signingTime } : {}),
      },
    ];
  });
}

function Files({ id, version }: { readonly id: string; readonly version: number }) {
  const files = useLoad(() => data(api.GET('/documents/{id}/files', { params: { path: { id }, query: { limit: 100 } } })), [id, version]);
  const [links, setLinks] = useState<Record<string, { url: string; expiresAt?: string }>>({});
  const [error, setError] = useState<unknown>();
  const open = async (file: FileView) => {
    setError(undefined);
    try {
      const found = await data(api.GET('/documents/{id}/files/{fileId}', { params: { path: { id, fileId: file.fileId } } }));
      if (found.downloadUrl === undefined) throw new Error('Tệp chưa sẵn sàng để tải về.');
      setLinks((previous) => ({
        ...previous,
        [file.fileId]: { url: found.downloadUrl ?? '', ...(found.downloadExpiresAt === undefined ? {} : { expiresAt: found.downloadExpiresAt }) },
      }));
      const opened = window.open(found.downloadUrl, '_blank');
      if (opened !== null) opened.opener = null;
    } catch (failure) {
      setError(failure);
    }
  };
  const items = files.value?.items ?? [];
  return (
    <section className="doc-section doc-files" aria-labelledby="files-title">
      <h2 id="files-title">Tệp đính kèm</h2>
      <ErrorBox error={files.error ?? error} />
      {files.loading && files.value === undefined ? <Loading what="tệp" /> : null}
      {files.value !== undefined && items.length === 0 ? <p className="muted">Chưa có tệp.</p> : null}
      {items.length === 0 ? null : (
        <table>
          <caption className="sr-only">Tệp đính kèm và kết quả kiểm tra chữ ký số</caption>
          <thead>
            <tr>
              <th scope="col">Tệp</th>
              <th scope="col">Chữ ký số</th>
              <th scope="col">Tải về</th>
            </tr>
          </thead>
          <tbody>
            {items.map((file) => (
              <tr key={file.fileId} data-file-id={file.fileId}>
                <td>
                  {file.fileName}
                  <span className="muted">
                    {' '}
                    · {fileSize(file.actualSize ?? file.size)} · {label('fileStatus', file.status)}
                    {file.rejection === undefined ? '' : ` (${label('fileRejection', file.rejection.code)})`}
                  </span>
                </td>
                <td>
                  {file.verification === null ? (
                    <span className="muted">Chưa kiểm tra</span>
                  ) : (
                    <>
                      <strong data-verdict={file.verification.verdict}>{label('signatureVerdict', file.verification.verdict)}</strong>
                      <span className="muted"> · {vnDateTime(file.verification.verifiedAt)}</span>
                      {signaturesOf(file.verification.report).length === 0 ? null : (
                        <ol className="signatures">
                          {signaturesOf(file.verification.report).map((signature) => (
                            <li key={signature.position}>
                              {signature.signer}: {label('signatureVerdict', signature.indication)}
                              {signature.signingTime === undefined ? '' : `, ký lúc ${vnDateTime(signature.signingTime)}`}
                            </li>
                          ))}
                        </ol>
                      )}
                    </>
                  )}
                </td>
                <td>
                  {file.status === 'stored' ? (
                    <button type="button" className="secondary" onClick={() => void open(file)} data-action="download">
                      Tải về<span className="sr-only"> {file.fileName}</span>
                    </button>
                  ) : (
                    <span className="muted">Không có</span>
                  )}
                  {links[file.fileId] === undefined ? null : (
                    <span className="sub">
                      <a href={links[file.fileId]?.url} target="_blank" rel="noopener noreferrer">
                        Mở liên kết tải<span className="sr-only"> {file.fileName}</span>
                      </a>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What a history entry changed, in a few words: the new status and the note, reason or deadline it carried. */
function changeOf(entry: HistoryEntry, direction: DocumentView['direction']): string {
  const after = entry.after;
  const parts: string[] = [];
  if (typeof after.status === 'string') parts.push(`→ ${label(direction === 'incoming' ? 'incomingStatus' : 'outgoingStatus', after.status)}`);
  if (typeof after.arrivalNumber === 'number') parts.push(`số đến ${after.arrivalNumber}`);
  const note = (value: unknown, key: string) =>
    typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'string' ? String((value as Record<string, unknown>)[key]) : undefined;
  const said =
    note(after.returned, 'reason') ?? note(after.progress, 'lastNote') ?? note(after.completion, 'note') ?? note(after.sentBack, 'reason') ?? note(after.assignment, 'note');
  if (said !== undefined) parts.push(`“${said}”`);
  return parts.join(' · ');
}

function History({ id, version, direction }: { readonly id: string; readonly version: number; readonly direction: DocumentView['direction'] }) {
  const history = useLoad(() => data(api.GET('/documents/{id}/history', { params: { path: { id } } })), [id, version]);
  const items = history.value?.items ?? [];
  return (
    <section className="doc-section" aria-labelledby="history-title">
      <h2 id="history-title">Quá trình xử lý</h2>
      <ErrorBox error={history.error} />
      {history.loading && history.value === undefined ? <Loading what="lịch sử" /> : null}
      {items.length === 0 ? null : (
        <table data-testid="history">
          <caption className="sr-only">Ai làm gì, khi nào</caption>
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.sequence} data-history-action={entry.action}>
                <td>{vnDateTime(entry.at)}</td>
                <td>
                  {entry.actor.name}
                  {entry.actor.roles.length === 0 ? null : <span className="sub muted">{entry.actor.roles.map((role) => label('role', role)).join(', ')}</span>}
                </td>
                <td>
                  {actionLabel(entry.action)}
                  {changeOf(entry, direction) === '' ? null : <span className="sub muted">{changeOf(entry, direction)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
