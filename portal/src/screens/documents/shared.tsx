import { ApiProblem } from '../../api/client.ts';
import { label } from '../../vocabulary.ts';
import type { DocumentView, ListedDocument, Secrecy, Urgency } from './types.ts';
import './documents.css';

/** The urgencies shown as urgent (red): Thượng khẩn, Hỏa tốc, Hỏa tốc hẹn giờ. */
const URGENT: readonly Urgency[] = ['very-urgent', 'flash', 'flash-timed'];

/** Độ khẩn as a badge, in words (never colour alone); nothing for Thường. */
export function UrgencyBadge({ urgency }: { readonly urgency: Urgency }) {
  if (urgency === 'normal') return null;
  return (
    <span className={URGENT.includes(urgency) ? 'badge urgent' : 'badge'} data-urgency={urgency}>
      {label('urgency', urgency)}
    </span>
  );
}

/** Độ mật as a badge; nothing for a document that is not secret. */
export function SecrecyBadge({ secrecy }: { readonly secrecy: Secrecy }) {
  if (secrecy === 'none') return null;
  return (
    <span className="badge secret" data-secrecy={secrecy}>
      {label('secrecy', secrecy)}
    </span>
  );
}

export function Badges({ document }: { readonly document: Pick<DocumentView, 'urgency' | 'secrecy'> }) {
  if (document.urgency === 'normal' && document.secrecy === 'none') return <span className="muted">Thường</span>;
  return (
    <span className="badges">
      <UrgencyBadge urgency={document.urgency} /> <SecrecyBadge secrecy={document.secrecy} />
    </span>
  );
}

/** The label of a document's status, from the vocabulary of its direction. */
export function statusLabel(document: Pick<DocumentView, 'direction' | 'status'>): string {
  return label(document.direction === 'incoming' ? 'incomingStatus' : 'outgoingStatus', document.status);
}

/** `15/QĐ-BTC` of an incoming document, or the number and notation an outgoing one was issued with. */
export function numberNotation(document: DocumentView | ListedDocument): string {
  if (document.direction === 'incoming') return `${document.codeNumber}/${document.codeNotation}`;
  return document.issue === undefined ? '' : `${document.issue.codeNumber}/${document.issue.codeNotation}`;
}

/** Bytes in words: 1,2 MB. */
export function fileSize(bytes: number): string {
  const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
  return `${number.format(bytes / (1024 * 1024))} MB`;
}

/** The actions of the history, in words (the API names them in English: `registered`, `revocation-accepted`). */
const ACTIONS: Readonly<Record<string, string>> = {
  arrived: 'Văn bản đến',
  registered: 'Vào sổ văn bản đến',
  returned: 'Trả lại văn bản',
  assigned: 'Phân công xử lý',
  reassigned: 'Phân công lại',
  progress: 'Báo cáo tiến độ',
  completed: 'Hoàn thành xử lý',
  overdue: 'Quá hạn xử lý',
  drafted: 'Soạn dự thảo',
  edited: 'Sửa dự thảo',
  submitted: 'Trình ký',
  approved: 'Lãnh đạo ký duyệt',
  'sent-back': 'Trả lại dự thảo',
  signed: 'Ký số',
  issued: 'Cấp số, phát hành',
  revoked: 'Thu hồi',
};

const REQUEST_STEPS: Readonly<Record<string, string>> = {
  sent: 'Gửi đề nghị',
  requested: 'Nơi gửi đề nghị',
  accepted: 'Đồng ý đề nghị',
  refused: 'Từ chối đề nghị',
};

export function actionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known !== undefined) return known;
  const request = /^(revocation|update|replacement)-(sent|requested|accepted|refused)$/.exec(action);
  if (request?.[1] !== undefined && request[2] !== undefined) return `${REQUEST_STEPS[request[2]]} ${label('senderRequestType', request[1]).toLowerCase()}`;
  return action;
}

/** A fresh Idempotency-Key (crypto.randomUUID where the page is a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The messages the API gave for a field (`body.codeNumber`, `body.issuer.organName`, `body.coordinators.0.unitId`). */
export function fieldErrors(error: unknown, path: string): string[] {
  if (!(error instanceof ApiProblem)) return [];
  return error.errors.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`)).map((issue) => issue.message);
}

/** The API's words on a field, under it; `id` is what the control's aria-describedby names. */
export function FieldError({ id, messages }: { readonly id: string; readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <small id={id} className="field-error">
      {messages.join('; ')}
    </small>
  );
}
