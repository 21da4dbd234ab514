import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox } from '../../components/ui.tsx';
import { useLoad } from '../../hooks.ts';
import { label, loadVocabulary } from '../../vocabulary.ts';
import { RecipientPicker } from './recipient-picker.tsx';
import { describedBy, FormField, fieldIssue, type IdempotencyHeaders, useSubmission } from './shared.tsx';
import type { NewDraft, OutgoingDocument, Recipient } from './types.ts';

/** Công văn and Thư công have no type abbreviation: their notation carries the drafting unit (05/UBND-VX). */
const UNIT_TYPES = ['Công văn', 'Thư công'];
/** The types that can be legal normative documents of a local government (Nghị định 30, Điều 15). */
const LEGAL_TYPES = ['Nghị quyết', 'Quyết định'];

interface DraftState {
  typeName: string;
  subject: string;
  urgency: string;
  secrecy: string;
  unit: string;
  legalNormative: boolean;
  signerPosition: string;
  signerName: string;
  recipients: Recipient[];
  places: string;
  dueDate: string;
  note: string;
}

function stateOf(document: OutgoingDocument | undefined): DraftState {
  return {
    typeName: document?.typeName ?? '',
    subject: document?.subject ?? '',
    urgency: document?.urgency ?? 'normal',
    secrecy: document?.secrecy ?? 'none',
    unit: typeof document?.draftingUnitAbbreviation === 'string' ? document.draftingUnitAbbreviation : '',
    legalNormative: document?.legalNormative ?? false,
    signerPosition: document?.signer?.position ?? '',
    signerName: document?.signer?.fullName ?? '',
    recipients: (document?.recipients ?? []).map((recipient) => ({ organId: String(recipient.organId), organName: recipient.organName })),
    places: (document?.places ?? []).join('\n'),
    dueDate: document?.dueDate ?? '',
    note: document?.note ?? '',
  };
}

