import type { Document } from '../documents/document.ts';
import { deadlineOf } from '../documents/deadline.ts';
import type { HistoryEvent } from '../documents/history.ts';
import { assigneeKey, type Assignee } from '../documents/routing.ts';
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

/**
 * What the people and units RESPONSIBLE for the work are counted on (not who clicked): the lead (chủ trì)
 * of an incoming document's assignment, and the drafter of an outgoing one. `assigned` counts a document
 * each time it comes to a new lead (so a reassignment counts for the new lead, the old one keeps its
 * count); `finished…` and `processingMillis` (arrival → completion, as the agency's) go to the lead at
 * completion; `overdueNow` follows the document's overdue mark from lead to lead, so that the leads' sum
 * is the agency's overdueNow less the overdue documents nobody leads.
 */
export const assigneeMetrics = ['assigned', 'finished', 'finishedOnTime', 'finishedLate', 'processingMillis', 'overdueNow', 'drafted', 'issued'] as const;
export type AssigneeMetric = (typeof assigneeMetrics)[number];

/** The counters of one responsible person or unit that one event moves. */
export interface AssigneeChange {
  /** `assigneeKey` of routing.ts (`person:<sub>`, `unit:<…>`): opaque here. */
  readonly key: string;
  readonly kind: 'person' | 'unit';
  /** The name the assignment gave (kept on the counter item, so a report needs no lookup). */
  readonly name?: string;
  readonly counts: Readonly<Partial<Record<AssigneeMetric, number>>>;
}

export interface CounterChange {
  /** Vietnam year the counters belong to. */
  readonly year: number;
  readonly organId: string;
  /** When the counted change happened (ISO): the rebuild keeps the name of the latest change, as the live path's SET does. */
  readonly at?: string;
  /** Agency counters: metric → delta, plus monthly exchange counters `m<MM>:<direction>:<channel>`. Empty when only assignees move. */
  readonly agency: Readonly<Record<string, number>>;
  /** The acting person's counters (by history action), for the events the agency counts. */
  readonly person?: { readonly sub: string; readonly name?: string; readonly counts: Readonly<Record<string, number>> };
  /** The responsible people and units whose counters move (each key once). */
  readonly assignees?: readonly AssigneeChange[];
}

/** The counter changes one history event makes. Empty when the event counts for nothing. */
export function counterChanges(event: HistoryEvent, document: Document): CounterChange | undefined {
  const at = new Date(event.at);
  const agency: Record<string, number> = {};
  const add = (metric: string, delta = 1) => (agency[metric] = (agency[metric] ?? 0) + delta);
  const responsible = new Map<string, { assignee: Assignee; counts: Partial<Record<AssigneeMetric, number>> }>();
  const credit = (assignee: Assignee | undefined, metric: AssigneeMetric, delta = 1) => {
    if (assignee === undefined) return;
    const key = assigneeKey(assignee);
    const entry = responsible.get(key) ?? { assignee, counts: {} };
    entry.counts[metric] = (entry.counts[metric] ?? 0) + delta;
    responsible.set(key, entry);
  };
  const month = `m${vietnamDate(at).slice(5, 7)}`;

  if (document.direction === 'incoming') {
    const createdNow = event.sequence === 1;
    // The lead as this event left the document; an assignment changes it, nothing else does.
    const lead = document.assignment?.lead;
    const overdue = document.overdueSince !== undefined;
    if (createdNow) {
      add('received');
      add(`${month}:in:${document.channel}`);
    }
    if (event.action === 'registered') add('registered');
    if (event.action === 'returned') add('returned');
    if (event.action === 'assigned') add('assigned');
    if (event.action === 'assigned' || event.action === 'reassigned') {
      const previous = leadIn(event.before);
      if (lead !== undefined && (previous === undefined || assigneeKey(previous) !== assigneeKey(lead))) {
        credit(lead, 'assigned');
        // An overdue document moves with its lead: the agency's overdueNow does not change.
        if (overdue) {
          credit(previous, 'overdueNow', -1);
          credit(lead, 'overdueNow');
        }
      }
    }
    if (event.action === 'overdue') {
      add('overdueNow');
      credit(lead, 'overdueNow');
    }
    if (event.action === 'completed') {
      add('finished');
      credit(lead, 'finished');
      const due = deadlineOf(document);
      const onTime = due === undefined || vietnamDate(at) <= due ? 'finishedOnTime' : 'finishedLate';
      add(onTime);
      credit(lead, onTime);
      const millis = Math.max(0, at.getTime() - Date.parse(document.createdAt));
      add('processingMillis', millis);
      credit(lead, 'processingMillis', millis);
    }
    if ((event.action === 'completed' || event.action === 'returned') && overdue) {
      add('overdueNow', -1);
      credit(lead, 'overdueNow', -1);
    }
  } else {
    const drafter: Assignee = { kind: 'person', sub: document.createdBy.sub, name: document.createdBy.name };
    if (event.action === 'drafted') {
      add('drafted');
      credit(drafter, 'drafted');
    }
    if (event.action === 'issued') {
      add('issued');
      credit(drafter, 'issued');
    }
  }
  const counted = Object.keys(agency).length > 0;
  if (!counted && responsible.size === 0) return undefined;
  return {
    year: vietnamYear(at),
    organId: document.organId,
    at: at.toISOString(),
    agency,
    ...(counted ? { person: { sub: event.actor.sub, name: event.actor.name, counts: { [event.action]: 1 } } } : {}),
    ...(responsible.size === 0
      ? {}
      : {
          assignees: [...responsible].map(([key, { assignee, counts }]) => ({
            key,
            kind: assignee.kind,
            ...(typeof assignee.name === 'string' && assignee.name !== '' ? { name: assignee.name } : {}),
            counts,
          })),
        }),
  };
}

