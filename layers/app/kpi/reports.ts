import { isUnder } from '#domain/agency/code';
import { deadlineOf } from '#domain/documents/deadline';
import { assigneeKey } from '#domain/documents/routing';
import { agencyKpi, responsibleKpis, rollUp, reportLevels, type AgencyKpi, type ReportLevel, type ResponsibleKpi } from '#domain/kpi/report';
import { exchangeChannels } from '#domain/kpi/counters';
import type { CounterRow } from '#domain/kpi/store';
import { authorize } from '#domain/identity/permissions';
import type { Principal } from '#domain/identity/principal';
import { vietnamDate } from '#domain/time';
import { restriction } from '../documents/read-documents.ts';
import type { Dependencies, RequestContext } from '../context.ts';

/**
 * Reports from the counters kept as work happens: no document is read to compute a rate. The city
 * administrator sees every agency; a leader or admin sees their agency and the units below it.
 */
export async function kpiReport(deps: Dependencies, ctx: RequestContext, input: { year: number; level?: ReportLevel }) {
  authorize(ctx.principal, 'report.read');
  const rows = visible(ctx.principal, await deps.kpi.agencyCounters(input.year));
  const units = await deps.agencies.getMany(rows.map((r) => r.organId));
  const agencies = rows.map((row) => agencyKpi(row, units.get(row.organId), deps.kpiTargets)).filter((a) => input.level === undefined || a.level === input.level);
  agencies.sort((a, b) => a.level.localeCompare(b.level) || a.name.localeCompare(b.name, 'vi'));
  const levels = reportLevels
    .filter((level) => input.level === undefined || level === input.level)
    .map((level) =>
      rollUp(
        level,
        agencies.filter((a) => a.level === level),
        deps.kpiTargets,
      ),
    );
  return { year: input.year, targets: deps.kpiTargets, levels, agencies };
}

/** Volumes by channel and month, incoming and outgoing, summed over the visible agencies. */
export async function exchangeReport(deps: Dependencies, ctx: RequestContext, input: { year: number }) {
  authorize(ctx.principal, 'report.read');
  const rows = visible(ctx.principal, await deps.kpi.agencyCounters(input.year));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `m${String(i + 1).padStart(2, '0')}`;
    const volume = (direction: 'in' | 'out', channel: string) => rows.reduce((total, row) => total + (row.counts[`${month}:${direction}:${channel}`] ?? 0), 0);
    return {
      month: `${input.year}-${month.slice(1)}`,
      incoming: Object.fromEntries(exchangeChannels.map((channel) => [channel, volume('in', channel)])),
      outgoing: Object.fromEntries((['axis', 'internal', 'webhook'] as const).map((channel) => [channel, volume('out', channel)])),
    };
  });
  return { year: input.year, months };
}

/**
 * KPIs per person and per unit of the caller's agency, from the counters kept as work happens (one Query of
 * each kind of item of the agency's counter partition): what each was given to lead, finished (on time,
 * late), holds overdue now, drafted and issued, and the history actions each person performed.
 */
export async function kpiPeopleReport(deps: Pick<Dependencies, 'kpi'>, ctx: RequestContext, input: { year: number }) {
  authorize(ctx.principal, 'report.read');
  const { organId } = ctx.principal;
  const [assignees, actors] = await Promise.all([deps.kpi.assigneeCounters(input.year, organId), deps.kpi.personCounters(input.year, organId)]);
  return { year: input.year, organId, rows: responsibleKpis(assignees, actors) };
}

/** Who holds what, since when, how late: the open documents past their deadline in the caller's agency. */
export async function overdueReport(deps: Dependencies, ctx: RequestContext, input: { limit: number; nextToken?: string }) {
  authorize(ctx.principal, 'report.read');
  const now = deps.clock.now();
  const today = vietnamDate(now);
  const page = await deps.documents.listDocuments({
    organId: ctx.principal.organId,
    direction: 'incoming',
    overdueOn: today,
    limit: input.limit,
    ...restriction(ctx),
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  });
  const items = page.items.flatMap((document) => {
    const dueDate = deadlineOf(document);
    if (document.direction !== 'incoming' || dueDate === undefined) return [];
    const lead = document.assignment?.lead;
    return [
      {
        documentId: document.id,
        notation: `${document.codeNumber}/${document.codeNotation}`,
        subject: document.subject,
        status: document.status,
        holder: lead === undefined ? 'văn thư (chưa phân công)' : lead.name,
        holderKey: lead === undefined ? null : assigneeKey(lead),
        since: document.assignment?.assignedAt ?? document.createdAt,
        dueDate,
        daysLate: deps.calendar.overdueStatus(dueDate, now).daysLate,
      },
    ];
  });
  return { asOf: today, items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
}

function visible(principal: Principal, rows: readonly CounterRow[]): CounterRow[] {
  if (principal.roles.includes('city-admin')) return [...rows];
  return rows.filter((row) => row.organId === principal.organId || isUnder(row.organId, principal.organId));
}

export type { AgencyKpi, ResponsibleKpi };
