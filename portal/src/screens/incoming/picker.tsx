import { useEffect, useState } from 'react';
import { api, data } from '../../api/client.ts';
import { currentSession } from '../../auth/session.ts';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import type { AssigneeChoice, Assignment } from '../documents/types.ts';

export type Role = 'lead' | 'coordinators' | 'forInformation';

/** Who a leader picked: one lead, coordinators and for-information (persons by sub, units by id). */
export interface Picks {
  readonly lead?: AssigneeChoice;
  readonly coordinators: readonly AssigneeChoice[];
  readonly forInformation: readonly AssigneeChoice[];
}

const ROLE_WORDS: Readonly<Record<Role, string>> = { lead: 'Chủ trì', coordinators: 'Phối hợp', forInformation: 'Để biết' };
const MAX_COORDINATORS = 20;

export function keyOf(choice: AssigneeChoice): string {
  return choice.kind === 'person' ? `person:${choice.sub}` : `unit:${choice.unitId}`;
}

/** The picks of an existing assignment (to reassign from it). */
export function picksOf(assignment: Assignment | undefined): Picks {
  if (assignment === undefined) return { coordinators: [], forInformation: [] };
  const choice = (assignee: Assignment['lead']): AssigneeChoice[] =>
    assignee.kind === 'person'
      ? [{ kind: 'person', sub: assignee.sub, name: assignee.name }]
      : assignee.unitId === undefined
        ? []
        : [{ kind: 'unit', unitId: assignee.unitId, name: assignee.name }];
  const lead = choice(assignment.lead)[0];
  return {
    ...(lead === undefined ? {} : { lead }),
    coordinators: assignment.coordinators.flatMap(choice),
    forInformation: assignment.forInformation.flatMap(choice),
  };
}

/** Puts `choice` in `role`, taking it out of the others (one person or unit has one role in an assignment). */
export function pick(picks: Picks, choice: AssigneeChoice, role: Role): Picks {
  const key = keyOf(choice);
  const others = (list: readonly AssigneeChoice[]) => list.filter((item) => keyOf(item) !== key);
  const lead = picks.lead !== undefined && keyOf(picks.lead) === key ? undefined : picks.lead;
  const base = { coordinators: others(picks.coordinators), forInformation: others(picks.forInformation) };
  if (role === 'lead') return { ...base, lead: choice };
  return { ...base, ...(lead === undefined ? {} : { lead }), [role]: [...base[role], choice] };
}

export function unpick(picks: Picks, key: string): Picks {
  const lead = picks.lead !== undefined && keyOf(picks.lead) === key ? undefined : picks.lead;
  return {
    ...(lead === undefined ? {} : { lead }),
    coordinators: picks.coordinators.filter((item) => keyOf(item) !== key),
    forInformation: picks.forInformation.filter((item) => keyOf(item) !== key),
  };
}

function roleOf(picks: Picks, key: string): Role | undefined {
  if (picks.lead !== undefined && keyOf(picks.lead) === key) return 'lead';
  if (picks.coordinators.some((item) => keyOf(item) === key)) return 'coordinators';
  if (picks.forInformation.some((item) => keyOf(item) === key)) return 'forInformation';
  return undefined;
}

/**
 * The directory to pick from: people found by name (GET /users?q=, without diacritics is fine) and the
 * agency's units (GET /agencies/{organId}/units); each with a button per role, and what was picked above.
 */