/**
 * The counter changes of a document's whole history (the backfill), in order: each from the event and the
 * document as THAT event left it, as the live path saw them. The stored document is only the last
 * version; the earlier ones are recovered by undoing the later events' changes (each event keeps the
 * fields it changed, `before` and `after`). Without this, every event would be read against the last
 * version — the last lead would be credited with every assignment and overdue mark of the document.
 */
export function historyCounterChanges(document: Document, events: readonly HistoryEvent[]): CounterChange[] {
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  const changes: CounterChange[] = [];
  let version: Record<string, unknown> = { ...document };
  for (const event of ordered.reverse()) {
    const change = counterChanges(event, version as unknown as Document);
    if (change !== undefined) changes.push(change);
    version = undo(version, event);
  }
  return changes.reverse();
}

/** The document before an event: the fields it changed get their old values back (absent when they had none). */
function undo(version: Readonly<Record<string, unknown>>, event: HistoryEvent): Record<string, unknown> {
  const previous: Record<string, unknown> = { ...version, version: event.sequence - 1 };
  for (const [name, value] of Object.entries(event.before ?? {})) {
    if (value === null || value === undefined) delete previous[name];
    else previous[name] = value;
  }
  return previous;
}

/**
 * The lead of the assignment a history event's `before` holds — a stored record, read
 * defensively: undefined when there was none or it cannot be read.
 */
function leadIn(fields: Readonly<Record<string, unknown>> | null): Assignee | undefined {
  const assignment = fields?.assignment;
  if (typeof assignment !== 'object' || assignment === null) return undefined;
  const lead = (assignment as { lead?: unknown }).lead;
  if (typeof lead !== 'object' || lead === null) return undefined;
  const { kind, sub, organId } = lead as { kind?: unknown; sub?: unknown; organId?: unknown };
  if (kind === 'person' && typeof sub === 'string') return lead as Assignee;
  if (kind === 'unit' && typeof organId === 'string') return lead as Assignee;
  return undefined;
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

/** A counter item's sum in the rebuild: its counts, and the name of the latest change that gave one. */
interface ItemSum {
  readonly organId: string;
  readonly counts: Record<string, number>;
  name?: string;
  nameAt?: string;
}

/**
 * A year's counters summed item by item as the live path writes them (the backfill's in-memory sum): the
 * agency items by `organId`, the actors' by `organId|sub`, the responsible people's and units' by
 * `organId|key`.
 */
export interface CounterTotals {
  readonly agencies: Map<string, ItemSum>;
  readonly people: Map<string, ItemSum & { readonly sub: string }>;
  readonly assignees: Map<string, ItemSum & { readonly key: string; readonly kind: 'person' | 'unit' }>;
}

export function emptyTotals(): CounterTotals {
  return { agencies: new Map(), people: new Map(), assignees: new Map() };
}

/** Adds one change to the totals, with the live path's rules: no agency item for a change that counts none; the latest name wins. */
export function sumChanges(into: CounterTotals, change: CounterChange): void {
  const { organId } = change;
  if (Object.keys(change.agency).length > 0) {
    const agency = into.agencies.get(organId) ?? { organId, counts: {} };
    addCounts(agency, change.agency, undefined, change.at);
    into.agencies.set(organId, agency);
  }
  if (change.person !== undefined) {
    const id = `${organId}|${change.person.sub}`;
    const person = into.people.get(id) ?? { organId, sub: change.person.sub, counts: {} };
    addCounts(person, change.person.counts, change.person.name, change.at);
    into.people.set(id, person);
  }
  for (const assignee of change.assignees ?? []) {
    const id = `${organId}|${assignee.key}`;
    const sum = into.assignees.get(id) ?? { organId, key: assignee.key, kind: assignee.kind, counts: {} };
    addCounts(sum, assignee.counts, assignee.name, change.at);
    into.assignees.set(id, sum);
  }
}

function addCounts(sum: ItemSum, counts: Readonly<Record<string, number | undefined>>, name: string | undefined, at: string | undefined): void {
  for (const [metric, delta] of Object.entries(counts)) if (delta !== undefined) sum.counts[metric] = (sum.counts[metric] ?? 0) + delta;
  if (name !== undefined && (sum.nameAt === undefined || at === undefined || at >= sum.nameAt)) {
    sum.name = name;
    if (at !== undefined) sum.nameAt = at;
  }
}
