import { type ReactNode, useCallback, useRef, useState } from 'react';
import { ApiProblem } from '../../api/client.ts';

/** The header every write sends: one key per submission (docs/API.md, `Idempotency-Key`). */
export type IdempotencyHeaders = { readonly 'Idempotency-Key': string };

/** A fresh key: 32 hex digits after `portal-` (8–128 characters of the allowed set). */
export function newIdempotencyKey(): string {
  return `portal-${hex(crypto.getRandomValues(new Uint8Array(16)))}`;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One write at a time, with its error and an `Idempotency-Key` per submission: sending the same request
 * again (a retry after a timeout, a second click) reuses the key, so the API answers the first outcome
 * instead of acting twice; a changed request, or any request after a success, gets a new key.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const last = useRef<{ request: string; key: string } | undefined>(undefined);
  const run = useCallback(async <T,>(request: unknown, call: (headers: IdempotencyHeaders) => Promise<T>): Promise<T | undefined> => {
    const fingerprint = JSON.stringify(request);
    if (last.current?.request !== fingerprint) last.current = { request: fingerprint, key: newIdempotencyKey() };
    const key = last.current.key;
    setBusy(true);
    setError(undefined);
    try {
      const result = await call({ 'Idempotency-Key': key });
      last.current = undefined;
      return result;
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** What the API said about one field (`body.subject`, or any path under it), if anything. */
export function fieldIssue(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const issues = error.errors.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
  return issues.length === 0 ? undefined : issues.map((issue) => issue.message).join('; ');
}

/** The ids a control is described by: its hint and its error, when there are. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint === undefined ? undefined : `${id}-hint`, error === undefined ? undefined : `${id}-error`].filter((value) => value !== undefined);
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** A labelled control with its hint and the API's words about it; the control carries `describedBy(...)`. */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint === undefined ? null : <small id={`${id}-hint`}>{hint}</small>}
      {error === undefined ? null : (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/** A sentence saying what just happened, read out by screen readers. */
export function Notice({ children, testId }: { readonly children: ReactNode; readonly testId?: string }) {
  return (
    <div className="notice" role="status" data-testid={testId}>
      {children}
    </div>
  );
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