export function AssigneePicker({ picks, onChange, idPrefix }: { readonly picks: Picks; readonly onChange: (picks: Picks) => void; readonly idPrefix: string }) {
  const organId = currentSession()?.organId ?? '';
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const people = useLoad(() => data(api.GET('/users', { params: { query: { ...(query === '' ? {} : { q: query }), limit: 20 } } })), [query]);
  const units = useLoad(() => data(api.GET('/agencies/{organId}/units', { params: { path: { organId } } })), [organId]);
  const choose = (choice: AssigneeChoice, role: Role) => onChange(pick(picks, choice, role));
  const buttons = (choice: AssigneeChoice, name: string, test: Record<string, string>) => {
    const current = roleOf(picks, keyOf(choice));
    return (
      <span className="pick">
        {(Object.keys(ROLE_WORDS) as Role[]).map((role) => (
          <button
            key={role}
            type="button"
            className={current === role ? undefined : 'secondary'}
            aria-pressed={current === role}
            disabled={role === 'coordinators' && current !== role && picks.coordinators.length >= MAX_COORDINATORS}
            onClick={() => (current === role ? onChange(unpick(picks, keyOf(choice))) : choose(choice, role))}
            data-pick={role}
            {...test}
          >
            {ROLE_WORDS[role]}
            <span className="sr-only">: {name}</span>
          </button>
        ))}
      </span>
    );
  };
  const picked = (role: Role, text: string) => {
    const list = role === 'lead' ? (picks.lead === undefined ? [] : [picks.lead]) : picks[role];
    return (
      <li data-testid={`picked-${role}`}>
        <strong>{text}:</strong>{' '}
        {list.length === 0 ? (
          <span className="muted">{role === 'lead' ? 'chưa chọn' : 'không có'}</span>
        ) : (
          list.map((choice) => (
            <span key={keyOf(choice)} className="chip">
              {choice.name ?? (choice.kind === 'person' ? choice.sub : choice.unitId)}
              <button type="button" className="secondary" onClick={() => onChange(unpick(picks, keyOf(choice)))}>
                Bỏ<span className="sr-only"> {choice.name}</span>
              </button>
            </span>
          ))
        )}
      </li>
    );
  };
  const activeUnits = (units.value?.items ?? []).filter((unit) => unit.active);
  return (
    <fieldset>
      <legend>Người và đơn vị được giao</legend>
      <ul className="picked" aria-live="polite">
        {picked('lead', 'Chủ trì')}
        {picked('coordinators', 'Phối hợp')}
        {picked('forInformation', 'Nhận để biết')}
      </ul>
      <div className="field">
        <label htmlFor={`${idPrefix}-search`}>Tìm người theo tên, chức vụ (gõ không dấu cũng được)</label>
        <input id={`${idPrefix}-search`} type="search" value={q} onChange={(event) => setQ(event.target.value)} autoComplete="off" />
      </div>
      <ErrorBox error={people.error} />
      {people.loading ? <Loading what="danh bạ" /> : null}
      <ul className="picker-list" aria-label="Người tìm thấy" data-testid="people-results">
        {(people.value?.items ?? []).map((person) => (
          <li key={person.sub} data-sub={person.sub}>
            <span className="who">
              {person.name}
              <span className="muted">
                {person.position === undefined ? '' : ` · ${person.position}`}
                {person.roles.length === 0 ? '' : ` · ${person.roles.map((role) => label('role', role)).join(', ')}`}
                {person.units.length === 0 ? '' : ` · ${person.units.join(', ')}`}
              </span>
            </span>
            {buttons({ kind: 'person', sub: person.sub, name: person.name }, person.name, { 'data-sub': person.sub })}
          </li>
        ))}
        {people.value !== undefined && people.value.items.length === 0 ? <li className="muted">Không tìm thấy ai.</li> : null}
      </ul>
      <h4>Đơn vị</h4>
      <ErrorBox error={units.error} />
      <ul className="picker-list" aria-label="Đơn vị của cơ quan" data-testid="unit-results">
        {activeUnits.map((unit) => (
          <li key={unit.unitId} data-unit={unit.unitId}>
            <span className="who">
              {unit.name}
              <span className="muted">
                {' '}
                · {unit.unitId} · {label('unitKind', unit.kind)}
              </span>
            </span>
            {buttons({ kind: 'unit', unitId: unit.unitId, name: unit.name }, unit.name, { 'data-unit': unit.unitId })}
          </li>
        ))}
        {units.value !== undefined && activeUnits.length === 0 ? <li className="muted">Cơ quan chưa có đơn vị.</li> : null}
      </ul>
    </fieldset>
  );
}
