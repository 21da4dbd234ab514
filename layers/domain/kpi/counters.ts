import type { Document } from '../documents/document.ts';
import { deadlineOf } from '../documents/deadline.ts';
import type { HistoryEvent } from '../documents/history.ts';
import { vietnamDate, vietnamYear } from '../time.ts';

/**
 * KPI counters kept as work happens ("rõ người, rõ việc, rõ trách nhiệm, rõ hiệu quả"). Every counter
 * change is derived from one history event and the document as that event left it — the same function
 * serves the live path (added to the event's transaction) and the backfill that rebuilds counters from
 * the history, so the two cannot disagree.
 */
export const agencyMetrics = [
  'received',
  'registered',
  'returned',
  'assigned',
  'finished',
  'finishedOnTime',
  'finishedLate',
  'processingMillis',
  'overdueNow',
  'drafted',
  'issued',
  'sentAxis',
  'sentInternal',
  'sentWebhook',
  'recordsOpenedOnline',
  'recordsOpenedPaper',
  'recordsClosedOnline',
  'recordsClosedPaper',
] as const;
export type AgencyMetric = (typeof agencyMetrics)[number];

/** Channels of exchange, counted per month for the exchange report. */
export const exchangeChannels = ['paper', 'axis', 'internal', 'webhook', 'email'] as const;

export interface CounterChange {
  /** Vietnam year the counters belong to. */
  readonly year: number;
  readonly organId: string;
  /** Agency counters: metric → delta, plus monthly exchange counters `m<MM>:<direction>:<channel>`. */
  readonly agency: Readonly<Record<string, number>>;
  /** The acting person's counters (by history action). */
  readonly person?: { readonly sub: string; readonly counts: Readonly<Record<string, number>> };
}

/** The counter changes one history event makes. Empty when the event counts for nothing. */
export function counterChanges(event: HistoryEvent, document: Document): CounterChange | undefined {
  const at = new Date(event.at);
  const agency: Record<string, number> = {};
  const add = (metric: string, delta = 1) => (agency[metric] = (agency[metric] ?? 0) + delta);
  const month = `m${vietnamDate(at).slice(5, 7)}`;

  if (document.direction === 'incoming') {
    const createdNow = event.sequence === 1;
    if (createdNow) {
      add('received');
      add(`${month}:in:${document.channel}`);
    }
    if (event.action === 'registered') add('registered');
    if (event.action === 'returned') add('returned');
    if (event.action === 'assigned') add('assigned');
    if (event.action === 'overdue') add('overdueNow');
    if (event.action === 'completed') {
      add('finished');
      const due = deadlineOf(document);
      add(due === undefined || vietnamDate(at) <= due ? 'finishedOnTime' : 'finishedLate');
      add('processingMillis', Math.max(0, at.getTime() - Date.parse(document.createdAt)));
    }
    if ((event.action === 'completed' || event.action === 'returned') && document.overdueSince !== undefined) add('overdueNow', -1);
  } else {
    if (event.action === 'drafted') add('drafted');
    if (event.action === 'issued') add('issued');
  }
  if (Object.keys(agency).length === 0) return undefined;
  return { year: vietnamYear(at), organId: document.organId, agency, person: { sub: event.actor.sub, counts: { [event.action]: 1 } } };
}

/** A delivery of an outgoing document left through a channel (axis, internal, webhook). */
export function sentChange(organId: string, channel: 'axis' | 'internal' | 'webhook', at: Date): CounterChange {
  const metric = channel === 'axis' ? 'sentAxis' : channel === 'internal' ? 'sentInternal' : 'sentWebhook';
  return { year: vietnamYear(at), organId, agency: { [metric]: 1, [`m${vietnamDate(at).slice(5, 7)}:out:${channel}`]: 1 } };
}

/** A work record opened or closed, online or on paper. */
export function recordChange(organId: string, what: 'opened' | 'closed', medium: 'online' | 'paper', at: Date): CounterChange {
  const metric = `records${what === 'opened' ? 'Opened' : 'Closed'}${medium === 'online' ? 'Online' : 'Paper'}`;
  return { year: vietnamYear(at), organId, agency: { [metric]: 1 } };
}

/** Adds counter changes together (the backfill's in-memory sum). */
export function sumChanges(into: Map<string, Record<string, number>>, change: CounterChange): void {
  const key = `${change.organId}|${change.year}`;
  const counts = into.get(key) ?? {};
  for (const [metric, delta] of Object.entries(change.agency)) counts[metric] = (counts[metric] ?? 0) + delta;
  into.set(key, counts);
}
