import { isSecret } from '../documents/document.ts';
import type { IncomingDocument } from '../documents/incoming.ts';
import type { PlannedReminder } from './reminder.ts';

/**
 * The Vietnamese subject and text of a reminder, written once when it is recorded so that a retry sends
 * the very same message. Dates as clerks write them (dd/mm/yyyy).
 *
 * @example
 * reminderMessage(planned, document).subject // 'Nhắc việc: văn bản 15/QĐ-BTC sắp đến hạn 28/11/2026'
 */
export function reminderMessage(planned: PlannedReminder, document: IncomingDocument): { subject: string; text: string } {
  const notation = `${document.codeNumber}/${document.codeNotation}`;
  const due = vietnameseDate(planned.dueDate);
  const subject = {
    'due-soon': `Nhắc việc: văn bản ${notation} sắp đến hạn ${due}`,
    overdue: `Quá hạn: văn bản ${notation} đã quá hạn xử lý ${due}`,
    escalation: `Báo cáo quá hạn: văn bản ${notation} quá hạn ${planned.workingDays} ngày làm việc`,
  }[planned.kind];
  const lead = document.assignment?.lead;
  const lines = [
    `Kính gửi: ${planned.recipient.name ?? (planned.recipient.kind === 'unit' ? `đơn vị ${planned.recipient.organId}` : 'đồng chí')}.`,
    '',
    `${document.typeName} số ${notation} ngày ${vietnameseDate(document.promulgationDate)} của ${document.issuer.organName}`,
    // A secret document's subject never leaves the system (e-mail, notifications): the reader opens it there.
    `Trích yếu: ${isSecret(document) ? 'văn bản mật — xem trên hệ thống' : document.subject}`,
    ...(document.arrivalNumber === undefined ? [] : [`Số đến: ${document.arrivalNumber}, ngày đến ${vietnameseDate(document.arrivalDate)}`]),
    ...(lead === undefined ? ['Chưa phân công xử lý.'] : [`Chủ trì xử lý: ${lead.name}`]),
    `Hạn xử lý: ${due}`,
    '',
    situation(planned),
    '',
    `Mã văn bản trên hệ thống: ${document.id}`,
    'Thư nhắc việc tự động của hệ thống quản lý văn bản và điều hành; vui lòng không trả lời thư này.',
  ];
  return { subject, text: lines.join('\n') };
}

function situation(planned: PlannedReminder): string {
  switch (planned.kind) {
    case 'due-soon':
      return planned.workingDays === 0
        ? 'Hôm nay là hạn xử lý. Đề nghị hoàn thành và cập nhật kết quả trên hệ thống.'
        : `Còn ${planned.workingDays} ngày làm việc đến hạn. Đề nghị khẩn trương xử lý.`;
    case 'overdue':
      return 'Văn bản đã quá hạn xử lý. Đề nghị khẩn trương hoàn thành và báo cáo tiến độ trên hệ thống.';
    case 'escalation':
      return `Văn bản do đồng chí phân công đã quá hạn ${planned.workingDays} ngày làm việc mà chưa hoàn thành. Đề nghị đồng chí chỉ đạo xử lý.`;
  }
}

/** `2026-11-28` → `28/11/2026`. */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}
