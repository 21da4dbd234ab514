import type { Delivery, DeliveryStatusCode, StatusEntry } from './delivery.ts';

/**
 * The ordering rule of delivery statuses. Status packages travel independently and arrive out of order
 * (a 05 before its 04, a late 01 after 03), so a report never moves a delivery backwards:
 *
 * - progress: pending < sent < 01 < 03 < 04 < 05 < 06;
 * - 02 (returned, từ chối) is terminal and allowed only before registration (pending, sent, 01);
 * - 13 (the sender asks to take the document back) opens a revocation from any non-terminal status;
 *   15 (agreed, terminal) and 16 (refused) answer a pending 13, and only a 13;
 * - after a 16 the document stays with the recipient: progress beyond the furthest reached moves it on.
 *
 * Every report is recorded in the history, with `applied: false` when it did not move the status.
 */
const PROGRESS_RANK: Partial<Record<DeliveryStatusCode, number>> = { pending: 0, sent: 1, '01': 2, '03': 3, '04': 4, '05': 5, '06': 6 };
const TERMINAL: ReadonlySet<DeliveryStatusCode> = new Set(['02', '15']);
const BEFORE_REGISTRATION: ReadonlySet<DeliveryStatusCode> = new Set(['pending', 'sent', '01']);

export type StatusReportOutcome = 'moved' | 'recorded' | 'duplicate';

export interface StatusReport {
  readonly code: DeliveryStatusCode;
  readonly at: string;
  readonly description?: string;
  readonly source: StatusEntry['source'];
}

/**
 * Applies a report to a delivery: `moved` (status changed), `recorded` (history only) or `duplicate` (this
 * code was already reported for this delivery: nothing changes — reports are idempotent per code).
 *
 * @example
 * const { outcome, delivery: next } = applyStatusReport(delivery, { code: '03', at, source: { channel: 'webhook', organId } }, now);
 * if (outcome !== 'duplicate') await deliveries.save(next, delivery.version);
 */
export function applyStatusReport(delivery: Delivery, report: StatusReport, now: Date): { outcome: StatusReportOutcome; delivery: Delivery } {
  if (delivery.history.some((entry) => entry.code === report.code)) return { outcome: 'duplicate', delivery };
  const applied = canMove(delivery, report.code);
  const entry: StatusEntry = {
    code: report.code,
    at: report.at,
    ...(report.description === undefined ? {} : { description: report.description }),
    source: report.source,
    recordedAt: now.toISOString(),
    applied,
  };
  const history = [...delivery.history, entry].sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt));
  const next: Delivery = {
    ...delivery,
    history,
    status: applied ? report.code : delivery.status,
    updatedAt: now.toISOString(),
    version: delivery.version + 1,
  };
  return { outcome: applied ? 'moved' : 'recorded', delivery: next };
}

/** Whether a report of `code` may move the delivery from its current status (see the rule above). */
export function canMove(delivery: Pick<Delivery, 'status' | 'history'>, code: DeliveryStatusCode): boolean {
  const current = delivery.status;
  if (code === current || TERMINAL.has(current)) return false;
  switch (code) {
    case '02':
      return BEFORE_REGISTRATION.has(current);
    case '13':
      return true;
    case '15':
    case '16':
      return current === '13';
    default: {
      const rank = PROGRESS_RANK[code] ?? -1;
      if (current === '13') return false;
      if (current === '16') return rank > furthestProgress(delivery.history);
      return rank > (PROGRESS_RANK[current] ?? Number.POSITIVE_INFINITY);
    }
  }
}

/** The furthest progress a recipient ever reported (out-of-order reports included). */
function furthestProgress(history: readonly StatusEntry[]): number {
  return Math.max(-1, ...history.map((entry) => PROGRESS_RANK[entry.code] ?? -1));
}
