import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiProblem, data } from '../../api/client.ts';
import { Field } from '../../components/ui.tsx';
import { navigate } from '../../router.ts';

/**
 * What the records, registers, reports and administration screens share: the year in Vietnam, a year
 * picker, scrollable tables, pages of a list, downloads of a file the API answers, and the words of a 409.
 */

const yearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

/** The current year in Vietnam (UTC+7), whatever the device's zone. */
export function currentYear(): number {
  return Number(yearFormat.format(new Date()));
}

/** The `year` of a route's query, if it is a plausible year; else the current one. */
export function yearOf(query: URLSearchParams): number {
  const value = Number(query.get('year'));
  return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : currentYear();
}

/** Chooses the year of a list: a labelled number field and a button; the year goes into the route's query. */
export function YearPicker({ id, year, path, extra }: { readonly id: string; readonly year: number; readonly path: string; readonly extra?: Record<string, string> }) {
  const [value, setValue] = useState(String(year));
  useEffect(() => setValue(String(year)), [year]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = Number(value);
    if (!Number.isInteger(chosen) || chosen < 2000 || chosen > 2100) return;
    navigate(`${path}?${new URLSearchParams({ ...extra, year: String(chosen) }).toString()}`);
  };
  return (
    <form className="row" onSubmit={submit} aria-label="Chọn năm">
      <Field label="Năm" id={id}>
        <input id={id} type="number" inputMode="numeric" min={2000} max={2100} value={value} onChange={(event) => setValue(event.target.value)} required />
      </Field>
      <div className="field">
        <button type="submit">Xem</button>
      </div>
    </form>
  );
}

/** A table that scrolls sideways on a phone: a named region a keyboard can reach and scroll. */
export function TableWrap({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to be scrolled by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** A list read page by page (`nextToken`): the items so far, "more" while the API says more follow. */
export function usePages<T>(
  load: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
  deps: readonly unknown[],
): { items: T[]; error?: unknown; loading: boolean; more?: () => void; reload: () => void } {
  const [state, setState] = useState<{ items: T[]; nextToken?: string; error?: unknown; loading: boolean }>({ items: [], loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the list depends on
  useEffect(() => {
    let live = true;
    setState({ items: [], loading: true });
    load(undefined).then(
      (page) => live && setState({ items: page.items, loading: false, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) }),
      (error: unknown) => live && setState({ items: [], error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const nextToken = state.nextToken;
  const more =
    nextToken === undefined || state.loading
      ? undefined
      : () => {
          setState((previous) => ({ ...previous, loading: true }));
          load(nextToken).then(
            (page) =>
              setState((previous) => ({ items: [...previous.items, ...page.items], loading: false, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) })),
            (error: unknown) => setState((previous) => ({ ...previous, error, loading: false })),
          );
        };
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items: state.items, error: state.error, loading: state.loading, reload, ...(more === undefined ? {} : { more }) };
}

/** "Xem thêm" under a list while more pages follow. */
export function MoreButton({ more, what }: { readonly more: (() => void) | undefined; readonly what: string }) {
  if (more === undefined) return null;
  return (
    <p>
      <button type="button" className="secondary" onClick={more}>
        Xem thêm {what}
      </button>
    </p>
  );
}

/** The file name an answer's Content-Disposition gives (`filename*=UTF-8''…` first, then `filename="…"`). */
export function fileNameOf(disposition: string | null): string | undefined {
  if (disposition === null) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1] !== undefined) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name === undefined || name === '' ? undefined : name;
}

/**
 * Saves a file the API answered (a register's CSV, a record's XML…): the request went through the typed
 * client, so it carried the session's token, which a plain link cannot; the file is offered through a Blob
 * URL under the name the answer's Content-Disposition gives. Answers the name saved.
 */
export async function saveAnswer(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallbackName: string): Promise<string> {
  const answer = await call;
  const blob = await data(Promise.resolve(answer));
  const name = fileNameOf(answer.response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** A button that downloads a file of the API, says which file it saved, and shows a refusal in words. */
export function DownloadButton({
  children,
  fetchFile,
  fallbackName,
  testId,
}: {
  readonly children: ReactNode;
  readonly fetchFile: () => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  readonly fallbackName: string;
  readonly testId?: string;
}) {
  const [state, setState] = useState<{ busy: boolean; saved?: string; error?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      setState({ busy: false, saved: await saveAnswer(fetchFile(), fallbackName) });
    } catch (error) {
      setState({ busy: false, error: error instanceof ApiProblem ? `${error.title}: ${error.detail}` : String((error as Error).message ?? error) });
    }
  };
  return (
    <span className="download">
      <button type="button" className="secondary" onClick={() => void run()} disabled={state.busy} data-testid={testId}>
        {children}
      </button>
      <span className="muted" aria-live="polite">
        {state.busy ? ' Đang tải…' : state.saved !== undefined ? ` Đã tải ${state.saved}` : ''}
      </span>
      {state.error === undefined ? null : (
        <span className="error-text" role="alert">
          {' '}
          Không tải được: {state.error}
        </span>
      )}
    </span>
  );
}

/** Whether a refusal is a 409 (a conflict: someone changed it meanwhile, or it exists already). */
export function isConflict(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 409;
}

/** The stable name at the end of a problem's `type` (`…/problems/stale-version` → `stale-version`). */
export function problemName(error: unknown): string | undefined {
  return error instanceof ApiProblem ? error.type.split('/').pop() : undefined;
}

/** Text fields as the API takes them: a value left blank is left out, never sent as ''. */
export function optional<K extends string>(key: K, value: string): { [P in K]?: string } {
  const trimmed = value.trim();
  return (trimmed === '' ? {} : { [key]: trimmed }) as { [P in K]?: string };
}

/**
 * The JSON answer of a route that can also answer CSV or PDF (`format=`): its generated type is the union of
 * the media types, and a JSON request gets the object.
 */
export function asJson<T extends object>(value: T | string): T {
  if (typeof value === 'string') throw new Error('Máy chủ không trả lời dữ liệu JSON như mong đợi.');
  return value;
}
