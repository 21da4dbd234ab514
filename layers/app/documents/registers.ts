import type { Document } from '#domain/documents/document';
import type { RegisterCounter } from '#domain/documents/numbering-change';
import { defaultRegisters, formatCodeNumber, systemSeries, type RegisterConfig, type SeriesKind } from '#domain/documents/numbering';
import { registerColumns, registerRow, type RegisterBook, type RegisterRow } from '#domain/documents/register';
import { ForbiddenError, UnprocessableError } from '#domain/errors';
import { seesEverySecret } from '#domain/documents/visibility';
import type { Principal } from '#domain/identity/principal';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate, vietnamTimestamp } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';

/** A register in one CSV answer stays below Lambda's 6 MB payload; larger years are printed or read page by page. */
const MAX_CSV_ROWS = 15_000;
const PAGE = 100;

export interface RegisterInput {
  readonly direction: 'incoming' | 'outgoing';
  readonly year: number;
  /** Incoming: `main` (default) or `secret`; outgoing: a register id (default `general`) or a system series. */
  readonly series?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

/** Which register a page belongs to: the secret series is said in every answer. */
export interface RegisterIdentity {
  readonly direction: 'incoming' | 'outgoing';
  readonly series: string;
  readonly name: string;
  readonly kind: SeriesKind | 'incoming';
  readonly secret: boolean;
}

/** A register of the year as GET /registers lists it. */
export interface RegisterSummary extends RegisterIdentity {
  /** Numbers given in the year; the book runs from `fromNumber` to `toNumber`. */
  readonly entries: number;
  readonly fromNumber?: number;
  readonly toNumber?: number;
  readonly exports: { readonly json: string; readonly csv: string; readonly pdf: string };
}

/** One page of a register (sổ) of the caller's agency, in number order, with the Nghị định 30 columns. */
export async function readRegister(
  deps: Dependencies,
  ctx: RequestContext,
  input: RegisterInput,
): Promise<{ register: RegisterIdentity; columns: string[]; rows: RegisterRow[]; documents: Document[]; nextToken?: string }> {
  authorize(ctx.principal, 'register.read');
  const { register } = await yearOf(deps, ctx.principal, input);
  const page = await deps.documents.register({
    organId: ctx.principal.organId,
    direction: input.direction,
    series: register.series,
    year: input.year,
    limit: input.limit,
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  });
  return {
    register,
    columns: registerColumns(input.direction, register.secret),
    rows: page.items.map((document) => registerRow(document, register.secret)),
    documents: [...page.items],
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

/** The whole register of a year, for CSV export (UTF-8 with BOM, see csvResponse). */
export async function registerCsv(
  deps: Dependencies,
  ctx: RequestContext,
  input: Omit<RegisterInput, 'limit' | 'nextToken'>,
): Promise<{ register: RegisterIdentity; columns: string[]; rows: RegisterRow[] }> {
  authorize(ctx.principal, 'register.read');
  const { register } = await yearOf(deps, ctx.principal, input);
  const rows: RegisterRow[] = [];
  for await (const row of rowsOf(deps, ctx.principal.organId, register, input.year)) {
    rows.push(row);
    if (rows.length > MAX_CSV_ROWS) {
      throw new UnprocessableError('register-too-large', `Sổ có hơn ${MAX_CSV_ROWS} dòng: hãy tải dạng PDF (format=pdf) hoặc đọc JSON theo trang (nextToken).`);
    }
  }
  return { register, columns: registerColumns(input.direction, register.secret), rows };
}

/**
 * A register of a year as a book to print (Nghị định 30 Phụ lục IV): the cover (agency, year, from number …
 * to number, from the counters: no document is read for it) and the decree's columns; the rows are read
 * page by page while the book is printed.
 */
export async function registerBook(deps: Dependencies, ctx: RequestContext, input: Omit<RegisterInput, 'limit' | 'nextToken'>): Promise<RegisterBook> {
  authorize(ctx.principal, 'register.read');
  const organId = ctx.principal.organId;
  const [{ register, range }, agencies] = await Promise.all([yearOf(deps, ctx.principal, input), deps.agencies.getMany([organId])]);
  const format = (n: number) => (input.direction === 'incoming' ? String(n) : formatCodeNumber(n));
  const now = deps.clock.now();
  return {
    agencyName: agencies.get(organId)?.name ?? organId,
    agencyCode: organId,
    title: input.direction === 'incoming' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
    seriesName: register.name,
    year: input.year,
    ...(range === undefined ? {} : { fromNumber: format(range.from), toNumber: format(range.to) }),
    secret: register.secret,
    columns: registerColumns(input.direction, register.secret),
    rows: rowsOf(deps, organId, register, input.year),
    printedAt: `${vietnamDate(now).split('-').reverse().join('/')} ${vietnamTimestamp(now).slice(11, 16)}`,
  };
}

/**
 * Every register and series of the caller's agency for a year: the incoming register and its secret
 * series, each outgoing register configured now or numbered that year, and the system's series that gave
 * numbers; each with its numbers and the addresses of its exports.
 */
export async function listRegisters(deps: Dependencies, ctx: RequestContext, year: number): Promise<RegisterSummary[]> {
  authorize(ctx.principal, 'register.read');
  const state = await countersOf(deps, ctx.principal.organId, year);
  const outgoing = [...new Set([...state.registers.map((r) => r.id), ...state.counters.map((c) => c.registerId)])];
  const series = [...(['main', 'secret'] as const).map((id) => ['incoming', id] as const), ...outgoing.map((id) => ['outgoing', id] as const)];
  return series.flatMap(([direction, id]) => {
    const register = identityOf(direction, id, state);
    if (register.secret && !seesEverySecret(ctx.principal)) return [];
    const range = rangeOf(register, state);
    if (register.kind !== 'administrative' && register.kind !== 'incoming' && range === undefined) return [];
    const base = `/registers/${direction}?year=${year}&series=${id}`;
    return [
      {
        ...register,
        entries: range === undefined ? 0 : range.to - range.from + 1,
        ...(range === undefined ? {} : { fromNumber: range.from, toNumber: range.to }),
        exports: { json: base, csv: `${base}&format=csv`, pdf: `${base}&format=pdf` },
      },
    ];
  });
}

/** What the year's registers look like from their counters: the configured registers and every counter. */
interface YearCounters {
  readonly registers: readonly RegisterConfig[];
  readonly counters: readonly RegisterCounter[];
  readonly arrivals: { readonly main: number; readonly secret: number };
}

async function countersOf(deps: Dependencies, organId: string, year: number): Promise<YearCounters> {
  const [stored, counters, arrivals] = await Promise.all([
    deps.numbering.numbering(organId),
    deps.numbering.registerCounters(organId, year),
    deps.numbering.arrivalCounters(organId, year),
  ]);
  return { registers: stored.config?.registers ?? defaultRegisters, counters, arrivals };
}

/**
 * The register an input names and its number range; an unknown series is refused (422), and a secret series
 * to anyone but the agency's clerks and leaders (403: need-to-know, layers/domain/documents/visibility.ts).
 */
async function yearOf(
  deps: Dependencies,
  principal: Principal,
  input: Pick<RegisterInput, 'direction' | 'series' | 'year'>,
): Promise<{ register: RegisterIdentity; range?: { from: number; to: number } }> {
  const state = await countersOf(deps, principal.organId, input.year);
  const register = identityOf(input.direction, input.series, state);
  if (register.secret && !seesEverySecret(principal)) {
    throw new ForbiddenError('Sổ văn bản mật chỉ văn thư và lãnh đạo cơ quan được xem.', { details: { series: register.series } });
  }
  const range = rangeOf(register, state);
  return { register, ...(range === undefined ? {} : { range }) };
}

function identityOf(direction: 'incoming' | 'outgoing', series: string | undefined, state: YearCounters): RegisterIdentity {
  if (direction === 'incoming') {
    const id = series ?? 'main';
    if (id !== 'main' && id !== 'secret') throw unknownSeries(id, ['main', 'secret']);
    return { direction, series: id, name: id === 'secret' ? 'Sổ đăng ký văn bản mật đến' : 'Sổ đăng ký văn bản đến', kind: 'incoming', secret: id === 'secret' };
  }
  const id = series ?? 'general';
  const system = systemSeries.find((s) => s.id === id);
  if (system !== undefined) return { direction, series: id, name: system.name, kind: system.kind, secret: system.kind === 'secret' };
  const register = state.registers.find((r) => r.id === id);
  // A register removed from the configuration keeps its book for the years it numbered.
  if (register === undefined && !state.counters.some((c) => c.registerId === id)) throw unknownSeries(id, [...state.registers.map((r) => r.id), ...systemSeries.map((s) => s.id)]);
  return { direction, series: id, name: register?.name ?? `Sổ ${id}`, kind: 'administrative', secret: false };
}

/** The first and last number of a register's year, from its counter. */
function rangeOf(register: RegisterIdentity, state: YearCounters): { from: number; to: number } | undefined {
  if (register.direction === 'incoming') {
    const last = register.secret ? state.arrivals.secret : state.arrivals.main;
    return last === 0 ? undefined : { from: 1, to: last };
  }
  const counter = state.counters.find((c) => c.registerId === register.series);
  const from = (counter?.startedAfter ?? 0) + 1;
  return counter === undefined || counter.value < from ? undefined : { from, to: counter.value };
}

/** Every row of a register of a year, page by page (never the whole year in one query or in memory). */
async function* rowsOf(deps: Dependencies, organId: string, register: RegisterIdentity, year: number): AsyncGenerator<RegisterRow> {
  let nextToken: string | undefined;
  do {
    const page = await deps.documents.register({
      organId,
      direction: register.direction,
      series: register.series,
      year,
      limit: PAGE,
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    for (const document of page.items) yield registerRow(document, register.secret);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
}

function unknownSeries(id: string, known: readonly string[]): UnprocessableError {
  return new UnprocessableError('unknown-register', `Không có sổ "${id}"; các sổ: ${known.join(', ')}.`, {
    errors: [{ path: 'query.series', message: `expected one of ${known.join(', ')}` }],
  });
}
