import { reminderPolicySchema, type ReminderPolicy } from '#domain/reminders/rules';
import { optional } from '../config.ts';

/** Escalation thresholds in working days late, comma-separated (`2` or `2,5`); default `2`. */
export const ESCALATION_ENV = 'VANTHU_ESCALATION_WORKING_DAYS';

/**
 * The reminder policy of this deployment, from `VANTHU_ESCALATION_WORKING_DAYS`; throws at cold start on a
 * malformed value rather than escalating on the wrong day.
 *
 * @example
 * process.env.VANTHU_ESCALATION_WORKING_DAYS = '2,5';
 * reminderPolicyFromEnvironment(); // { escalationAfterWorkingDays: [2, 5] }
 */
export function reminderPolicyFromEnvironment(): ReminderPolicy {
  const raw = optional(ESCALATION_ENV);
  const parsed = reminderPolicySchema.safeParse(raw === undefined ? {} : { escalationAfterWorkingDays: raw.split(',').map((part) => Number(part.trim())) });
  if (!parsed.success) throw new Error(`Invalid ${ESCALATION_ENV} (${raw}): ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}
