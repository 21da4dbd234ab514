import type { Document } from '#domain/documents/document';
import { incomingRegisterColumns, outgoingRegisterColumns, registerRow, type RegisterRow } from '#domain/documents/register';
import { UnprocessableError } from '#domain/errors';
import { authorize } from '#domain/identity/permissions';
import type { Dependencies, RequestContext } from '../context.ts';

/** A register in one response stays below Lambda's 6 MB payload; larger years are read page by page. */
const MAX_CSV_ROWS = 15_000;

export interface RegisterInput {
  readonly direction: 'incoming' | 'outgoing';
  readonly year: number;
  /** Incoming: `main` (default) or `secret`; outgoing: a register id (default `general`) or `secret`. */
  readonly series?: string;
  readonly limit: number;
  readonly nextToken?: string;
}

/** One page of a register (sổ) of the caller's agency, in number order, with the Nghị định 30 columns. */
export async function readRegister(deps: Dependencies, ctx: RequestContext, input: RegisterInput): Promise<{ columns: readonly string[]; rows: RegisterRow[]; documents: Document[]; nextToken?: string }> {
  authorize(ctx.principal, 'register.read');
  const page = await deps.documents.register({
    organId: ctx.principal.organId,
    direction: input.direction,
    series: input.series ?? (input.direction === 'incoming' ? 'main' : 'general'),
    year: input.year,
    limit: input.limit,
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  });
  return {
    columns: input.direction === 'incoming' ? incomingRegisterColumns : outgoingRegisterColumns,
    rows: page.items.map(registerRow),
    documents: [...page.items],
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

/** The whole register of a year, for CSV export (UTF-8 with BOM, see csvResponse). */
export async function registerCsv(deps: Dependencies, ctx: RequestContext, input: Omit<RegisterInput, 'limit' | 'nextToken'>): Promise<{ columns: readonly string[]; rows: RegisterRow[] }> {
  const rows: RegisterRow[] = [];
  let columns: readonly string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await readRegister(deps, ctx, { ...input, limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
    columns = page.columns;
    rows.push(...page.rows);
    nextToken = page.nextToken;
    if (rows.length > MAX_CSV_ROWS) {
      throw new UnprocessableError('register-too-large', `The register has more than ${MAX_CSV_ROWS} entries; read it as JSON page by page (format=json with nextToken).`);
    }
  } while (nextToken !== undefined);
  return { columns, rows };
}
