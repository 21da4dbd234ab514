import type { Document } from '#domain/documents/document';
import { defaultRegisters, formatCodeNumber, systemSeries, type SeriesKind } from '#domain/documents/numbering';
import { registerColumns, registerRow, type RegisterBook, type RegisterRow } from '#domain/documents/register';
import { UnprocessableError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import { vietnamDate, vietnamTimestamp } from '#domain/time';
import type { Dependencies, RequestContext } from '../context.ts';

/** A register in one CSV answer stays below Lambda's 6 MB payload; larger years are read page by page. */
const MAX_CSV_ROWS = 15_000;

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
export async function readRegister(deps: Dependencies, ctx: RequestContext, input: RegisterInput): Promise<{ register: RegisterIdentity; columns: string[]; rows: RegisterRow[]; documents: Document[]; nextToken?: string }> {
  authorize(ctx.principal, 'register.read');
  const register = await identify(deps, ctx.principal.organId, input.direction, input.series, input.year);
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

/** Every row of a register of a year, page by page (never the whole year in one query). */
export async function* registerRows(deps: Dependencies, ctx: RequestContext, input: Omit<RegisterInput, 'limit' | 'nextToken'>): AsyncGenerator<RegisterRow> {
  let nextToken: string | undefined;
  do {
    const page = await readRegister(deps, ctx, { ...input, limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
    yield* page.rows;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
}

/** The whole register of a year, for CSV export (UTF-8 with BOM, see csvResponse). */
export async function registerCsv(deps: Dependencies, ctx: RequestContext, input: Omit<RegisterInput, 'limit' | 'nextToken'>): Promise<{ register: RegisterIdentity; columns: string[]; rows: RegisterRow[] }> {
  authorize(ctx.principal, 'register.read');
  const register = await identify(deps, ctx.principal.organId, input.direction, input.series, input.year);
  const rows: RegisterRow[] = [];
  for await (const row of registerRows(deps, ctx, input)) {
    rows.push(row);
    if (rows.length > MAX_CSV_ROWS) {
      throw new UnprocessableError('register-too-large', `Sổ có hơn ${MAX_CSV_ROWS} dòng: hãy tải dạng PDF (format=pdf) hoặc đọc JSON theo trang (nextToken).`);
    }
  }
  return { register, columns: registerColumns(input.direction, register.secret), rows };
}

/**
 * Every register and series of the caller's agency for a year: the incoming register and its secret
 * series, each outgoing register configured now or numbered this year, and the system's series that gave
 * numbers; each with its numbers and the addresses of its exports.
 */
export async function listRegisters(deps: Dependencies, ctx: RequestContext, year: number): Promise<RegisterSummary[]> {
  authorize(ctx.principal, 'register.read');
  const organId = ctx.principal.organId;
  const [arrivals, counters, stored] = await Promise.all([deps.numbering.arrivalCounters(organId, year), deps.numbering.registerCounters(organId, year), deps.numbering.numbering(organId)]);
  const configured = (stored.config?.registers ?? defaultRegisters).map((r) => r.id);
  const outgoing = [...new Set([...configured, ...counters.map((c) => c.registerId)])];
  const summaries: RegisterSummary[] = [];
  for (const [series, last] of [['main', arrivals.main], ['secret', arrivals.secret]] as const) {
    summaries.push(summary(await identify(deps, organId, 'incoming', series, year), year, last, 0));
  }
  for (const series of outgoing) {
    const counter = counters.find((c) => c.registerId === series);
    const identity = await identify(deps, organId, 'outgoing', series, year);
    if (identity.kind !== 'administrative' && counter === undefined) continue;
    summaries.push(summary(identity, year, counter?.value ?? 0, counter?.startedAfter ?? 0));
  }
  return summaries;
}

/**
 * A register of a year as a book to print (Nghị định 30 Phụ lục IV): the cover (agency, year, from number …
 * to number) and the decree's columns; the rows are read from the register page by page while printing.
 */
export async function registerBook(deps: Dependencies, ctx: RequestContext, input: Omit<RegisterInput, 'limit' | 'nextToken'>): Promise<RegisterBook> {
  authorize(ctx.principal, 'register.read');
  const organId = ctx.principal.organId;
  const register = await identify(deps, organId, input.direction, input.series, input.year);
  const [agency, range] = await Promise.all([deps.agencies.getMany([organId]), numberRange(deps, organId, register, input.year)]);
  const format = (n: number) => (input.direction === 'incoming' ? String(n) : formatCodeNumber(n));
  const now = deps.clock.now();
  return {
    agencyName: agency.get(organId)?.name ?? organId,
    agencyCode: organId,
    title: input.direction === 'incoming' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
    seriesName: register.name,
    year: input.year,
    ...(range === undefined ? {} : { fromNumber: format(range.from), toNumber: format(range.to) }),
    secret: register.secret,
    columns: registerColumns(input.direction, register.secret),
    rows: registerRows(deps, ctx, { ...input, series: register.series }),
    printedAt: `${vietnamDate(now).split('-').reverse().join('/')} ${vietnamTimestamp(now).slice(11, 16)}`,
  };
}

/** The first and last number of a register's year, from its counter (no document is read). */
async function numberRange(deps: Dependencies, organId: string, register: RegisterIdentity, year: number): Promise<{ from: number; to: number } | undefined> {
  if (register.direction === 'incoming') {
    const arrivals = await deps.numbering.arrivalCounters(organId, year);
    const last = register.secret ? arrivals.secret : arrivals.main;
    return last === 0 ? undefined : { from: 1, to: last };
  }
  const counter = (await deps.numbering.registerCounters(organId, year)).find((c) => c.registerId === register.series);
  if (counter === undefined || counter.value <= (counter.startedAfter ?? 0)) return undefined;
  return { from: (counter.startedAfter ?? 0) + 1, to: counter.value };
}

/** The register a series id names, with its printed name; an unknown series is refused (422). */
export async function identify(deps: Dependencies, organId: string, direction: 'incoming' | 'outgoing', series: string | undefined, year: number): Promise<RegisterIdentity> {
  if (direction === 'incoming') {
    const id = series ?? 'main';
    if (id !== 'main' && id !== 'secret') throw unknownSeries(id, ['main', 'secret']);
    return { direction, series: id, name: id === 'secret' ? 'Sổ đăng ký văn bản mật đến' : 'Sổ đăng ký văn bản đến', kind: 'incoming', secret: id === 'secret' };
  }
  const id = series ?? 'general';
  const system = systemSeries.find((s) => s.id === id);
  if (system !== undefined) return { direction, series: id, name: system.name, kind: system.kind, secret: system.kind === 'secret' };
  const stored = await deps.numbering.numbering(organId);
  const registers = stored.config?.registers ?? defaultRegisters;
  const register = registers.find((r) => r.id === id);
  if (register === undefined && !(await deps.numbering.registerCounters(organId, year)).some((c) => c.registerId === id)) {
    throw unknownSeries(id, [...registers.map((r) => r.id), ...systemSeries.map((s) => s.id)]);
  }
  // A register removed from the configuration keeps its book for the years it numbered.
  return { direction, series: id, name: register?.name ?? `Sổ ${id}`, kind: 'administrative', secret: false };
}

function summary(identity: RegisterIdentity, year: number, last: number, startedAfter: number): RegisterSummary {
  const base = `/registers/${identity.direction}?year=${year}&series=${identity.series}`;
  return {
    ...identity,
    entries: Math.max(0, last - startedAfter),
    ...(last > startedAfter ? { fromNumber: startedAfter + 1, toNumber: last } : {}),
    exports: { json: base, csv: `${base}&format=csv`, pdf: `${base}&format=pdf` },
  };
}

function unknownSeries(id: string, known: readonly string[]): UnprocessableError {
  return new UnprocessableError('unknown-register', `Không có sổ "${id}"; các sổ: ${known.join(', ')}.`, { errors: [{ path: 'query.series', message: `expected one of ${known.join(', ')}` }] });
}
