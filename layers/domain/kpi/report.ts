import type { OrganisationUnit } from '../agency/unit.ts';
import type { AssigneeCounterRow, CounterRow, PersonCounterRow } from './store.ts';

/**
 * The city's goals (Hanoi directive): share of work records handled online — 90 % at city level, 80 % at
 * district level, 60 % at commune level. Targets are configuration.
 */
export const reportLevels = ['city', 'district', 'commune'] as const;
export type ReportLevel = (typeof reportLevels)[number];
export type Targets = Readonly<Record<ReportLevel, number>>;
export const defaultTargets: Targets = { city: 90, district: 80, commune: 60 };

export interface AgencyKpi {
  readonly organId: string;
  readonly name: string;
  readonly level: ReportLevel;
  readonly received: number;
  readonly registered: number;
  readonly issued: number;
  readonly returned: number;
  readonly finished: number;
  readonly finishedOnTime: number;
  readonly finishedLate: number;
  readonly overdueNow: number;
  /** Average time from arrival to finish, in hours (null before the first finished document). */
  readonly averageProcessingHours: number | null;
  readonly sent: { readonly axis: number; readonly internal: number; readonly webhook: number };
  readonly recordsClosedOnline: number;
  readonly recordsClosedPaper: number;
  /** Closed work records handled online, in percent (null before the first closed record). */
  readonly onlineRate: number | null;
  readonly target: number;
  readonly meetsTarget: boolean | null;
}

/** The report level of a unit: districts and communes by kind; everything else of the city is city level. */
export function levelOf(unit: Pick<OrganisationUnit, 'kind'> | undefined): ReportLevel {
  if (unit?.kind === 'district') return 'district';
  if (unit?.kind === 'commune') return 'commune';
  return 'city';
}

export function agencyKpi(row: CounterRow, unit: Pick<OrganisationUnit, 'kind' | 'name'> | undefined, targets: Targets): AgencyKpi {
  const c = (metric: string) => row.counts[metric] ?? 0;
  const level = levelOf(unit);
  const closed = c('recordsClosedOnline') + c('recordsClosedPaper');
  const onlineRate = closed === 0 ? null : round((100 * c('recordsClosedOnline')) / closed);
  return {
    organId: row.organId,
    name: unit?.name ?? row.organId,
    level,
    received: c('received'),
    registered: c('registered'),
    issued: c('issued'),
    returned: c('returned'),
    finished: c('finished'),
    finishedOnTime: c('finishedOnTime'),
    finishedLate: c('finishedLate'),
    overdueNow: c('overdueNow'),
    averageProcessingHours: c('finished') === 0 ? null : round(c('processingMillis') / c('finished') / 3_600_000),
    sent: { axis: c('sentAxis'), internal: c('sentInternal'), webhook: c('sentWebhook') },
    recordsClosedOnline: c('recordsClosedOnline'),
    recordsClosedPaper: c('recordsClosedPaper'),
    onlineRate,
    target: targets[level],
    meetsTarget: onlineRate === null ? null : onlineRate >= targets[level],
  };
}

/** Sums a level's agencies; the level's rate is computed from the summed records, not averaged. */
export function rollUp(level: ReportLevel, agencies: readonly AgencyKpi[], targets: Targets) {
  const sum = (pick: (a: AgencyKpi) => number) => agencies.reduce((total, a) => total + pick(a), 0);
  const online = sum((a) => a.recordsClosedOnline);
  const closed = online + sum((a) => a.recordsClosedPaper);
  const onlineRate = closed === 0 ? null : round((100 * online) / closed);
  return {
    level,
    agencies: agencies.length,
    received: sum((a) => a.received),
    issued: sum((a) => a.issued),
    finished: sum((a) => a.finished),
    finishedOnTime: sum((a) => a.finishedOnTime),
    finishedLate: sum((a) => a.finishedLate),
    overdueNow: sum((a) => a.overdueNow),
    onlineRate,
    target: targets[level],
    meetsTarget: onlineRate === null ? null : onlineRate >= targets[level],
    agenciesMeetingTarget: agencies.filter((a) => a.meetsTarget === true).length,
  };
}

/**
 * One row of the people-and-units report: the counters of a person or unit responsible for work (the lead
 * of incoming documents, the drafter of outgoing ones) and, for a person, the history actions they
 * performed. `name` is the one the counter item holds (the latest assignment's), null when it has none.
 */
export interface ResponsibleKpi {
  readonly kind: 'person' | 'unit';
  /** `person:<sub>` or `unit:<…>` (routing.ts assigneeKey). */
  readonly key: string;
  readonly name: string | null;
  readonly assigned: number;
  readonly finished: number;
  readonly finishedOnTime: number;
  readonly finishedLate: number;
  /** Finished on time among the finished, in percent (null before the first finished document). */
  readonly onTimeRate: number | null;
  readonly overdueNow: number;
  /** Average time from arrival to finish of the documents they finished as lead, in hours. */
  readonly averageProcessingHours: number | null;
  readonly drafted: number;
  readonly issued: number;
  /** History actions performed, by action (people only; `{}` for units). */
  readonly actions: Readonly<Record<string, number>>;
}

/** Rows per responsible unit and person of one agency (units first, then people, by name), from their counter items. */
export function responsibleKpis(assignees: readonly AssigneeCounterRow[], actors: readonly PersonCounterRow[]): ResponsibleKpi[] {
  const actions = new Map(actors.map((actor) => [`person:${actor.sub}`, actor]));
  const rows = assignees.map((row) => responsibleKpi(row.kind, row.key, row.name ?? actions.get(row.key)?.name, row.counts, actions.get(row.key)?.counts ?? {}));
  const listed = new Set(assignees.map((row) => row.key));
  for (const [key, actor] of actions) if (!listed.has(key)) rows.push(responsibleKpi('person', key, actor.name, {}, actor.counts));
  const order = (row: ResponsibleKpi) => (row.kind === 'unit' ? 0 : 1);
  return rows.sort((a, b) => order(a) - order(b) || (a.name ?? a.key).localeCompare(b.name ?? b.key, 'vi') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function responsibleKpi(
  kind: 'person' | 'unit',
  key: string,
  name: string | undefined,
  counts: Readonly<Record<string, number>>,
  actions: Readonly<Record<string, number>>,
): ResponsibleKpi {
  const c = (metric: string) => counts[metric] ?? 0;
  return {
    kind,
    key,
    name: name ?? null,
    assigned: c('assigned'),
    finished: c('finished'),
    finishedOnTime: c('finishedOnTime'),
    finishedLate: c('finishedLate'),
    onTimeRate: c('finished') === 0 ? null : round((100 * c('finishedOnTime')) / c('finished')),
    overdueNow: c('overdueNow'),
    averageProcessingHours: c('finished') === 0 ? null : round(c('processingMillis') / c('finished') / 3_600_000),
    drafted: c('drafted'),
    issued: c('issued'),
    actions: { ...actions },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
