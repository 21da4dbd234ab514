import type { DirectoryStore } from '#domain/people/directory';
import type { Person } from '#domain/people/person';
import type { Dependencies } from '#app/context';
import type { AgencyStore } from '#domain/agency/store';
import type { OrganisationUnit } from '#domain/agency/unit';
import { deadlineOf, openStatuses } from '#domain/documents/deadline';
import type { Document } from '#domain/documents/document';
import type { HistoryEvent } from '#domain/documents/history';
import type { DocumentStore, Page } from '#domain/documents/store';
import type { Notification, Notifier, NotifyOutcome } from '#domain/reminders/notifier';
import type { Reminder, ReminderStatus } from '#domain/reminders/reminder';
import type { ReminderStore } from '#domain/reminders/store';
import { fakeDependencies } from '../../support/fake-dependencies.ts';

/** Yields to other tasks, as a network call would, so concurrent runs really interleave. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** ReminderStore in memory with the adapter's conditions (record once, claim and settle by attempt). */
export class MemoryReminderStore implements ReminderStore {
  readonly items = new Map<string, Reminder>();
  readonly cursors = new Map<string, string>();

  async find(keys: readonly string[]) {
    await tick();
    return new Map(
      keys.flatMap((key) => {
        const found = this.items.get(key);
        return found === undefined ? [] : [[key, found] as const];
      }),
    );
  }

  async record(reminder: Reminder) {
    await tick();
    if (this.items.has(reminder.key)) return 'exists' as const;
    this.items.set(reminder.key, reminder);
    return 'recorded' as const;
  }

  async claim(reminder: Reminder, at: string, staleBefore: string) {
    await tick();
    const stored = this.items.get(reminder.key);
    if (stored?.status !== 'pending' || stored.attempts !== reminder.attempts || stored.lastAttemptAt > staleBefore) return undefined;
    const claimed = { ...stored, attempts: stored.attempts + 1, lastAttemptAt: at };
    this.items.set(reminder.key, claimed);
    return claimed;
  }

  async settle(reminder: Reminder, outcome: { status: ReminderStatus; at: string; note?: string }) {
    await tick();
    const stored = this.items.get(reminder.key);
    if (stored?.status !== 'pending' || stored.attempts !== reminder.attempts) return 'superseded' as const;
    const { note: _note, ...rest } = stored;
    this.items.set(reminder.key, {
      ...rest,
      status: outcome.status,
      ...(outcome.status === 'pending' ? {} : { settledAt: outcome.at }),
      ...(outcome.note === undefined ? {} : { note: outcome.note }),
    });
    return 'settled' as const;
  }

  async inbox(): Promise<Page<Reminder>> {
    throw new Error('not used by these tests');
  }

  async cursor(job: string) {
    return this.cursors.get(job);
  }

  async saveCursor(job: string, cursor: string | undefined) {
    if (cursor === undefined) this.cursors.delete(job);
    else this.cursors.set(job, cursor);
  }
}

/** The documents the watcher reads (deadline index) and writes (overdue flag), with their history. */
export class MemoryDocuments {
  readonly documents = new Map<string, Document>();
  readonly events: HistoryEvent[] = [];
  /** Agencies whose deadline index was read, in order. */
  readonly queried: string[] = [];
  conflictOnUpdate = false;

  constructor(documents: readonly Document[]) {
    for (const document of documents) this.documents.set(document.id, document);
  }

  port(): DocumentStore {
    return {
      dueBefore: async (organId: string, date: string, page: { limit: number; nextToken?: string }) => {
        await tick();
        this.queried.push(organId);
        const due = [...this.documents.values()]
          .filter((d) => d.organId === organId && openStatuses.has(d.status) && (deadlineOf(d) ?? '9999') <= date)
          .sort((a, b) => `${deadlineOf(a)}#${a.id}`.localeCompare(`${deadlineOf(b)}#${b.id}`));
        const from = Number(page.nextToken ?? 0);
        const items = due.slice(from, from + page.limit);
        return { items, ...(from + page.limit < due.length ? { nextToken: String(from + page.limit) } : {}) };
      },
      updateDocument: async (next: Document, current: Document, event: HistoryEvent) => {
        await tick();
        if (this.conflictOnUpdate || this.documents.get(next.id)?.version !== current.version) return 'conflict' as const;
        this.documents.set(next.id, next);
        this.events.push(event);
        return 'saved' as const;
      },
    } satisfies Partial<DocumentStore> as unknown as DocumentStore;
  }
}

/** A directory of the given agency codes, listed in pages of the requested size. */
export function memoryAgencies(codes: readonly string[]): AgencyStore {
  return {
    list: async ({ limit, nextToken }: { limit: number; nextToken?: string }) => {
      const from = Number(nextToken ?? 0);
      const items = codes.slice(from, from + limit).map((code102) => ({ code102 }) as OrganisationUnit);
      return { items, ...(from + limit < codes.length ? { nextToken: String(from + limit) } : {}) };
    },
  } as unknown as AgencyStore;
}

/** A notifier that records what it was given; `fail` decides per call whether to throw. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  calls = 0;
  constructor(private readonly behaviour: (call: number, notification: Notification) => NotifyOutcome | 'throw' = () => ({ kind: 'sent', to: ['x@example.vn'] })) {}

  async send(notification: Notification): Promise<NotifyOutcome> {
    this.calls += 1;
    await tick();
    const outcome = this.behaviour(this.calls, notification);
    if (outcome === 'throw') throw new Error('SES throttled');
    if (outcome.kind === 'sent') this.sent.push(notification);
    return outcome;
  }
}

/** A log that keeps its lines. */
export function memoryLog() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields === undefined ? {} : { fields }) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface WatcherWorld {
  readonly deps: Dependencies;
  readonly reminders: MemoryReminderStore;
  readonly documents: MemoryDocuments;
  readonly notifier: RecordingNotifier;
  /** Moves the clock. */
  setNow(now: Date): void;
}

export function watcherWorld(options: {
  documents: readonly Document[];
  agencies: readonly string[];
  now: Date;
  notifier?: RecordingNotifier;
  /** The people directory's users (their e-mail addresses); none unless told. */
  people?: readonly Person[];
}): WatcherWorld {
  let now = options.now;
  const reminders = new MemoryReminderStore();
  const documents = new MemoryDocuments(options.documents);
  const notifier = options.notifier ?? new RecordingNotifier();
  const people = options.people ?? [];
  const directory = {
    getPeople: async (organId: string, subs: readonly string[]) => new Map(people.filter((p) => p.organId === organId && subs.includes(p.sub)).map((p) => [p.sub, p])),
    getUnits: async () => new Map(),
  } as unknown as DirectoryStore;
  const deps = fakeDependencies({ documents: documents.port(), agencies: memoryAgencies(options.agencies), directory, reminders, notifier, clock: { now: () => now } });
  return { deps, reminders, documents, notifier, setNow: (next) => (now = next) };
}
