import type { ReactNode } from 'react';
import { ApiProblem } from '../api/client.ts';

/** A refusal or failure said in words, with the fields the API named. */
export function ErrorBox({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div className="error" role="alert">
      <strong>{problem?.title ?? 'Đã có lỗi'}</strong>
      {problem?.detail !== undefined && problem.detail !== '' ? <p>{problem.detail}</p> : problem === undefined ? <p>{String((error as Error).message ?? error)}</p> : null}
      {problem !== undefined && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading({ what = 'dữ liệu' }: { readonly what?: string }) {
  return (
    <p className="muted" aria-live="polite">
      Đang tải {what}…
    </p>
  );
}

/** A labelled field: the label names the control for screen readers. */
export function Field({ label, id, children, hint }: { readonly label: string; readonly id: string; readonly children: ReactNode; readonly hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint === undefined ? null : <small id={`${id}-hint`}>{hint}</small>}
    </div>
  );
}

export function Page({ title, children, actions }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        {actions}
      </header>
      {children}
    </section>
  );
}
