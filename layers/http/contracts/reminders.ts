import * as z from 'zod';
import { isoDateSchema } from '#domain/documents/metadata';
import { reminderKinds, reminderStatuses } from '#domain/reminders/reminder';

const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), sub: z.string(), name: z.string().optional() }),
  z.object({ kind: z.literal('unit'), organId: z.string(), name: z.string().optional() }),
  z.object({ kind: z.literal('email'), address: z.string() }),
]);

/** A reminder (nhắc việc) as its recipient reads it; recorded once per document, kind, deadline, level and recipient. */
export const notificationSchema = z.object({
  key: z.string().describe('stable identity of the reminder: document id, kind, deadline, recipient'),
  documentId: z.string(),
  organId: z.string().describe('the agency holding the document'),
  kind: z.enum(reminderKinds).describe('due-soon (sắp đến hạn), overdue (quá hạn), escalation (báo cáo lãnh đạo đã giao việc)'),
  level: z.number().int().describe('escalation level from 1; 0 for the other kinds'),
  dueDate: isoDateSchema.describe('hạn xử lý the reminder is about'),
  recipient: recipientSchema,
  subject: z.string(),
  text: z.string(),
  status: z.enum(reminderStatuses).describe('e-mail delivery: pending, sent, skipped (no address known), failed'),
  recordedAt: z.string(),
  attempts: z.number().int(),
  lastAttemptAt: z.string(),
  settledAt: z.string().optional(),
  note: z.string().optional(),
});
