import { defaultRegisters, formatCodeNumber, numberingConfigSchema, systemSeries, type NumberingChange, type NumberingConfig, type SeriesKind } from '#domain/documents/numbering';
import { planNumberingChange } from '#domain/documents/numbering-change';
import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate, vietnamYear } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';

/** A series as GET /agencies/{organId}/numbering shows it: what it numbers and its next number this year. */
export interface SeriesView {
  readonly id: string;
  readonly name: string;
  readonly kind: SeriesKind;
  readonly typeNames: string[];
  /** The number the next document of this series gets this year, and how it prints (05). */
  readonly nextNumber: number;
  readonly nextCodeNumber: string;
  /** Set when the register started the year after numbers printed in another register (see numbering-change.ts). */
  readonly startedAfter?: number;
}

export interface NumberingView {
  readonly organId: string;
  readonly year: number;
  readonly issuerAbbreviation?: string;
  readonly version: number;
  /** Whether an administrator configured the registers (until then every type is numbered in one register). */
  readonly configured: boolean;
  readonly registers: SeriesView[];
  /** The series the system keeps: secret documents, copies, legal normative documents per type. */
  readonly systemSeries: SeriesView[];
}

/** The agency's numbering: its registers and series with their next number for the current Vietnam year. */
export async function readNumbering(deps: Dependencies, ctx: RequestContext, organId: string): Promise<NumberingView> {
  authorize(ctx.principal, 'numbering.read');
  if (organId !== ctx.principal.organId) throw new ForbiddenError('Chỉ xem được cấu hình sổ của cơ quan mình.');
  return numberingView(deps, organId);
}

/**
 * An agency administrator sets the agency's ký hiệu and which register (sổ) numbers which document types.
 * A change that would print a number and notation a second time this year is refused (409); a register
 * that has given no number yet this year continues after the highest number already printed with its
 * notations (numbering-change.ts).
 */
export async function configureNumbering(deps: Dependencies, ctx: RequestContext, organId: string, input: NumberingChange): Promise<NumberingView> {
  authorize(ctx.principal, 'numbering.write');
  if (organId !== ctx.principal.organId) throw new ForbiddenError('Administrators configure the registers of their own agency only.');
  const now = deps.clock.now();
  const year = vietnamYear(now);
  const [stored, counters] = await Promise.all([deps.numbering.numbering(organId), deps.numbering.registerCounters(organId, year)]);
  const issuerAbbreviation = input.issuerAbbreviation ?? stored.config?.issuerAbbreviation;
  if (issuerAbbreviation === undefined) {
    throw new ValidationError('Cơ quan chưa có ký hiệu: hãy khai báo issuerAbbreviation (ví dụ UBND, SNV).', {
      errors: [{ path: 'body.issuerAbbreviation', message: 'is required until the agency has a ký hiệu' }],
    });
  }
  const config = numberingConfigSchema.parse({ ...input, issuerAbbreviation });
  const previous = (stored.config?.registers ?? defaultRegisters).map((r) => r.id);
  const plan = planNumberingChange(config, previous, counters, year, { lastDayOfYear: vietnamDate(now).endsWith('-12-31') });
  const saved = await deps.numbering.saveNumbering(organId, { config, expectedVersion: stored.version, guards: plan.guards, starts: plan.starts });
  if (saved === 'conflict') {
    throw new ConflictError('numbering-changed', 'Cấu hình sổ hoặc số đã cấp vừa thay đổi trong lúc lưu; không có gì được lưu. Hãy tải lại cấu hình và thử lại.');
  }
  return numberingView(deps, organId);
}

/** The configuration an issue needs: refused (422) until the agency's ký hiệu is configured. */
export async function agencyNumbering(deps: Dependencies, organId: string): Promise<{ config: NumberingConfig; version: number }> {
  const stored = await deps.numbering.numbering(organId);
  if (stored.config === undefined) {
    throw new UnprocessableError(
      'numbering-not-configured',
      `Cơ quan chưa khai báo ký hiệu (ví dụ UBND, SNV) để ghi vào số, ký hiệu văn bản: quản trị viên khai báo tại PUT /agencies/${organId}/numbering trước khi phát hành.`,
      { details: { organId } },
    );
  }
  return { config: stored.config, version: stored.version };
}

async function numberingView(deps: Dependencies, organId: string): Promise<NumberingView> {
  const year = vietnamYear(deps.clock.now());
  const [stored, counters] = await Promise.all([deps.numbering.numbering(organId), deps.numbering.registerCounters(organId, year)]);
  const view = (series: { id: string; name: string; kind: SeriesKind; typeNames: readonly string[] }): SeriesView => {
    const counter = counters.find((c) => c.registerId === series.id);
    const next = (counter?.value ?? 0) + 1;
    return {
      ...series,
      typeNames: [...series.typeNames],
      nextNumber: next,
      nextCodeNumber: formatCodeNumber(next),
      ...(counter?.startedAfter === undefined ? {} : { startedAfter: counter.startedAfter }),
    };
  };
  return {
    organId,
    year,
    ...(stored.config === undefined ? {} : { issuerAbbreviation: stored.config.issuerAbbreviation }),
    version: stored.version,
    configured: stored.config !== undefined,
    registers: (stored.config?.registers ?? defaultRegisters).map((r) => view({ ...r, kind: 'administrative' })),
    systemSeries: systemSeries.map(view),
  };
}
