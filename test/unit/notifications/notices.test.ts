import { describe, expect, it } from 'vitest';
import type { Document } from '#domain/documents/document';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { audienceKey, noticesOf, returnedNotice } from '#domain/notifications/notice';
import { AGENCY, assigned, incomingDocument, leader } from '../reminders/fixtures.ts';

const actor = { sub: 'ld-01', name: 'Lãnh đạo' };
const unit = { kind: 'unit' as const, organId: AGENCY, unitId: 'P-TH', name: 'Phòng Tổng hợp', members: ['cv-02'] };
const draft = (overrides: Partial<OutgoingDocument> = {}) =>
  ({ ...incomingDocument(), direction: 'outgoing', status: 'draft', createdBy: { sub: 'cv-09', name: 'Chuyên viên' }, ...overrides }) as unknown as OutgoingDocument;

describe('the notices a change calls for', () => {
  it('tells each assignee the change added, by their part, and nobody it kept', () => {
    // Prepare
    const first = assigned('2026-12-10');
    const second = { ...first, version: 3, assignment: { ...(first.assignment ?? expect.unreachable('assigned')), coordinators: [unit] } };
    // Act
    const assigning = noticesOf(incomingDocument(), first, 'assigned', actor);
    const addingCoordinator = noticesOf(first, second, 'reassigned', actor);
    // Assess
    expect(assigning.map((n) => [n.kind, n.audience.map(audienceKey), n.subject])).toEqual([
      ['assigned', ['person:cv-01'], 'Giao việc (chủ trì xử lý): văn bản 15/QĐ-BTC — Về việc giao dự toán ngân sách nhà nước năm 2027'],
    ]);
    expect(assigning[0]?.text).toContain('Hạn xử lý: 10/12/2026');
    expect(addingCoordinator.map((n) => [n.kind, n.audience.map(audienceKey)])).toEqual([['assigned', [`unit:${AGENCY}/P-TH`]]]);
  });

  it('tells the clerks and leaders of an urgent arrival, and never puts a secret subject in a notice', () => {
    // Prepare
    const secret = incomingDocument({ urgency: 'flash', secrecy: 'secret', subject: 'Kế hoạch tác chiến' });
    // Act
    const notices = [
      ...noticesOf(undefined, secret, 'registered', actor),
      ...noticesOf(secret, { ...secret, status: 'assigned', assignment: assigned('2026-12-10').assignment, version: 2 } as Document, 'assigned', actor),
    ];
    // Assess
    expect(notices.map((n) => n.kind)).toEqual(['urgent-arrived', 'assigned']);
    expect(notices[0]?.audience.map(audienceKey)).toEqual([`role:${AGENCY}:clerk`, `role:${AGENCY}:leader`]);
    expect(notices.every((n) => n.secret && !`${n.subject}\n${n.text}`.includes('tác chiến'))).toBe(true);
    expect(noticesOf(undefined, incomingDocument({ urgency: 'urgent' }), 'registered', actor)).toEqual([]);
  });

  it('tells the leaders of a draft to approve, the clerks of one to issue, the drafter of one sent back', () => {
    // Prepare
    const submitted = draft({ status: 'submitted' });
    const approved = draft({ status: 'approved' });
    const sentBack = draft({ sentBack: { reason: 'Bổ sung số liệu', at: '2026-11-30T00:00:00Z', by: leader } });
    // Act
    const kinds = [
      noticesOf(draft(), submitted, 'submitted', actor),
      noticesOf(submitted, approved, 'signed', actor),
      noticesOf(submitted, sentBack, 'sent-back', actor),
      noticesOf(approved, { ...approved, version: 9 }, 'edited', actor),
    ].map((notices) => notices.map((n) => [n.kind, n.audience.map(audienceKey)]));
    // Assess
    expect(kinds).toEqual([[['approval-requested', [`role:${AGENCY}:leader`]]], [['ready-to-issue', [`role:${AGENCY}:clerk`]]], [['draft-returned', ['person:cv-09']]], []]);
  });

  it('tells the clerks of a sender request once, and the drafter and clerks of a returned document', () => {
    // Prepare
    const waiting = incomingDocument({ pendingRequest: { type: 'replacement', reason: 'Sai số liệu', at: '2026-11-30T00:00:00Z' } });
    // Act
    const requested = noticesOf(incomingDocument(), waiting, 'replacement-requested', actor);
    const again = noticesOf(waiting, { ...waiting, version: 3 }, 'progress', actor);
    const returned = returnedNotice(draft({ status: 'issued' }), '[MẪU] Sở Tài chính', 'Gửi nhầm', { sub: 'agency:x', name: 'x' });
    // Assess
    expect(requested.map((n) => [n.kind, n.audience.map(audienceKey)])).toEqual([['sender-request', [`role:${AGENCY}:clerk`]]]);
    expect(again).toEqual([]);
    expect(returned.audience.map(audienceKey)).toEqual(['person:cv-09', `role:${AGENCY}:clerk`]);
    expect(returned.text).toContain('Lý do: Gửi nhầm');
  });
});
