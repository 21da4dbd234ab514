import { type FormEvent, useEffect, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { vnDate, vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { useDownload, verdictOf } from './files.tsx';
import { describedBy, FormField, fieldIssue, useSubmission } from './shared.tsx';
import type { IssueBody, OutgoingDocument } from './types.ts';

/** `Số: 15/QĐ-SNV` of an issued document. */
export function numberOf(issue: NonNullable<OutgoingDocument['issue']>): string {
  return `Số: ${issue.codeNumber}/${issue.codeNotation}`;
}

/**
 * Cấp số và phát hành (POST /documents/{id}/issue): the API takes the next number of the document's series,
 * stamps number and date on the PDF the leader signed and applies the agency's signature, then sends it
 * to the recipients.
 */
export function IssuePanel({ document, onIssued }: { readonly document: OutgoingDocument; readonly onIssued: (message: string) => void }) {
  const [amount, setAmount] = useState(document.promulgationAmount === undefined ? '' : String(document.promulgationAmount));
  const submission = useSubmission();
  const issue = async (event: FormEvent) => {
    event.preventDefault();
    const body: IssueBody = amount.trim() === '' ? {} : { promulgationAmount: Number(amount) };
    const issued = await submission.run({ issue: document.id, body }, (headers) =>
      data(api.POST('/documents/{id}/issue', { params: { path: { id: document.id } }, body, headers })),
    );
    if (issued?.issue !== undefined) onIssued(`Đã phát hành văn bản ${numberOf(issued.issue)}, ngày ${vnDate(issued.issue.issueDate)}.`);
  };
  const hint = 'Số bản phát hành (nếu cần ghi vào sổ).';
  const error = fieldIssue(submission.error, 'body.promulgationAmount');
  return (
    <section className="card" aria-labelledby="outgoing-issue-title">
      <h3 id="outgoing-issue-title">Cấp số và phát hành</h3>
      {document.signedFile === undefined ? (
        <p className="muted">Văn bản chưa được lãnh đạo ký số trên hệ thống; nếu quy định yêu cầu chữ ký số, hệ thống sẽ không cho phát hành.</p>
      ) : (
        <p>
          Bản PDF đã được {document.signedFile.signedBy.name} ký số lúc {vnDateTime(document.signedFile.signedAt)}. Khi phát hành, hệ thống ghi số, ngày văn bản lên bản này và ký
          số của cơ quan.
        </p>
      )}
      <ErrorBox error={submission.error} />
      <form onSubmit={(event) => void issue(event)} aria-label="Cấp số và phát hành">
        <FormField id="promulgation-amount" label="Số lượng bản" hint={hint} error={error}>
          <input
            id="promulgation-amount"
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            value={amount}
            aria-invalid={error === undefined ? undefined : true}
            aria-describedby={describedBy('promulgation-amount', hint, error)}
            onChange={(event) => setAmount(event.target.value)}
          />
        </FormField>
        <div className="row">
          <button type="submit" data-action="issue" disabled={submission.busy}>
            {submission.busy ? 'Đang phát hành…' : 'Cấp số và phát hành'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The number, date and file an issued (or revoked) document was given. */
export function IssuedFacts({ document }: { readonly document: OutgoingDocument }) {
  const issue = document.issue;
  const fileId = issue?.file?.fileId;
  const file = useLoad(
    () => (fileId === undefined ? Promise.resolve(undefined) : data(api.GET('/documents/{id}/files/{fileId}', { params: { path: { id: document.id, fileId } } }))),
    [document.id, fileId],
  );
  const download = useDownload(document.id);
  if (issue === undefined) return null;
  return (
    <section className="card" aria-labelledby="outgoing-issued-title">
      <h3 id="outgoing-issued-title">Đã phát hành</h3>
      <p>
        <strong data-testid="issued-number">{numberOf(issue)}</strong>, ngày {vnDate(issue.issueDate)} — {issue.issuedBy.name}, {vnDateTime(issue.issuedAt)}.
      </p>
      <p data-testid="issued-file">
        Tệp phát hành:{' '}
        {fileId === undefined ? (
          'không có tệp điện tử.'
        ) : file.value === undefined ? (
          file.error === undefined ? (
            'đang tải…'
          ) : (
            <ErrorBox error={file.error} />
          )
        ) : (
          <>
            <span className="wrap">{file.value.fileName}</span> — {issue.file?.sealed ? 'đã ký số của cơ quan; ' : ''}
            {verdictOf(file.value)}{' '}
            <button type="button" className="link" data-action="download-issued" onClick={() => void download.open(file.value?.fileId ?? '')}>
              Tải tệp phát hành
            </button>
          </>
        )}
      </p>
      <ErrorBox error={download.error} />
    </section>
  );
}

/**
 * Each recipient's status (GET /documents/{id}/deliveries): handed over, then what the recipient reports
 * (đã đến, đã tiếp nhận, …). Asked again every few seconds while a delivery is still to be handed over.
 */
export function Deliveries({ document }: { readonly document: OutgoingDocument }) {
  const [tick, setTick] = useState(0);
  const deliveries = useLoad(() => data(api.GET('/documents/{id}/deliveries', { params: { path: { id: document.id } } })), [document.id, document.version, tick]);
  const items = deliveries.value?.items ?? [];
  const expected = document.recipients.length;
  const waiting = deliveries.value !== undefined && (items.length < expected || items.some((item) => item.status === 'pending'));
  useEffect(() => {
    if (!waiting || tick >= 40) return;
    const timer = setTimeout(() => setTick((n) => n + 1), 3000);
    return () => clearTimeout(timer);
  }, [waiting, tick]);
  return (
    <section className="card" aria-labelledby="outgoing-deliveries-title">
      <div className="row between">
        <h3 id="outgoing-deliveries-title">Tình trạng gửi đến nơi nhận</h3>
        <button type="button" className="secondary" data-action="refresh-deliveries" onClick={() => setTick((n) => n + 1)} disabled={deliveries.loading}>
          Làm mới
        </button>
      </div>
      <ErrorBox error={deliveries.error} />
      {deliveries.value === undefined && deliveries.loading ? <Loading what="tình trạng gửi" /> : null}
      {deliveries.value !== undefined && items.length === 0 ? (
        <p className="muted">{expected === 0 ? 'Văn bản không có nơi nhận điện tử.' : 'Đang chuyển văn bản đến nơi nhận…'}</p>
      ) : null}
      {items.length === 0 ? null : (
        <ul className="list" aria-label="Nơi nhận và tình trạng">
          {items.map((delivery) => {
            const last = delivery.history.at(-1);
            return (
              <li key={delivery.recipient.organId} data-organ-id={delivery.recipient.organId} data-status={delivery.status}>
                <strong className="wrap">{delivery.recipient.organName}</strong> <span className="muted">({delivery.recipient.organId})</span>
                <br />
                <span className="badge">{label('deliveryStatus', delivery.status)}</span>{' '}
                <span className="muted">
                  · {label('deliveryChannel', delivery.channel)} · {vnDateTime(delivery.updatedAt)}
                </span>
                {last?.description === undefined || last.description === label('deliveryStatus', delivery.status) ? null : <div className="muted">{last.description}</div>}
                {delivery.problem === undefined ? null : <div className="field-error">{delivery.problem.message}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type RequestKind = 'revoke' | 'update' | 'replace';
const REQUESTS: Record<RequestKind, { title: string; button: string; explain: string }> = {
  revoke: { title: 'Thu hồi', button: 'Thu hồi văn bản', explain: 'Văn bản bị đóng băng và đề nghị thu hồi được gửi đến mọi nơi nhận.' },
  update: { title: 'Cập nhật', button: 'Gửi cập nhật', explain: 'Gửi thông báo cập nhật văn bản đến mọi nơi nhận.' },
  replace: { title: 'Thay thế', button: 'Thay thế văn bản', explain: 'Thay văn bản này bằng một văn bản đi khác đã phát hành.' },
};

/** Thu hồi, cập nhật, thay thế (POST /documents/{id}/revoke, /update, /replace), each with its reason. */
export function SenderRequests({ document, onDone }: { readonly document: OutgoingDocument; readonly onDone: (message: string) => void }) {
  const [kind, setKind] = useState<RequestKind | undefined>();
  const [reason, setReason] = useState('');
  const [replacement, setReplacement] = useState('');
  const submission = useSubmission();
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (kind === undefined) return;
    const path = { params: { path: { id: document.id } } };
    const text = reason.trim();
    const done = await submission.run({ kind, id: document.id, text, replacement }, (headers) =>
      kind === 'replace'
        ? data(api.POST('/documents/{id}/replace', { ...path, body: { reason: text, replacementDocumentId: replacement.trim() }, headers }))
        : kind === 'update'
          ? data(api.POST('/documents/{id}/update', { ...path, body: { reason: text }, headers }))
          : data(api.POST('/documents/{id}/revoke', { ...path, body: { reason: text }, headers })),
    );
    if (done !== undefined) {
      setKind(undefined);
      setReason('');
      setReplacement('');
      onDone(`Đã ${REQUESTS[kind].title.toLowerCase()} văn bản: đề nghị đã được gửi đến nơi nhận.`);
    }
  };
  const reasonError = fieldIssue(submission.error, 'body.reason');
  const replacementError = fieldIssue(submission.error, 'body.replacementDocumentId');
  const replacementHint = 'Mã (ID) của văn bản đi đã phát hành thay cho văn bản này.';
  return (
    <section className="card" aria-labelledby="outgoing-requests-title">
      <h3 id="outgoing-requests-title">Thu hồi, cập nhật, thay thế</h3>
      <div className="row">
        {(Object.keys(REQUESTS) as RequestKind[]).map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={candidate === 'revoke' ? 'danger' : 'secondary'}
            data-action={candidate}
            aria-expanded={kind === candidate}
            onClick={() => {
              setKind(kind === candidate ? undefined : candidate);
              submission.setError(undefined);
            }}
          >
            {REQUESTS[candidate].title}
          </button>
        ))}
      </div>
      {kind === undefined ? null : (
        <form onSubmit={(event) => void send(event)} aria-label={REQUESTS[kind].button}>
          <p>{REQUESTS[kind].explain}</p>
          <ErrorBox error={submission.error} />
          <FormField id="request-reason" label={`Lý do ${REQUESTS[kind].title.toLowerCase()}`} error={reasonError}>
            <textarea
              id="request-reason"
              rows={3}
              required
              maxLength={1000}
              value={reason}
              aria-invalid={reasonError === undefined ? undefined : true}
              aria-describedby={describedBy('request-reason', undefined, reasonError)}
              onChange={(event) => setReason(event.target.value)}
            />
          </FormField>
          {kind !== 'replace' ? null : (
            <FormField id="replacement-document-id" label="Văn bản thay thế" hint={replacementHint} error={replacementError}>
              <input
                id="replacement-document-id"
                required
                autoComplete="off"
                value={replacement}
                aria-invalid={replacementError === undefined ? undefined : true}
                aria-describedby={describedBy('replacement-document-id', replacementHint, replacementError)}
                onChange={(event) => setReplacement(event.target.value)}
              />
            </FormField>
          )}
          <div className="row">
            <button type="submit" className={kind === 'revoke' ? 'danger' : undefined} data-action={`confirm-${kind}`} disabled={submission.busy}>
              {REQUESTS[kind].button}
            </button>
            <button type="button" className="secondary" data-action="cancel-request" onClick={() => setKind(undefined)}>
              Hủy
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
