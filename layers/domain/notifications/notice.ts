import { isSecret, type Document } from '../documents/document.ts';
import type { IncomingDocument } from '../documents/incoming.ts';
import type { OutgoingDocument } from '../documents/outgoing.ts';
import { assigneeKey, type Assignee } from '../documents/routing.ts';
import { unitKey } from '../people/unit.ts';
import { vietnameseDate } from '../reminders/message.ts';

/**
 * Notices (thông báo) that work arrived — not only that it is late ("rõ người, rõ việc"): each is derived
 * from a change of a document (the same change, the same notices, in the live path and on a retry) and
 * addressed to an audience the directory resolves to people when it is delivered.
 */
export const noticeKinds = ['assigned', 'urgent-arrived', 'approval-requested', 'draft-returned', 'ready-to-issue', 'sender-request', 'document-returned'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** A person, a unit of an agency (its members), or the holders of a role in an agency (its clerks, its leaders). */
export type Audience =
  | { readonly kind: 'person'; readonly sub: string }
  | { readonly kind: 'unit'; readonly organId: string; readonly unitId: string }
  | { readonly kind: 'role'; readonly organId: string; readonly role: 'clerk' | 'leader' };

/**
 * The inbox key of an audience: `person:<sub>`, `unit:<organId>/<unitId>` (as assignee keys) or `role:<organId>:<role>`.
 * @example audienceKey({ kind: 'role', organId: '000.00.91.H26', role: 'clerk' }) // 'role:000.00.91.H26:clerk'
 */
export function audienceKey(audience: Audience): string {
  if (audience.kind === 'person') return `person:${audience.sub}`;
  if (audience.kind === 'unit') return unitKey(audience.organId, audience.unitId);
  return `role:${audience.organId}:${audience.role}`;
}

/** A notice as the change produces it; its id and time are given where it is written (the outbox entry's). */
export interface NoticeDraft {
  readonly kind: NoticeKind;
  readonly documentId: string;
  /** The agency holding the document: a notice never leaves it. */
  readonly organId: string;
  readonly audience: readonly Audience[];
  /** Who caused it: never told of their own act. */
  readonly actor: { readonly sub: string; readonly name: string };
  readonly subject: string;
  readonly text: string;
  /** About a secret document: subject and text never hold its trích yếu. */
  readonly secret: boolean;
}

export interface Notice extends NoticeDraft {
  readonly id: string;
  readonly at: string;
}

const URGENT = new Set(['very-urgent', 'flash', 'flash-timed']);

/**
 * The notices one change of a document calls for:
 * - `assigned`: to each assignee the change added (lead, coordinators, for information — a person or a unit);
 * - `urgent-arrived`: an incoming Thượng khẩn or Hỏa tốc document was created (arrived or registered) — to the
 *   agency's clerks and leaders at once (Nghị định 30, Art. 4.2.c);
 * - `approval-requested`: a draft submitted — to the leaders; `ready-to-issue`: approved — to the clerks;
 * - `draft-returned`: a draft sent back — to its drafter;
 * - `sender-request`: a revocation, update or replacement from the sender waits — to the clerks, who decide.
 *
 * @example
 * noticesOf(registered, assigned, 'assigned', { sub: 'ld', name: 'Lãnh đạo' }).map((n) => n.kind); // ['assigned']
 */
export function noticesOf(before: Document | undefined, after: Document, action: string, actor: { sub: string; name: string }): NoticeDraft[] {
  const notice = (kind: NoticeKind, audience: Audience[], subject: string, lines: string[]): NoticeDraft => ({
    kind,
    documentId: after.id,
    organId: after.organId,
    audience,
    actor: { sub: actor.sub, name: actor.name },
    subject,
    text: [...lines, '', `Mã văn bản trên hệ thống: ${after.id}`, 'Thông báo tự động của hệ thống quản lý văn bản và điều hành; vui lòng không trả lời thư này.'].join('\n'),
    secret: isSecret(after),
  });
  const role = (r: 'clerk' | 'leader'): Audience => ({ kind: 'role', organId: after.organId, role: r });
  if (after.direction === 'incoming') {
    const notices: NoticeDraft[] = [];
    const described = describeIncoming(after);
    if (before === undefined && URGENT.has(after.urgency)) {
      notices.push(
        notice('urgent-arrived', [role('clerk'), role('leader')], `${urgencyWord(after.urgency)}: văn bản đến ${described.short}`, [described.line, 'Đề nghị xử lý ngay.']),
      );
    }
    if ((action === 'assigned' || action === 'reassigned') && after.assignment !== undefined) {
      const known = new Set(
        before?.direction === 'incoming' && before.assignment !== undefined
          ? [before.assignment.lead, ...before.assignment.coordinators, ...before.assignment.forInformation].map(assigneeKey)
          : [],
      );
      const fresh = (assignees: readonly Assignee[]) => assignees.filter((a) => !known.has(assigneeKey(a))).flatMap((a) => audienceOf(a, isSecret(after)));
      const { lead, coordinators, forInformation } = after.assignment;
      const due = after.assignment.dueDate === undefined ? [] : [`Hạn xử lý: ${vietnameseDate(after.assignment.dueDate)}`];
      const by = `Người giao: ${after.assignment.assignedBy.name}`;
      const groups: [Audience[], string][] = [
        [fresh([lead]), 'chủ trì xử lý'],
        [fresh(coordinators), 'phối hợp xử lý'],
        [fresh(forInformation), 'nhận để biết'],
      ];
      for (const [audience, part] of groups) {
        if (audience.length > 0)
          notices.push(
            notice('assigned', audience, `Giao việc (${part}): văn bản ${described.short}`, [
              described.line,
              by,
              ...due,
              ...(after.assignment.note === undefined ? [] : [`Ý kiến: ${after.assignment.note}`]),
            ]),
          );
      }
    }
    if (after.pendingRequest !== undefined && (before?.direction !== 'incoming' || before.pendingRequest === undefined)) {
      const what = { revocation: 'thu hồi', update: 'cập nhật', replacement: 'thay thế' }[after.pendingRequest.type];
      notices.push(
        notice('sender-request', [role('clerk')], `Đề nghị ${what} văn bản ${described.short}`, [
          described.line,
          `Lý do: ${after.pendingRequest.reason}`,
          'Đề nghị văn thư quyết định đồng ý (15) hoặc không đồng ý (16).',
        ]),
      );
    }
    return notices;
  }
  const draft = describeOutgoing(after);
  const became = (status: string) => after.status === status && before?.status !== status;
  if (became('submitted')) return [notice('approval-requested', [role('leader')], `Trình ký: ${draft.short}`, [draft.line, `Người trình: ${after.createdBy.name}`])];
  // Approved by the leader's step or by a completed signature.
  if (became('approved'))
    return [notice('ready-to-issue', [role('clerk')], `Chờ phát hành: ${draft.short}`, [draft.line, 'Lãnh đạo đã duyệt; đề nghị văn thư cấp số và phát hành.'])];
  if (action === 'sent-back' && after.sentBack !== undefined) {
    return [
      notice('draft-returned', [{ kind: 'person', sub: after.createdBy.sub }], `Dự thảo bị trả lại: ${draft.short}`, [
        draft.line,
        `Người trả lại: ${after.sentBack.by.name}`,
        `Lý do: ${after.sentBack.reason}`,
      ]),
    ];
  }
  return [];
}

/** A recipient returned an issued document (status 02): its drafter and the clerks who sent it hear of it. */
export function returnedNotice(document: OutgoingDocument, recipientName: string, reason: string, actor: { sub: string; name: string }): NoticeDraft {
  const described = describeOutgoing(document);
  return {
    kind: 'document-returned',
    documentId: document.id,
    organId: document.organId,
    audience: [
      { kind: 'person', sub: document.createdBy.sub },
      { kind: 'role', organId: document.organId, role: 'clerk' },
    ],
    actor,
    subject: `Văn bản bị trả lại: ${described.short}`,
    text: [described.line, `Nơi trả lại: ${recipientName}`, `Lý do: ${reason}`, '', `Mã văn bản trên hệ thống: ${document.id}`].join('\n'),
    secret: isSecret(document),
  };
}

/**
 * Who an assignee is told as: a person, a unit's inbox — or, for a secret document, the unit's members at
 * assignment one by one: whoever joins the unit later is not concerned and is not told it exists.
 */
function audienceOf(assignee: Assignee, secret: boolean): Audience[] {
  if (assignee.kind === 'person') return [{ kind: 'person', sub: assignee.sub }];
  if (secret && assignee.unitId !== undefined) return (assignee.members ?? []).map((sub): Audience => ({ kind: 'person', sub }));
  // A unit named before units existed stood for the whole agency: its clerks and leaders.
  if (assignee.unitId === undefined) return [{ kind: 'role', organId: assignee.organId, role: 'leader' }];
  return [{ kind: 'unit', organId: assignee.organId, unitId: assignee.unitId }];
}

function urgencyWord(urgency: string): string {
  return urgency === 'very-urgent' ? 'Thượng khẩn' : 'Hỏa tốc';
}

/** How a notice names a document; a secret one by its number only, never by its trích yếu. */
function describeIncoming(document: IncomingDocument): { short: string; line: string } {
  const notation = `${document.codeNumber}/${document.codeNotation}`;
  const subject = isSecret(document) ? 'văn bản mật — xem trên hệ thống' : document.subject;
  return {
    short: isSecret(document) ? `${notation} (văn bản mật)` : `${notation} — ${clip(document.subject)}`,
    line: `${document.typeName} số ${notation} ngày ${vietnameseDate(document.promulgationDate)} của ${document.issuer.organName}\nTrích yếu: ${subject}`,
  };
}

function describeOutgoing(document: OutgoingDocument): { short: string; line: string } {
  const identity = document.issue === undefined ? `dự thảo ${document.typeName}` : `${document.typeName} số ${document.issue.codeNumber}/${document.issue.codeNotation}`;
  const subject = isSecret(document) ? 'văn bản mật — xem trên hệ thống' : document.subject;
  return { short: isSecret(document) ? `${identity} (văn bản mật)` : `${identity} — ${clip(document.subject)}`, line: `${identity}\nTrích yếu: ${subject}` };
}

function clip(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
