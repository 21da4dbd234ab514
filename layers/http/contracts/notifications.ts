import * as z from 'zod';
import { isoDateSchema } from '#domain/documents/metadata';
import { noticeKinds } from '#domain/notifications/notice';
import { reminderKinds, reminderStatuses } from '#domain/reminders/reminder';

const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), sub: z.string(), name: z.string().optional() }),
  z.object({ kind: z.literal('unit'), organId: z.string(), unitId: z.string().optional(), name: z.string().optional() }),
  z.object({ kind: z.literal('email'), address: z.string() }),
]);

/**
 * One entry of a person's inbox: a notice that work arrived (`source: notice`) or a deadline reminder
 * (`source: reminder`, with its delivery fields), read or not.
 */
export const notificationSchema = z.object({
  id: z.string().describe('POST /notifications/{id}/read marks it read'),
  source: z.enum(['notice', 'reminder']),
  kind: z
    .enum([...noticeKinds, ...reminderKinds])
    .describe(
      'notices: assigned (giao việc), urgent-arrived (văn bản hỏa tốc/thượng khẩn đến), approval-requested (trình ký), draft-returned (dự thảo bị trả lại), ready-to-issue (chờ phát hành), sender-request (đề nghị thu hồi/cập nhật/thay thế), document-returned (văn bản bị trả lại); reminders: due-soon, overdue, escalation',
    ),
  documentId: z.string(),
  organId: z.string().describe('the agency holding the document'),
  subject: z.string().describe("never a secret document's trích yếu"),
  text: z.string(),
  at: z.string().describe('when it was recorded'),
  read: z.boolean(),
  actor: z.object({ sub: z.string(), name: z.string() }).optional().describe('notices: who caused it'),
  audience: z.string().optional().describe('notices: the inbox it reached the reader through (person:, unit:, role:)'),
  key: z.string().optional().describe('reminders: stable identity (document id, kind, deadline, recipient)'),
  level: z.number().int().optional().describe('reminders: escalation level from 1; 0 for the other kinds'),
  dueDate: isoDateSchema.optional().describe('reminders: hạn xử lý the reminder is about'),
  recipient: recipientSchema.optional(),
  status: z.enum(reminderStatuses).optional().describe('reminders: e-mail delivery: pending, sent, skipped (no address known), failed'),
  recordedAt: z.string().optional(),
  attempts: z.number().int().optional(),
  lastAttemptAt: z.string().optional(),
  settledAt: z.string().optional(),
  note: z.string().optional(),
});
export type NotificationView = z.infer<typeof notificationSchema>;
