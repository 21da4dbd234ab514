import * as z from 'zod';
import { DUE_SOON_WORKING_DAYS } from '#domain/calendar/working-calendar';
import { ValidationError } from '#domain/errors';
import { defaultReminderPolicy, type ReminderPolicy } from '#domain/reminders/rules';
import { vietnamDate } from '#domain/time';
import type { Dependencies } from '../context.ts';
import { newTally, processDueDocuments, type WatchLog, type WatchTally } from './process-due.ts';

export type { WatchLog, WatchTally } from './process-due.ts';

/** The cursor's name in the reminder store. */
export const WATCHER_JOB = 'deadline-watcher';
/** Agencies read per directory page, and documents per deadline-index page. */
const AGENCY_PAGE = 50;
const DOCUMENT_PAGE = 100;
/** Time kept in hand when the run stops: enough to finish one page of documents and save the cursor. */
export const STOP_MARGIN_MS = 30_000;

export interface WatchOptions {
  /** Milliseconds this run has left (the Lambda context's); the watcher stops in time and resumes next run. */
  readonly timeLeftMs: () => number;
  readonly log: WatchLog;
  /** Correlation id of the run, written into the history events it causes. */
  readonly runId: string;
  readonly policy?: ReminderPolicy;
}

export interface WatchSummary extends WatchTally {
  readonly agencies: number;
  /** The directory was walked to its end (the next run starts again from the first agency). */
  readonly complete: boolean;
}

/**
 * The deadline watcher (scheduled): walks the agency directory page by page and, for each agency, queries
 * the sparse deadline index for open documents due on or before the due-soon horizon (no Scan); records
 * and sends the reminders their state calls for, once each, and flags documents that became overdue.
 * Work per run is bounded by `timeLeftMs`: the position is saved and the next run continues from it.
 *
 * @example
 * const summary = await watchDeadlines(dependencies(), { timeLeftMs: () => context.getRemainingTimeInMillis(), log, runId: context.awsRequestId });
 * summary.remindersSent; // 3
 */
export async function watchDeadlines(deps: Dependencies, options: WatchOptions): Promise<WatchSummary> {
  const now = deps.clock.now();
  const horizon = deps.calendar.addWorkingDays(vietnamDate(now), DUE_SOON_WORKING_DAYS);
  const tally = newTally();
  const context = { now, policy: options.policy ?? defaultReminderPolicy, log: options.log, runId: options.runId };
  let position = readPosition(await deps.reminders.cursor(WATCHER_JOB), options.log);
  let agencies = 0;
  for (;;) {
    const page = await agencyPage(deps, position, options.log);
    if (page.restarted) position = start;
    for (const [offset, agency] of page.items.entries()) {
      if (offset < position.offset) continue;
      const organId = agency.code102;
      let documentToken = offset === position.offset ? position.documentToken : undefined;
      do {
        if (options.timeLeftMs() < STOP_MARGIN_MS) {
          await savePosition(deps, {
            ...(position.agencyToken === undefined ? {} : { agencyToken: position.agencyToken }),
            offset,
            ...(documentToken === undefined ? {} : { documentToken }),
          });
          return { ...tally, agencies, complete: false };
        }
        const due = await duePage(deps, organId, horizon, documentToken, options.log);
        await processDueDocuments(deps, due.items, context, tally);
        documentToken = due.nextToken;
      } while (documentToken !== undefined);
      agencies += 1;
    }
    if (page.nextToken === undefined) break;
    position = { agencyToken: page.nextToken, offset: 0 };
  }
  await savePosition(deps, undefined);
  return { ...tally, agencies, complete: true };
}

/** Where the walk stands: the directory page (its token), the agency in it, the page of its documents. */
const positionSchema = z.strictObject({
  agencyToken: z.string().optional(),
  offset: z.number().int().min(0),
  documentToken: z.string().optional(),
});
type Position = z.infer<typeof positionSchema>;
const start: Position = { offset: 0 };

function readPosition(saved: string | undefined, log: WatchLog): Position {
  if (saved === undefined) return start;
  const parsed = positionSchema.safeParse(parseJson(saved));
  if (parsed.success) return parsed.data;
  log.warn('deadline watcher cursor unreadable; starting from the first agency', { cursor: saved.slice(0, 200) });
  return start;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function savePosition(deps: Dependencies, position: Position | undefined): Promise<void> {
  await deps.reminders.saveCursor(WATCHER_JOB, position === undefined ? undefined : JSON.stringify(position), deps.clock.now().toISOString());
}

/** One page of an agency's deadline index; a token it no longer accepts restarts that agency. */
async function duePage(deps: Dependencies, organId: string, horizon: string, token: string | undefined, log: WatchLog) {
  try {
    return await deps.documents.dueBefore(organId, horizon, { limit: DOCUMENT_PAGE, ...(token === undefined ? {} : { nextToken: token }) });
  } catch (error) {
    if (!(error instanceof ValidationError) || token === undefined) throw error;
    log.warn('deadline watcher: saved document position refused; starting the agency again', { organId, error });
    return deps.documents.dueBefore(organId, horizon, { limit: DOCUMENT_PAGE });
  }
}

/**
 * One page of the directory. A token the directory no longer accepts (its shape changed between runs)
 * restarts the walk from the first agency rather than stopping every later run.
 */
async function agencyPage(deps: Dependencies, position: Position, log: WatchLog) {
  try {
    const page = await deps.agencies.list({ limit: AGENCY_PAGE, ...(position.agencyToken === undefined ? {} : { nextToken: position.agencyToken }) });
    return { ...page, restarted: false };
  } catch (error) {
    if (!(error instanceof ValidationError) || position.agencyToken === undefined) throw error;
    log.warn('deadline watcher: saved directory position refused; starting from the first agency', { error });
    return { ...(await deps.agencies.list({ limit: AGENCY_PAGE })), restarted: true };
  }
}
