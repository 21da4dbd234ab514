import { describe, expect, it } from 'vitest';
import { vietnamSampleCalendar } from '#domain/calendar/vietnam';
import { reminderMessage } from '#domain/reminders/message';
import { checkDeadline } from '#domain/reminders/rules';
import { assigned, incomingDocument, noonInVietnam } from './fixtures.ts';

function messageFor(document: ReturnType<typeof assigned>, day: string, index = 0) {
  const planned = checkDeadline(document, noonInVietnam(day), vietnamSampleCalendar).reminders[index];
  if (planned === undefined) throw new Error('no reminder planned');
  return reminderMessage(planned, document);
}

describe('reminder messages', () => {
  it('announce a near deadline in Vietnamese with the notation and the date as clerks write it', () => {
    // Act
    const message = messageFor(assigned('2026-11-28'), '2026-11-26');
    // Assess
    expect(message.subject).toBe('Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 28/11/2026');
    expect(message.text).toContain('Quyết định số 15/QĐ-BTC ngày 20/11/2026 của Bộ Tài chính');
    expect(message.text).toContain('Số đến: 12, ngày đến 21/11/2026');
    expect(message.text).toContain('Chủ trì xử lý: Trần Thị Chuyên Viên');
    expect(message.text).toContain('Còn 2 ngày làm việc đến hạn.');
    expect(message.text).toContain('Mã văn bản trên hệ thống: 01JDOC0000000000000000000A');
  });

  it('tell the leader how many working days an escalated document is late', () => {
    // Act
    const message = messageFor(assigned('2026-11-26'), '2026-12-01', 1);
    // Assess
    expect(message.subject).toBe('Báo cáo quá hạn: văn bản 15/QĐ-BTC quá hạn 3 ngày làm việc');
    expect(message.text).toMatch(/^Kính gửi: Nguyễn Văn Lãnh Đạo\./);
    expect(message.text).toContain('đã quá hạn 3 ngày làm việc mà chưa hoàn thành');
  });

  it('address an unassigned document to its agency and say it is not assigned yet', () => {
    // Act
    const message = messageFor(incomingDocument({ dueDate: '2026-11-20' }), '2026-11-23');
    // Assess
    expect(message.subject).toBe('Quá hạn: văn bản 15/QĐ-BTC đã quá hạn xử lý 20/11/2026');
    expect(message.text).toMatch(/^Kính gửi: đơn vị 000\.00\.91\.H26\./);
    expect(message.text).toContain('Chưa phân công xử lý.');
  });
});
