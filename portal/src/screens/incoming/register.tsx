import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { currentSession, hasRole } from '../../auth/session.ts';
import { ErrorBox, Page } from '../../components/ui.tsx';
import { vnDate } from '../../format.ts';
import { navigate } from '../../router.ts';
import { label } from '../../vocabulary.ts';
import { FieldError, fieldErrors, newIdempotencyKey, statusLabel } from '../documents/shared.tsx';
import {
  type Channel,
  channels,
  documentTypes,
  type IncomingRegistration,
  type Problem,
  type RegisteredDocument,
  type Secrecy,
  secrecyLevels,
  type Urgency,
  urgencies,
} from '../documents/types.ts';

interface Form {
  issuerName: string;
  issuerCode: string;
  codeNumber: string;
  codeNotation: string;
  promulgationDate: string;
  typeName: string;
  subject: string;
  signerName: string;
  signerPosition: string;
  urgency: Urgency;
  secrecy: Secrecy;
  channel: Channel;
  dueDate: string;
  note: string;
}

const EMPTY: Form = {
  issuerName: '',
  issuerCode: '',
  codeNumber: '',
  codeNotation: '',
  promulgationDate: '',
  typeName: '',
  subject: '',
  signerName: '',
  signerPosition: '',
  urgency: 'normal',
  secrecy: 'none',
  channel: 'paper',
  dueDate: '',
  note: '',
};

/** The body of POST /documents/incoming from the form: optional fields only when filled in. */
function bodyOf(form: Form): IncomingRegistration {
  const trimmed = (value: string) => value.trim();
  return {
    issuer: { organName: trimmed(form.issuerName), ...(trimmed(form.issuerCode) === '' ? {} : { organId: trimmed(form.issuerCode) }) },
    codeNumber: trimmed(form.codeNumber),
    codeNotation: trimmed(form.codeNotation),
    promulgationDate: form.promulgationDate,
    typeName: trimmed(form.typeName),
    subject: trimmed(form.subject),
    ...(trimmed(form.signerName) === ''
      ? {}
      : { signer: { fullName: trimmed(form.signerName), ...(trimmed(form.signerPosition) === '' ? {} : { position: trimmed(form.signerPosition) }) } }),
    urgency: form.urgency,
    secrecy: form.secrecy,
    channel: form.channel,
    ...(form.dueDate === '' ? {} : { dueDate: form.dueDate }),
    ...(trimmed(form.note) === '' ? {} : { note: trimmed(form.note) }),
  };
}

/**
 * Vào sổ văn bản đến (POST /documents/incoming), for clerks: the document's metadata, then its page. A document
 * the agency already registered (same issuer, number, notation and year) is shown first, to register anyway
 * or not. One Idempotency-Key per request body: a double click, or sending the same form again, cannot give
 * two arrival numbers.
 */
