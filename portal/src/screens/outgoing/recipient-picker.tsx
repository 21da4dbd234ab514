import { useEffect, useId, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { ErrorBox } from '../../components/ui.tsx';
import { describedBy } from './shared.tsx';
import type { Agency, Recipient } from './types.ts';

/**
 * Nơi nhận: agencies found in the directory (GET /agencies?q=…, every word with or without diacritics),
 * each kept as `{organId, organName}`. Keyboard: type, Tab to a result, Enter adds it.
 */
export function RecipientPicker({
  value,
  onChange,
  error,
}: {
  readonly value: readonly Recipient[];
  readonly onChange: (recipients: Recipient[]) => void;
  readonly error?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [found, setFound] = useState<{ query: string; items: Agency[] } | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const resultsId = useId();

  useEffect(() => {
    const words = query.trim();
    if (words.length < 2) return;
    const timer = setTimeout(() => setAsked(words), 300);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (asked === '') return;
    let live = true;
    data(api.GET('/agencies', { params: { query: { q: asked, limit: 10 } } })).then(
      (page) => {
        if (!live) return;
        setFailure(undefined);
        setFound({ query: asked, items: page.items });
      },
      (problem: unknown) => live && setFailure(problem),
    );
    return () => {
      live = false;
    };
  }, [asked]);

  const chosen = new Set(value.map((recipient) => recipient.organId));
  const results = (found?.items ?? []).filter((agency) => !chosen.has(agency.code102));
  const hint = 'Gõ tên hoặc mã định danh của cơ quan, có dấu hay không dấu đều được (ví dụ: so tai chinh).';
  return (
    <fieldset className="recipients">
      <legend>Nơi nhận (cơ quan nhận văn bản điện tử)</legend>
      {value.length === 0 ? (
        <p className="muted">Chưa chọn cơ quan nhận.</p>
      ) : (
        <ul className="list" aria-label="Nơi nhận đã chọn" data-testid="chosen-recipients">
          {value.map((recipient) => (
            <li key={recipient.organId} className="row between">
              <span>
                {recipient.organName} <span className="muted">({recipient.organId})</span>
              </span>
              <button
                type="button"
                className="secondary"
                data-action="remove-recipient"
                data-organ-id={recipient.organId}
                aria-label={`Bỏ ${recipient.organName} khỏi nơi nhận`}
                onClick={() => onChange(value.filter((other) => other.organId !== recipient.organId))}
              >
                Bỏ
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="recipient-search">Tìm cơ quan nhận</label>
        <input
          id="recipient-search"
          type="search"
          autoComplete="off"
          value={query}
          aria-describedby={describedBy('recipient-search', hint, error)}
          aria-controls={resultsId}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter searches at once instead of submitting the whole form.
            if (event.key === 'Enter') {
              event.preventDefault();
              if (query.trim().length > 0) setAsked(query.trim());
            }
          }}
        />
        <small id="recipient-search-hint">{hint}</small>
        {error === undefined ? null : (
          <small id="recipient-search-error" className="field-error">
            {error}
          </small>
        )}
      </div>
      <ErrorBox error={failure} />
      <p className="muted" aria-live="polite">
        {found === undefined || query.trim() === ''
          ? ''
          : found.items.length === 0
            ? `Không tìm thấy cơ quan nào cho “${found.query}”.`
            : results.length === 0
              ? 'Các cơ quan tìm thấy đã có trong nơi nhận.'
              : `Tìm thấy ${results.length} cơ quan chưa có trong nơi nhận.`}
      </p>
      <ul id={resultsId} className="list" aria-label="Cơ quan tìm thấy">
        {query.trim() === ''
          ? null
          : results.map((agency) => (
              <li key={agency.code102} className="row between">
                <span>
                  {agency.name} <span className="muted">({agency.code102})</span>
                </span>
                <button
                  type="button"
                  data-action="add-recipient"
                  data-organ-id={agency.code102}
                  aria-label={`Thêm ${agency.name} vào nơi nhận`}
                  onClick={() => onChange([...value, { organId: agency.code102, organName: agency.name }])}
                >
                  Thêm
                </button>
              </li>
            ))}
      </ul>
    </fieldset>
  );
}
