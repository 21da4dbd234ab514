import { describe, expect, it } from 'vitest';
import type { IncomingDocument } from '#domain/documents/incoming';
import { reminderMessage } from '#domain/reminders/message';
import type { PlannedReminder } from '#domain/reminders/reminder';

const document = {
  id: 'D1',
  direction: 'incoming',
  organId: '000.00.95.H26',
  status: 'assigned',
  secrecy: 'top-secret',
  subject: 'Phương án bảo vệ mục tiêu trọng yếu',
  issuer: { organName: 'Bộ Quốc phòng' },
  codeNumber: '5',
  codeNotation: 'QĐ-BQP',
  promulgationDate: '2026-11-20',
  typeName: 'Quyết định',
  arrivalDate: '2026-11-21',
  arrivalNumber: 3,
  assignment: {
    lead: { kind: 'person', sub: 's', name: 'Chuyên viên' },
    coordinators: [],
    forInformation: [],
    dueDate: '2026-11-30',
    assignedAt: '2026-11-21T02:00:00Z',
    assignedBy: { sub: 'l', name: 'L' },
  },
} as unknown as IncomingDocument;
const planned = { kind: 'overdue', dueDate: '2026-11-30', workingDays: 1, recipient: { kind: 'person', sub: 's', name: 'Chuyên viên' } } as unknown as PlannedReminder;

describe('reminders of secret documents', () => {
  it('never carry the subject (trích yếu) into a notification or an e-mail', () => {
    const message = reminderMessage(planned, document);
    expect(`${message.subject}\n${message.text}`).not.toContain('bảo vệ mục tiêu');
    expect(message.text).toContain('Trích yếu: văn bản mật — xem trên hệ thống');
    expect(reminderMessage(planned, { ...document, secrecy: 'none' }).text).toContain('Phương án bảo vệ mục tiêu trọng yếu');
  });
});