export function RegisterIncoming() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [duplicate, setDuplicate] = useState<{ body: IncomingRegistration; existing?: RegisteredDocument; detail: string }>();
  const keys = useRef(new Map<string, string>());
  const keyOf = (body: IncomingRegistration) => {
    const text = JSON.stringify(body);
    const known = keys.current.get(text);
    if (known !== undefined) return known;
    const key = newIdempotencyKey();
    keys.current.set(text, key);
    return key;
  };
  const set =
    <K extends keyof Form>(name: K) =>
    (value: Form[K]) => {
      setForm((previous) => ({ ...previous, [name]: value }));
      setDuplicate(undefined);
    };
  const send = async (body: IncomingRegistration) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.POST('/documents/incoming', { body, headers: { 'Idempotency-Key': keyOf(body) } });
      const problem = result.error as (Problem & { existing?: RegisteredDocument }) | undefined;
      if (problem !== undefined && result.response.status === 409 && problem.type.endsWith('duplicate-document')) {
        setDuplicate({ body, detail: problem.detail, ...(problem.existing === undefined ? {} : { existing: problem.existing }) });
        return;
      }
      const document = await data(Promise.resolve(result));
      navigate(`/documents/${encodeURIComponent(document.id)}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(bodyOf(form));
  };
  if (!hasRole(currentSession(), 'clerk')) {
    return (
      <Page title="Vào sổ văn bản đến">
        <p>Chỉ văn thư được vào sổ văn bản đến.</p>
      </Page>
    );
  }
  const field = (id: string, path: string, text: string, control: (aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode, hint?: string) => {
    const messages = fieldErrors(error, path);
    const described = [hint === undefined ? undefined : `${id}-hint`, messages.length === 0 ? undefined : `${id}-error`].filter((part) => part !== undefined).join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>{text}</label>
        {control({ ...(messages.length === 0 ? {} : { 'aria-invalid': true }), ...(described === '' ? {} : { 'aria-describedby': described }) })}
        {hint === undefined ? null : <small id={`${id}-hint`}>{hint}</small>}
        <FieldError id={`${id}-error`} messages={messages} />
      </div>
    );
  };
  return (
    <Page title="Vào sổ văn bản đến">
      <div className="doc-page doc-form">
        {duplicate === undefined ? null : (
          <DuplicateWarning duplicate={duplicate} busy={busy} onRegister={() => void send({ ...duplicate.body, allowDuplicate: true })} onCancel={() => setDuplicate(undefined)} />
        )}
        <form onSubmit={submit} aria-describedby="reg-required">
          <p id="reg-required" className="muted">
            Các mục có dấu * là bắt buộc. Số đến do hệ thống cấp khi vào sổ.
          </p>
          <fieldset>
            <legend>Cơ quan ban hành (nơi gửi)</legend>
            <div className="pair">
              {field('reg-issuer-name', 'body.issuer.organName', 'Tên cơ quan ban hành *', (aria) => (
                <input id="reg-issuer-name" required maxLength={200} value={form.issuerName} onChange={(event) => set('issuerName')(event.target.value)} {...aria} />
              ))}
              {field(
                'reg-issuer-code',
                'body.issuer.organId',
                'Mã định danh cơ quan',
                (aria) => (
                  <input id="reg-issuer-code" maxLength={13} value={form.issuerCode} onChange={(event) => set('issuerCode')(event.target.value)} {...aria} />
                ),
                'Không bắt buộc, ví dụ 000.00.00.G12',
              )}
            </div>
          </fieldset>
          <fieldset>
            <legend>Văn bản</legend>
            <div className="pair">
              {field('reg-code-number', 'body.codeNumber', 'Số *', (aria) => (
                <input id="reg-code-number" required maxLength={11} value={form.codeNumber} onChange={(event) => set('codeNumber')(event.target.value)} {...aria} />
              ))}
              {field(
                'reg-code-notation',
                'body.codeNotation',
                'Ký hiệu *',
                (aria) => (
                  <input id="reg-code-notation" required maxLength={30} value={form.codeNotation} onChange={(event) => set('codeNotation')(event.target.value)} {...aria} />
                ),
                'Ví dụ QĐ-BTC',
              )}
              {field('reg-promulgation-date', 'body.promulgationDate', 'Ngày ban hành *', (aria) => (
                <input id="reg-promulgation-date" type="date" required value={form.promulgationDate} onChange={(event) => set('promulgationDate')(event.target.value)} {...aria} />
              ))}
              {field('reg-type-name', 'body.typeName', 'Loại văn bản *', (aria) => (
                <>
                  <input
                    id="reg-type-name"
                    list="reg-type-names"
                    required
                    maxLength={100}
                    value={form.typeName}
                    onChange={(event) => set('typeName')(event.target.value)}
                    {...aria}
                  />
                  <datalist id="reg-type-names">
                    {documentTypes.map((type) => (
                      <option key={type} value={type} />
                    ))}
                  </datalist>
                </>
              ))}
            </div>
            {field('reg-subject', 'body.subject', 'Trích yếu *', (aria) => (
              <textarea id="reg-subject" required rows={3} maxLength={500} value={form.subject} onChange={(event) => set('subject')(event.target.value)} {...aria} />
            ))}
            <div className="pair">
              {field('reg-signer-name', 'body.signer.fullName', 'Người ký', (aria) => (
                <input id="reg-signer-name" maxLength={50} value={form.signerName} onChange={(event) => set('signerName')(event.target.value)} {...aria} />
              ))}
              {field('reg-signer-position', 'body.signer.position', 'Chức vụ người ký', (aria) => (
                <input id="reg-signer-position" maxLength={100} value={form.signerPosition} onChange={(event) => set('signerPosition')(event.target.value)} {...aria} />
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Tiếp nhận và xử lý</legend>
            <div className="pair">
              {field('reg-urgency', 'body.urgency', 'Độ khẩn', (aria) => (
                <select id="reg-urgency" value={form.urgency} onChange={(event) => set('urgency')(event.target.value as Urgency)} {...aria}>
                  {urgencies.map((value) => (
                    <option key={value} value={value}>
                      {label('urgency', value)}
                    </option>
                  ))}
                </select>
              ))}
              {field(
                'reg-secrecy',
                'body.secrecy',
                'Độ mật',
                (aria) => (
                  <select id="reg-secrecy" value={form.secrecy} onChange={(event) => set('secrecy')(event.target.value as Secrecy)} {...aria}>
                    {secrecyLevels.map((value) => (
                      <option key={value} value={value}>
                        {label('secrecy', value)}
                      </option>
                    ))}
                  </select>
                ),
                form.secrecy === 'none' ? undefined : 'Văn bản mật vào sổ mật, không lưu nội dung trên hệ thống.',
              )}
              {field('reg-channel', 'body.channel', 'Hình thức nhận', (aria) => (
                <select id="reg-channel" value={form.channel} onChange={(event) => set('channel')(event.target.value as Channel)} {...aria}>
                  {channels.map((value) => (
                    <option key={value} value={value}>
                      {label('channel', value)}
                    </option>
                  ))}
                </select>
              ))}
              {field('reg-due-date', 'body.dueDate', 'Hạn xử lý', (aria) => (
                <input id="reg-due-date" type="date" value={form.dueDate} onChange={(event) => set('dueDate')(event.target.value)} {...aria} />
              ))}
            </div>
            {field('reg-note', 'body.note', 'Ghi chú', (aria) => (
              <textarea id="reg-note" rows={2} maxLength={1000} value={form.note} onChange={(event) => set('note')(event.target.value)} {...aria} />
            ))}
          </fieldset>
          <ErrorBox error={error} />
          <div className="buttons">
            <button type="submit" disabled={busy} data-action="register-incoming">
              {busy ? 'Đang vào sổ…' : 'Vào sổ'}
            </button>
            <a href="#/incoming">Hủy</a>
          </div>
        </form>
      </div>
    </Page>
  );
}

/** The 409 duplicate-document: the document already registered, and the choice to register this one anyway. */
function DuplicateWarning({
  duplicate,
  busy,
  onRegister,
  onCancel,
}: {
  readonly duplicate: { existing?: RegisteredDocument; detail: string };
  readonly busy: boolean;
  readonly onRegister: () => void;
  readonly onCancel: () => void;
}) {
  const existing = duplicate.existing;
  return (
    <section className="doc-duplicate" aria-labelledby="duplicate-title" data-testid="duplicate-warning">
      <h2 id="duplicate-title">Văn bản này có thể đã được vào sổ</h2>
      <p role="alert">Đã có văn bản cùng nơi gửi, cùng số, ký hiệu và năm ban hành. Kiểm tra trước khi vào sổ thêm lần nữa.</p>
      {existing === undefined ? (
        <p className="muted">{duplicate.detail}</p>
      ) : (
        <dl className="facts">
          <dt>Số đến</dt>
          <dd data-testid="duplicate-arrival-number">
            {existing.arrivalNumber ?? '—'}
            {existing.arrivalYear === undefined ? '' : `/${existing.arrivalYear}`}
          </dd>
          <dt>Số, ký hiệu</dt>
          <dd>
            {existing.codeNumber}/{existing.codeNotation}
          </dd>
          <dt>Nơi gửi</dt>
          <dd>{existing.issuer.organName}</dd>
          <dt>Trích yếu</dt>
          <dd>
            <a href={`#/documents/${encodeURIComponent(existing.id)}`}>{existing.subject}</a>
          </dd>
          <dt>Ngày đến</dt>
          <dd>{vnDate(existing.arrivalDate)}</dd>
          <dt>Trạng thái</dt>
          <dd>{statusLabel(existing)}</dd>
        </dl>
      )}
      <div className="buttons">
        <button type="button" onClick={onRegister} disabled={busy} data-action="register-anyway">
          Vẫn vào sổ
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Không vào sổ
        </button>
      </div>
    </section>
  );
}
