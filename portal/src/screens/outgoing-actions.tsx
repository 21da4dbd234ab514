import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, data } from '../api/client.ts';
import { currentSession, hasRole } from '../auth/session.ts';
import { ErrorBox } from '../components/ui.tsx';
import { vnDateTime } from '../format.ts';
import { label } from '../vocabulary.ts';
import { DraftForm } from './outgoing/draft-form.tsx';
import { FilesPanel } from './outgoing/files.tsx';
import { Deliveries, IssuedFacts, IssuePanel, SenderRequests } from './outgoing/issue.tsx';
import { describedBy, FormField, fieldIssue, useSubmission } from './outgoing/shared.tsx';
import { SignPanel } from './outgoing/signing.tsx';
import { asOutgoing, type OutgoingDocument } from './outgoing/types.ts';

type Document = Record<string, unknown> & { readonly id: string };

/**
 * The actions on an outgoing document (submit, send back, approve and sign, issue, revoke…), shown on its
 * detail page, by its status and the person's roles — the API still decides. Every action calls `reload`
 * so the page shows the document as it is now.
 */
export function OutgoingActions({ document, reload }: { readonly document: Document; readonly reload: () => void }) {
  const outgoing = asOutgoing(document);
  return outgoing === undefined ? null : <OutgoingPanel document={outgoing} reload={reload} />;
}

