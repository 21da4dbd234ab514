import { type FormEvent, type ReactNode, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { currentSession, hasRole } from '../../auth/session.ts';
import { ErrorBox, Field } from '../../components/ui.tsx';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { newIdempotencyKey, numberNotation } from '../documents/shared.tsx';
import type { AssignedTo, AssignmentRequest, IncomingDocument } from '../documents/types.ts';
import { AssigneePicker, type Picks, picksOf } from './picker.tsx';

type Done = (message: string) => void;

/**
 * The steps of an incoming document the signed-in person may take now (the API still decides): a clerk
 * registers or returns it and answers the sender's requests; a leader assigns it; the assignees (and leaders)
 * report progress and complete it. Each step shows its result, or the API's refusal, and reloads the document.
 */
export function IncomingActions({ document, reload }: { readonly document: IncomingDocument; readonly reload: () => void }) {
  const session = currentSession();
  const [result, setResult] = useState('');
  const done: Done = (message) => {
    setResult(message);
    reload();
  };
  const clerk = hasRole(session, 'clerk');
  const leader = hasRole(session, 'leader');
  const specialist = hasRole(session, 'specialist');
  const me = session?.sub ?? '';
  const concerns = (assignee: AssignedTo) => (assignee.kind === 'person' ? assignee.sub === me : specialist && (assignee.members ?? []).includes(me));
  const assignment = document.assignment;
  const open = document.status === 'assigned' || document.status === 'processing';
  const canProgress = open && (leader || (specialist && assignment !== undefined && [assignment.lead, ...assignment.coordinators].some(concerns)));
  const canComplete = open && (leader || (specialist && assignment !== undefined && concerns(assignment.lead)));
  const forms: ReactNode[] = [];
  if (clerk && document.status === 'arrived') forms.push(<RegisterArrived key="register" document={document} done={done} />);
  if (leader && (document.status === 'registered' || open)) forms.push(<AssignForm key="assign" document={document} done={done} />);
  if (canProgress) forms.push(<ProgressForm key="progress" document={document} done={done} />);
  if (canComplete) forms.push(<CompleteForm key="complete" document={document} done={done} />);
  if (clerk && document.pendingRequest !== undefined) forms.push(<DecisionForm key="decision" document={document} done={done} />);
  if (clerk && (document.status === 'arrived' || document.status === 'registered')) forms.push(<ReturnForm key="return" document={document} done={done} />);
  return (
    <>
      <div role="status" className={result === '' ? undefined : 'doc-result'} data-testid="action-result">
        {result === '' ? null : <p>{result}</p>}
      </div>
      {forms.length === 0 ? (
        <p className="muted" data-testid="no-actions">
          {document.status === 'finished' || document.status === 'returned' || document.status === 'withdrawn'
            ? `Văn bản đã ${label('incomingStatus', document.status).toLowerCase()}: không còn bước xử lý nào.`
            : 'Bạn không có bước xử lý nào với văn bản ở trạng thái này.'}
        </p>
      ) : (
        <div className="doc-actions">{forms}</div>
      )}
    </>
  );
}

/** A step's submission: busy while it runs, its refusal kept to show, one Idempotency-Key per submission. */
function useStep() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (step: (headers: { 'Idempotency-Key': string }) => Promise<string>, done: Done) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      done(await step({ 'Idempotency-Key': newIdempotencyKey() }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function RegisterArrived({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const register = () =>
    step.run(async (headers) => {
      const registered = await data(api.POST('/documents/{id}/register', { params: { path: { id: document.id } }, headers }));
      return `Đã vào sổ văn bản đến, số đến ${registered.arrivalNumber ?? ''}.`;
    }, done);
  return (
    <div className="card">
      <h3>Vào sổ</h3>
      <p>Kiểm tra nơi nhận và chữ ký số của văn bản {numberNotation(document)}, rồi vào sổ để cấp số đến.</p>
      <ErrorBox error={step.error} />
      <div className="buttons">
        <button type="button" onClick={() => void register()} disabled={step.busy} data-action="register">
          Vào sổ văn bản đến
        </button>
      </div>
    </div>
  );
}

function ReturnForm({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void step.run(async (headers) => {
      await data(api.POST('/documents/{id}/return', { params: { path: { id: document.id } }, body: { reason: reason.trim() }, headers }));
      setReason('');
      return 'Đã trả lại văn bản cho nơi gửi.';
    }, done);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="return-title">
      <h3 id="return-title">Trả lại văn bản</h3>
      <Field label="Lý do trả lại" id="return-reason">
        <textarea id="return-reason" required rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <ErrorBox error={step.error} />
      <div className="buttons">
        <button type="submit" className="danger" disabled={step.busy} data-action="return">
          Trả lại
        </button>
      </div>
    </form>
  );
}

type DueMode = 'date' | 'days' | 'none';

function AssignForm({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const [picks, setPicks] = useState<Picks>(() => picksOf(document.assignment));
  const initialDue = document.assignment?.dueDate ?? document.dueDate ?? '';
  const [mode, setMode] = useState<DueMode>(initialDue === '' ? 'days' : 'date');
  const [dueDate, setDueDate] = useState(initialDue);
  const [days, setDays] = useState('');
  const [note, setNote] = useState(document.assignment?.note ?? '');
  const [missing, setMissing] = useState('');
  const reassign = document.assignment !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lead = picks.lead;
    if (lead === undefined) {
      setMissing('Chọn một người hoặc một đơn vị chủ trì xử lý.');
      return;
    }
    setMissing('');
    const body: AssignmentRequest = {
      lead,
      coordinators: [...picks.coordinators],
      forInformation: [...picks.forInformation],
      ...(mode === 'date' && dueDate !== '' ? { dueDate } : {}),
      ...(mode === 'days' && days.trim() !== '' ? { dueInWorkingDays: Number(days) } : {}),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    };
    void step.run(async (headers) => {
      const assigned = await data(api.POST('/documents/{id}/assignments', { params: { path: { id: document.id } }, body, headers }));
      return `Đã ${reassign ? 'phân công lại' : 'phân công'}: ${assigned.assignment?.lead.name ?? lead.name ?? ''} chủ trì xử lý.`;
    }, done);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="assign-title">
      <h3 id="assign-title">{reassign ? 'Phân công lại' : 'Phân công xử lý'}</h3>
      <AssigneePicker picks={picks} onChange={setPicks} idPrefix="assign" />
      <fieldset>
        <legend>Hạn xử lý</legend>
        <div className="radio-row">
          {(
            [
              ['date', 'Đến ngày'],
              ['days', 'Số ngày làm việc'],
              ['none', 'Không đặt hạn'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} htmlFor={`assign-due-mode-${value}`}>
              <input id={`assign-due-mode-${value}`} type="radio" name="assign-due-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {text}
            </label>
          ))}
        </div>
        {mode === 'date' ? (
          <Field label="Hạn xử lý (ngày)" id="assign-due-date">
            <input id="assign-due-date" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          </Field>
        ) : null}
        {mode === 'days' ? (
          <Field label="Số ngày làm việc kể từ hôm nay" id="assign-due-days" hint="Không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ.">
            <input
              id="assign-due-days"
              type="number"
              inputMode="numeric"
              min={0}
              max={365}
              value={days}
              onChange={(event) => setDays(event.target.value)}
              aria-describedby="assign-due-days-hint"
            />
          </Field>
        ) : null}
      </fieldset>
      <Field label="Ý kiến chỉ đạo" id="assign-note">
        <textarea id="assign-note" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      {missing === '' ? null : (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      <ErrorBox error={step.error} />
      <div className="buttons">
        <button type="submit" disabled={step.busy} data-action="assign">
          {reassign ? 'Phân công lại' : 'Phân công'}
        </button>
      </div>
    </form>
  );
}

function ProgressForm({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void step.run(async (headers) => {
      await data(api.POST('/documents/{id}/progress', { params: { path: { id: document.id } }, body: { note: note.trim() }, headers }));
      setNote('');
      return 'Đã ghi tiến độ xử lý.';
    }, done);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="progress-title">
      <h3 id="progress-title">Báo cáo tiến độ</h3>
      <Field label="Nội dung tiến độ" id="progress-note">
        <textarea id="progress-note" required rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <ErrorBox error={step.error} />
      <div className="buttons">
        <button type="submit" disabled={step.busy} data-action="progress">
          Ghi tiến độ
        </button>
      </div>
    </form>
  );
}

function CompleteForm({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const me = currentSession()?.sub ?? '';
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');
  const [pasted, setPasted] = useState('');
  // The caller's own outgoing documents (drafts first), to name the reply.
  const drafts = useLoad(() => data(api.GET('/documents', { params: { query: { direction: 'outgoing', limit: 100 } } })), []);
  const mine = (drafts.value?.items ?? [])
    .flatMap((item) => (item.direction === 'outgoing' && item.createdBy.sub === me ? [item] : []))
    .sort((a, b) => Number(b.status === 'draft') - Number(a.status === 'draft'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const replyDocumentId = pasted.trim() !== '' ? pasted.trim() : reply;
    void step.run(async (headers) => {
      await data(
        api.POST('/documents/{id}/complete', {
          params: { path: { id: document.id } },
          body: { ...(note.trim() === '' ? {} : { note: note.trim() }), ...(replyDocumentId === '' ? {} : { replyDocumentId }) },
          headers,
        }),
      );
      return 'Đã hoàn thành xử lý văn bản.';
    }, done);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="complete-title">
      <h3 id="complete-title">Hoàn thành xử lý</h3>
      <Field label="Kết quả xử lý" id="complete-note">
        <textarea id="complete-note" rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <Field label="Văn bản trả lời (văn bản đi của tôi)" id="complete-reply">
        <select id="complete-reply" value={reply} onChange={(event) => setReply(event.target.value)}>
          <option value="">Không có văn bản trả lời</option>
          {mine.map((item) => (
            <option key={item.id} value={item.id}>
              {item.issue === undefined ? label('outgoingStatus', item.status) : `${item.issue.codeNumber}/${item.issue.codeNotation}`} — {item.subject.slice(0, 80)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Hoặc dán mã văn bản trả lời" id="complete-reply-id" hint="Mã 26 ký tự của văn bản, thay cho lựa chọn ở trên.">
        <input id="complete-reply-id" value={pasted} onChange={(event) => setPasted(event.target.value)} autoComplete="off" aria-describedby="complete-reply-id-hint" />
      </Field>
      <ErrorBox error={step.error ?? drafts.error} />
      <div className="buttons">
        <button type="submit" disabled={step.busy} data-action="complete">
          Hoàn thành
        </button>
      </div>
    </form>
  );
}

function DecisionForm({ document, done }: { readonly document: IncomingDocument; readonly done: Done }) {
  const step = useStep();
  const [note, setNote] = useState('');
  const request = document.pendingRequest;
  if (request === undefined) return null;
  const kind = label('senderRequestType', request.type).toLowerCase();
  const decide = (decision: 'accept' | 'refuse') =>
    step.run(async (headers) => {
      await data(
        api.POST('/documents/{id}/request-decision', {
          params: { path: { id: document.id } },
          body: { decision, ...(note.trim() === '' ? {} : { note: note.trim() }) },
          headers,
        }),
      );
      setNote('');
      return `Đã ${label('senderRequestDecision', decision).toLowerCase()} đề nghị ${kind} của nơi gửi.`;
    }, done);
  return (
    <div className="card">
      <h3>Đề nghị {kind} của nơi gửi</h3>
      <p>Lý do: {request.reason}</p>
      <Field label="Ghi chú trả lời" id="decision-note">
        <textarea id="decision-note" rows={2} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <ErrorBox error={step.error} />
      <div className="buttons">
        <button type="button" onClick={() => void decide('accept')} disabled={step.busy} data-action="accept-request">
          Đồng ý {kind}
        </button>
        <button type="button" className="danger" onClick={() => void decide('refuse')} disabled={step.busy} data-action="refuse-request">
          Từ chối
        </button>
      </div>
    </div>
  );
}