function bodyOf(state: DraftState): NewDraft {
  const body: NewDraft = {
    typeName: state.typeName as NewDraft['typeName'],
    subject: state.subject.trim(),
    urgency: state.urgency as NewDraft['urgency'],
    secrecy: state.secrecy as NewDraft['secrecy'],
    recipients: state.recipients,
    places: state.places
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
  if (state.unit.trim() !== '') body.draftingUnitAbbreviation = state.unit.trim();
  if (LEGAL_TYPES.includes(state.typeName)) body.legalNormative = state.legalNormative;
  if (state.signerName.trim() !== '') body.signer = { fullName: state.signerName.trim(), ...(state.signerPosition.trim() === '' ? {} : { position: state.signerPosition.trim() }) };
  if (state.dueDate !== '') body.dueDate = state.dueDate;
  if (state.note.trim() !== '') body.note = state.note.trim();
  return body;
}

/**
 * The fields of an outgoing draft, for a new one (POST /documents/outgoing) and for editing one
 * (PUT /documents/{id}/draft). A 400 names its fields: each message is shown under its field.
 */
export function DraftForm({
  document,
  submitLabel,
  action,
  save,
  onSaved,
  onCancel,
}: {
  readonly document?: OutgoingDocument;
  readonly submitLabel: string;
  readonly action: string;
  readonly save: (body: NewDraft, headers: IdempotencyHeaders) => Promise<OutgoingDocument>;
  readonly onSaved: (document: OutgoingDocument) => void;
  readonly onCancel?: () => void;
}) {
  const [state, setState] = useState<DraftState>(() => stateOf(document));
  const submission = useSubmission();
  const vocabulary = useLoad(() => loadVocabulary(), []);
  const leaders = useLoad(() => data(api.GET('/users', { params: { query: { role: 'leader', limit: 100 } } })).then((page) => page.items.filter((person) => person.active)), []);
  const set = <K extends keyof DraftState>(key: K, value: DraftState[K]) => setState((previous) => ({ ...previous, [key]: value }));
  const issue = (path: string) => fieldIssue(submission.error, path);
  const values = (entry: string) => vocabulary.value?.[entry]?.values ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(state);
    const saved = await submission.run({ action, id: document?.id, body }, (headers) => save(body, headers));
    if (saved !== undefined) onSaved(saved);
  };

  const unitError = issue('body.draftingUnitAbbreviation');
  const showUnit = UNIT_TYPES.includes(state.typeName) || unitError !== undefined || state.unit !== '';
  const unitHint =
    state.typeName === 'Công văn'
      ? 'Bắt buộc với Công văn: chữ in hoa và số, ví dụ VX — số văn bản sẽ là 05/UBND-VX.'
      : 'Chữ in hoa và số, ví dụ VX: ghi sau ký hiệu cơ quan trong số, ký hiệu văn bản.';
  const secrecyHint = state.secrecy !== 'none' ? 'Văn bản mật không gửi điện tử và không lưu nội dung trên hệ thống.' : undefined;
  const signerChoice = leaders.value?.find((person) => person.name === state.signerName)?.sub ?? '';

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={submitLabel}>
      <ErrorBox error={submission.error} />
      <FormField id="draft-type" label="Loại văn bản" error={issue('body.typeName')}>
        <select
          id="draft-type"
          required
          value={state.typeName}
          aria-invalid={issue('body.typeName') === undefined ? undefined : true}
          aria-describedby={describedBy('draft-type', undefined, issue('body.typeName'))}
          onChange={(event) => set('typeName', event.target.value)}
        >
          <option value="">— Chọn loại văn bản —</option>
          {values('documentType').map((value) => (
            <option key={value} value={value}>
              {label('documentType', value)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="draft-subject" label="Trích yếu nội dung" error={issue('body.subject')}>
        <textarea
          id="draft-subject"
          required
          rows={3}
          maxLength={500}
          value={state.subject}
          aria-invalid={issue('body.subject') === undefined ? undefined : true}
          aria-describedby={describedBy('draft-subject', undefined, issue('body.subject'))}
          onChange={(event) => set('subject', event.target.value)}
        />
      </FormField>
      {showUnit ? (
        <FormField id="draft-unit" label="Ký hiệu đơn vị soạn thảo" hint={unitHint} error={unitError}>
          <input
            id="draft-unit"
            autoComplete="off"
            maxLength={12}
            required={state.typeName === 'Công văn'}
            value={state.unit}
            aria-invalid={unitError === undefined ? undefined : true}
            aria-describedby={describedBy('draft-unit', unitHint, unitError)}
            onChange={(event) => set('unit', event.target.value.toUpperCase().replace(/\s/g, ''))}
          />
        </FormField>
      ) : null}
      {LEGAL_TYPES.includes(state.typeName) ? (
        <div className="field checkbox">
          <label>
            <input id="draft-legal" type="checkbox" checked={state.legalNormative} onChange={(event) => set('legalNormative', event.target.checked)} /> Văn bản quy phạm pháp luật
            (số riêng, có năm trong ký hiệu: 15/2026/QĐ-UBND)
          </label>
          {issue('body.legalNormative') === undefined ? null : <small className="field-error">{issue('body.legalNormative')}</small>}
        </div>
      ) : null}
      <div className="row">
        <FormField id="draft-urgency" label="Độ khẩn" error={issue('body.urgency')}>
          <select id="draft-urgency" value={state.urgency} onChange={(event) => set('urgency', event.target.value)}>
            {values('urgency').map((value) => (
              <option key={value} value={value}>
                {label('urgency', value)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="draft-secrecy" label="Độ mật" hint={secrecyHint} error={issue('body.secrecy')}>
          <select
            id="draft-secrecy"
            value={state.secrecy}
            aria-describedby={describedBy('draft-secrecy', secrecyHint, undefined)}
            onChange={(event) => set('secrecy', event.target.value)}
          >
            {values('secrecy').map((value) => (
              <option key={value} value={value}>
                {label('secrecy', value)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <RecipientPicker value={state.recipients} onChange={(recipients) => set('recipients', recipients)} error={issue('body.recipients')} />
      <FormField id="draft-places" label="Nơi nhận khác (mỗi dòng một nơi)" hint="Ví dụ: Như trên; Lưu: VT." error={issue('body.places')}>
        <textarea
          id="draft-places"
          rows={2}
          value={state.places}
          aria-describedby={describedBy('draft-places', 'Ví dụ: Như trên; Lưu: VT.', issue('body.places'))}
          onChange={(event) => set('places', event.target.value)}
        />
      </FormField>
      <fieldset>
        <legend>Người ký</legend>
        {leaders.value !== undefined && leaders.value.length > 0 ? (
          <FormField id="draft-signer-choice" label="Chọn lãnh đạo ký">
            <select
              id="draft-signer-choice"
              value={signerChoice}
              onChange={(event) => {
                const person = leaders.value?.find((candidate) => candidate.sub === event.target.value);
                setState((previous) => ({ ...previous, signerName: person?.name ?? '', signerPosition: person?.position ?? previous.signerPosition }));
              }}
            >
              <option value="">— Tự nhập —</option>
              {leaders.value.map((person) => (
                <option key={person.sub} value={person.sub}>
                  {person.name}
                  {person.position === undefined ? '' : ` — ${person.position}`}
                </option>
              ))}
            </select>
          </FormField>
        ) : null}
        <div className="row">
          <FormField id="draft-signer-position" label="Chức vụ" error={issue('body.signer.position')}>
            <input id="draft-signer-position" maxLength={100} value={state.signerPosition} onChange={(event) => set('signerPosition', event.target.value)} />
          </FormField>
          <FormField id="draft-signer-name" label="Họ và tên người ký" error={issue('body.signer')}>
            <input id="draft-signer-name" maxLength={50} autoComplete="off" value={state.signerName} onChange={(event) => set('signerName', event.target.value)} />
          </FormField>
        </div>
      </fieldset>
      <div className="row">
        <FormField id="draft-due-date" label="Hạn xử lý (nếu có)" error={issue('body.dueDate')}>
          <input id="draft-due-date" type="date" value={state.dueDate} onChange={(event) => set('dueDate', event.target.value)} />
        </FormField>
      </div>
      <FormField id="draft-note" label="Ghi chú" error={issue('body.note')}>
        <textarea id="draft-note" rows={2} maxLength={1000} value={state.note} onChange={(event) => set('note', event.target.value)} />
      </FormField>
      <div className="row">
        <button type="submit" data-action={action} disabled={submission.busy}>
          {submission.busy ? 'Đang lưu…' : submitLabel}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" className="secondary" data-action="cancel-edit" onClick={onCancel}>
            Hủy
          </button>
        )}
      </div>
    </form>
  );
}
