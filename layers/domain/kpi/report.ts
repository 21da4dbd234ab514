import type { OrganisationUnit } from '../agency/unit.ts';
import type { CounterRow } from './store.ts';

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

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