function OutgoingPanel({ document, reload }: { readonly document: OutgoingDocument; readonly reload: () => void }) {
  const session = currentSession();
  const [notice, setNotice] = useState<string | undefined>();
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After an action the buttons change: focus goes to what happened, for keyboard and screen-reader users.
    if (notice !== undefined) noticeRef.current?.focus();
  }, [notice]);
  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  const drafter = document.createdBy.sub === session?.sub;
  const leader = hasRole(session, 'leader');
  const clerk = hasRole(session, 'clerk');
  const status = document.status;

  // Shown inside the detail page's "Xử lý văn bản" section, beside the status, files, deliveries and history it shows.
  return (
    <div className="outgoing-actions" data-testid="outgoing-actions" data-status={status}>
      {notice === undefined ? null : (
        <div className="notice" role="status" tabIndex={-1} ref={noticeRef} data-testid="outgoing-notice">
          {notice}
        </div>
      )}
      {status === 'draft' && document.sentBack !== undefined ? (
        <div className="card warning" data-testid="sent-back">
          <strong>Lãnh đạo trả lại dự thảo</strong>
          <p>
            {document.sentBack.by.name}, {vnDateTime(document.sentBack.at)}: {document.sentBack.reason}
          </p>
        </div>
      ) : null}
      {status === 'draft' ? <DraftActions document={document} drafter={drafter} done={done} reload={reload} /> : null}
      {status === 'submitted' || status === 'approved' ? (
        <>
          {document.signedFile === undefined ? null : (
            <p data-testid="signed-file">
              Đã ký số: {document.signedFile.signedBy.name} ({document.signedFile.signer}), {vnDateTime(document.signedFile.signedAt)}.
            </p>
          )}
          {leader && (status === 'submitted' || document.signedFile === undefined) ? <SignPanel document={document} onSigned={done} /> : null}
          {leader ? <LeaderDecision document={document} done={done} /> : null}
          {status === 'approved' && clerk ? <IssuePanel document={document} onIssued={done} /> : null}
          {!leader && !(status === 'approved' && clerk) ? (
            <p className="muted">{status === 'submitted' ? 'Đang chờ lãnh đạo ký duyệt.' : 'Đã ký duyệt, chờ văn thư cấp số và phát hành.'}</p>
          ) : null}
        </>
      ) : null}
      {status === 'issued' || status === 'revoked' ? (
        <>
          <IssuedFacts document={document} />
          {document.senderRequest === undefined ? null : (
            <div className="card" data-testid="sender-request">
              <strong>Đã gửi đề nghị {label('senderRequestType', document.senderRequest.type).toLowerCase()}</strong>
              <p>
                {vnDateTime(document.senderRequest.at)}: {document.senderRequest.reason}
              </p>
            </div>
          )}
          <Deliveries document={document} />
          {status === 'issued' && clerk ? <SenderRequests document={document} onDone={done} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** A draft: its drafter edits it, uploads its PDF and submits it to the leader. */
function DraftActions({
  document,
  drafter,
  done,
  reload,
}: {
  readonly document: OutgoingDocument;
  readonly drafter: boolean;
  readonly done: (message: string) => void;
  readonly reload: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const submission = useSubmission();
  const submit = async () => {
    const submitted = await submission.run({ submit: document.id, version: document.version }, (headers) =>
      data(api.POST('/documents/{id}/submit', { params: { path: { id: document.id } }, headers })),
    );
    if (submitted !== undefined) done('Đã trình lãnh đạo ký duyệt.');
  };
  if (!drafter) {
    return <p className="muted">Dự thảo của {document.createdBy.name}: chỉ người soạn sửa và trình văn bản.</p>;
  }
  return (
    <>
      {editing ? (
        <section className="card" aria-labelledby="outgoing-edit-title">
          <h3 id="outgoing-edit-title">Sửa dự thảo</h3>
          <DraftForm
            document={document}
            submitLabel="Lưu dự thảo"
            action="save-draft"
            save={(body, headers) => data(api.PUT('/documents/{id}/draft', { params: { path: { id: document.id } }, body, headers }))}
            onSaved={() => {
              setEditing(false);
              done('Đã lưu dự thảo.');
            }}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <div className="row">
          <button type="button" className="secondary" data-action="edit" onClick={() => setEditing(true)}>
            Sửa dự thảo
          </button>
        </div>
      )}
      <FilesPanel document={document} canUpload onUploaded={reload} />
      <section className="card" aria-labelledby="outgoing-submit-title">
        <h3 id="outgoing-submit-title">Trình ký</h3>
        <p className="muted">Trình lãnh đạo duyệt và ký số bản PDF đã tải lên. Sau khi trình, dự thảo không sửa được trừ khi lãnh đạo trả lại.</p>
        <ErrorBox error={submission.error} />
        <button type="button" data-action="submit" disabled={submission.busy} onClick={() => void submit()}>
          {submission.busy ? 'Đang trình…' : 'Trình lãnh đạo'}
        </button>
      </section>
    </>
  );
}

/** The leader's other decisions: approve without a personal signature, or send the draft back with a reason. */
function LeaderDecision({ document, done }: { readonly document: OutgoingDocument; readonly done: (message: string) => void }) {
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const approve = async () => {
    const approved = await submission.run({ approve: document.id, version: document.version }, (headers) =>
      data(api.POST('/documents/{id}/approve', { params: { path: { id: document.id } }, headers })),
    );
    if (approved !== undefined) done('Đã duyệt văn bản (không ký số).');
  };
  const sendBack = async (event: FormEvent) => {
    event.preventDefault();
    const body = { reason: reason.trim() };
    const sent = await submission.run({ reject: document.id, body }, (headers) =>
      data(api.POST('/documents/{id}/reject', { params: { path: { id: document.id } }, body, headers })),
    );
    if (sent !== undefined) {
      setSendingBack(false);
      setReason('');
      done('Đã trả lại dự thảo cho người soạn.');
    }
  };
  const reasonError = fieldIssue(submission.error, 'body.reason');
  return (
    <section className="card" aria-labelledby="outgoing-decision-title">
      <h3 id="outgoing-decision-title">{document.status === 'submitted' ? 'Duyệt hoặc trả lại' : 'Trả lại'}</h3>
      <ErrorBox error={submission.error} />
      <div className="row">
        {document.status === 'submitted' ? (
          <button type="button" className="secondary" data-action="approve" disabled={submission.busy} onClick={() => void approve()}>
            Duyệt không ký số
          </button>
        ) : null}
        <button type="button" className="secondary" data-action="send-back" aria-expanded={sendingBack} onClick={() => setSendingBack(!sendingBack)}>
          Trả lại
        </button>
      </div>
      {document.status === 'submitted' ? (
        <p className="muted">Duyệt không ký số chỉ dùng khi quy định không yêu cầu chữ ký số của lãnh đạo; nếu có yêu cầu, văn thư sẽ không phát hành được.</p>
      ) : null}
      {!sendingBack ? null : (
        <form onSubmit={(event) => void sendBack(event)} aria-label="Trả lại dự thảo">
          <FormField id="send-back-reason" label="Lý do trả lại" error={reasonError}>
            <textarea
              id="send-back-reason"
              rows={3}
              required
              maxLength={1000}
              value={reason}
              aria-invalid={reasonError === undefined ? undefined : true}
              aria-describedby={describedBy('send-back-reason', undefined, reasonError)}
              onChange={(event) => setReason(event.target.value)}
            />
          </FormField>
          <div className="row">
            <button type="submit" className="danger" data-action="confirm-send-back" disabled={submission.busy}>
              Trả lại người soạn
            </button>
            <button type="button" className="secondary" data-action="cancel-send-back" onClick={() => setSendingBack(false)}>
              Hủy
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
