import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, data } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { currentSession } from '../../auth/session.ts';
import { ErrorBox, Field, Loading, Page } from '../../components/ui.tsx';
import { vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { label } from '../../vocabulary.ts';
import { isConflict, MoreButton, optional, TableWrap, usePages } from '../registers/common.tsx';
import { AdminNav } from './nav.tsx';

type Unit = paths['/agencies/{organId}/units']['get']['responses'][200]['content']['application/json']['items'][number];
type UnitBody = paths['/agencies/{organId}/units/{unitId}']['put']['requestBody']['content']['application/json'];
type Person = paths['/users']['get']['responses'][200]['content']['application/json']['items'][number];
type PersonBody = paths['/users/{sub}']['put']['requestBody']['content']['application/json'];
type Role = PersonBody['roles'][number];

const unitKinds: readonly UnitBody['kind'][] = ['van-phong', 'phong', 'ban', 'to', 'trung-tam', 'khac'];
const roles: readonly Role[] = ['clerk', 'leader', 'specialist', 'admin', 'city-admin'];

/** A 409 on a conditional change: someone saved it since it was read, or a new one's code is taken. */
function Conflict({ error, creating, what, reload }: { readonly error: unknown; readonly creating: boolean; readonly what: string; readonly reload: () => void }) {
  if (!isConflict(error)) return <ErrorBox error={error} />;
  return (
    <div className="error" role="alert">
      <strong>{creating ? `Đã có ${what} với mã này.` : `Đã có người sửa ${what} này, hãy tải lại.`}</strong>
      <p>{creating ? 'Hãy chọn mã khác, hoặc tải lại danh sách và sửa mục đã có.' : 'Thay đổi của bạn chưa được lưu. Tải lại để xem bản mới nhất rồi sửa tiếp.'}</p>
      <button type="button" className="secondary" onClick={reload}>
        Tải lại
      </button>
    </div>
  );
}

/**
 * Quản trị — người dùng và đơn vị (`/admin/people`): the agency's units (PUT /agencies/{organId}/units/{unitId})
 * and users (PUT /users/{sub}), each change conditional on the version read.
 */
export function AdminPeople() {
  const organId = currentSession()?.organId ?? '';
  const units = useLoad(() => data(api.GET('/agencies/{organId}/units', { params: { path: { organId } } })).then((answer) => answer.items), [organId]);
  const [search, setSearch] = useState('');
  const [words, setWords] = useState('');
  const people = usePages(
    async (nextToken) =>
      data(
        api.GET('/users', {
          params: { query: { includeInactive: 'true', ...(words === '' ? {} : { q: words }), ...(nextToken === undefined ? {} : { nextToken }) } },
        }),
      ),
    [words],
  );
  const [editingUnit, setEditingUnit] = useState<Unit | 'new'>('new');
  const [editingPerson, setEditingPerson] = useState<Person | 'new'>('new');
  const [notice, setNotice] = useState<string>();
  const unitName = (unitId: string) => units.value?.find((unit) => unit.unitId === unitId)?.name ?? unitId;
  const personName = (sub: string | undefined) => (sub === undefined ? '' : (people.items.find((person) => person.sub === sub)?.name ?? sub));
  return (
    <Page title="Quản trị người dùng và đơn vị">
      <AdminNav current="people" />
      {notice === undefined ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="units-title">
        <h2 id="units-title">Đơn vị thuộc cơ quan</h2>
        <ErrorBox error={units.error} />
        {units.loading && units.value === undefined ? <Loading what="đơn vị" /> : null}
        {units.value === undefined ? null : units.value.length === 0 ? (
          <p className="muted">Cơ quan chưa có đơn vị nào.</p>
        ) : (
          <TableWrap label="Đơn vị thuộc cơ quan">
            <table data-testid="unit-list">
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Tên đơn vị</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Đơn vị cấp trên</th>
                  <th scope="col">Trưởng đơn vị</th>
                  <th scope="col">Thư điện tử</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Sửa</th>
                </tr>
              </thead>
              <tbody>
                {units.value.map((unit) => (
                  <tr key={unit.unitId} data-unit={unit.unitId}>
                    <td>{unit.unitId}</td>
                    <th scope="row">{unit.name}</th>
                    <td>{label('unitKind', unit.kind)}</td>
                    <td>{unit.parentUnitId === undefined ? '' : unitName(unit.parentUnitId)}</td>
                    <td>{personName(unit.headSub)}</td>
                    <td>{unit.email ?? ''}</td>
                    <td>{unit.active ? 'Đang hoạt động' : 'Ngừng hoạt động'}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => setEditingUnit(unit)}>
                        Sửa<span className="visually-hidden"> đơn vị {unit.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {units.value === undefined ? null : (
          <UnitForm
            key={editingUnit === 'new' ? 'new' : `${editingUnit.unitId}:${editingUnit.version}`}
            organId={organId}
            editing={editingUnit === 'new' ? undefined : editingUnit}
            units={units.value}
            people={people.items}
            onCancel={() => setEditingUnit('new')}
            onReload={async () => {
              const fresh = (await data(api.GET('/agencies/{organId}/units', { params: { path: { organId } } }))).items;
              units.reload();
              setEditingUnit(editingUnit === 'new' ? 'new' : (fresh.find((unit) => unit.unitId === editingUnit.unitId) ?? 'new'));
            }}
            onSaved={(unit) => {
              setNotice(`Đã lưu đơn vị ${unit.unitId} — ${unit.name}.`);
              setEditingUnit('new');
              units.reload();
            }}
          />
        )}
      </section>
      <section aria-labelledby="people-title">
        <h2 id="people-title">Người dùng của cơ quan</h2>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            setWords(search.trim());
          }}
        >
          <Field label="Tìm theo họ tên, chức vụ, thư điện tử" id="people-search">
            <input id="people-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} maxLength={200} />
          </Field>
          <div className="field">
            <button type="submit">Tìm</button>
          </div>
        </form>
        <ErrorBox error={people.error} />
        {people.loading && people.items.length === 0 ? <Loading what="người dùng" /> : null}
        {!people.loading && people.error === undefined && people.items.length === 0 ? <p className="muted">Không có người dùng nào.</p> : null}
        {people.items.length === 0 ? null : (
          <TableWrap label="Người dùng của cơ quan">
            <table data-testid="people-list">
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Mã người dùng</th>
                  <th scope="col">Chức vụ</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Thư điện tử</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Cập nhật</th>
                  <th scope="col">Sửa</th>
                </tr>
              </thead>
              <tbody>
                {people.items.map((person) => (
                  <tr key={person.sub} data-sub={person.sub}>
                    <th scope="row">{person.name}</th>
                    <td>{person.sub}</td>
                    <td>{person.position ?? ''}</td>
                    <td>{person.units.map(unitName).join(', ')}</td>
                    <td>{person.roles.map((role) => label('role', role)).join(', ')}</td>
                    <td>{person.email ?? ''}</td>
                    <td>{person.active ? 'Đang hoạt động' : 'Ngừng hoạt động'}</td>
                    <td>{vnDateTime(person.updatedAt)}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => setEditingPerson(person)}>
                        Sửa<span className="visually-hidden"> người dùng {person.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <MoreButton more={people.more} what="người dùng" />
        {units.value === undefined ? null : (
          <PersonForm
            key={editingPerson === 'new' ? 'new' : `${editingPerson.sub}:${editingPerson.version}`}
            editing={editingPerson === 'new' ? undefined : editingPerson}
            units={units.value}
            onCancel={() => setEditingPerson('new')}
            onReload={async () => {
              if (editingPerson === 'new') {
                people.reload();
                return;
              }
              const fresh = await data(api.GET('/users/{sub}', { params: { path: { sub: editingPerson.sub } } }));
              people.reload();
              setEditingPerson(fresh);
            }}
            onSaved={(person) => {
              setNotice(`Đã lưu người dùng ${person.name} (${person.sub}).`);
              setEditingPerson('new');
              people.reload();
            }}
          />
        )}
      </section>
    </Page>
  );
}

/** Focuses a form's heading when it opens on an entry to change, so a keyboard user lands on it. */
function useFocusOnEdit(editing: boolean) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);
  return heading;
}

function UnitForm({
  organId,
  editing,
  units,
  people,
  onCancel,
  onReload,
  onSaved,
}: {
  readonly organId: string;
  readonly editing: Unit | undefined;
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  readonly onCancel: () => void;
  readonly onReload: () => Promise<void>;
  readonly onSaved: (unit: Unit) => void;
}) {
  const [form, setForm] = useState({
    unitId: editing?.unitId ?? '',
    name: editing?.name ?? '',
    kind: editing?.kind ?? 'phong',
    parentUnitId: editing?.parentUnitId ?? '',
    headSub: editing?.headSub ?? '',
    email: editing?.email ?? '',
    active: editing?.active ?? true,
  });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnEdit(editing !== undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: UnitBody = {
        name: form.name.trim(),
        kind: form.kind,
        active: form.active,
        expectedVersion: editing?.version ?? 0,
        ...optional('parentUnitId', form.parentUnitId),
        ...optional('headSub', form.headSub),
        ...optional('email', form.email),
      };
      onSaved(await data(api.PUT('/agencies/{organId}/units/{unitId}', { params: { path: { organId, unitId: form.unitId.trim() } }, body })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  // The head is an active person of the agency; a head already set stays listed even if not loaded.
  const heads = people.filter((person) => person.active || person.sub === form.headSub);
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="unit-form-title" data-testid="unit-form">
      <h3 id="unit-form-title" ref={heading} tabIndex={-1}>
        {editing === undefined ? 'Thêm đơn vị' : `Sửa đơn vị ${editing.unitId}`}
      </h3>
      <Conflict error={error} creating={editing === undefined} what="đơn vị" reload={() => void onReload().then(() => setError(undefined))} />
      <div className="row">
        <Field label="Mã đơn vị" id="unit-id" hint="Chữ in hoa, chữ số và dấu gạch ngang, ví dụ P-KHTC.">
          <input
            id="unit-id"
            value={form.unitId}
            onChange={(event) => setForm({ ...form, unitId: event.target.value.toUpperCase() })}
            required
            readOnly={editing !== undefined}
            pattern="[A-Z0-9]([A-Z0-9\-]{0,14}[A-Z0-9])?"
            maxLength={16}
            aria-describedby="unit-id-hint"
            autoComplete="off"
          />
        </Field>
        <Field label="Tên đơn vị" id="unit-name">
          <input id="unit-name" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required maxLength={200} />
        </Field>
        <Field label="Loại đơn vị" id="unit-kind">
          <select id="unit-kind" value={form.kind} onChange={(event) => setForm({ ...form, kind: unitKinds.find((kind) => kind === event.target.value) ?? 'khac' })}>
            {unitKinds.map((kind) => (
              <option key={kind} value={kind}>
                {label('unitKind', kind)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        <Field label="Đơn vị cấp trên" id="unit-parent">
          <select id="unit-parent" value={form.parentUnitId} onChange={(event) => setForm({ ...form, parentUnitId: event.target.value })}>
            <option value="">— Không có —</option>
            {units
              .filter((unit) => unit.unitId !== form.unitId)
              .map((unit) => (
                <option key={unit.unitId} value={unit.unitId}>
                  {unit.name} ({unit.unitId})
                </option>
              ))}
          </select>
        </Field>
        <Field label="Trưởng đơn vị" id="unit-head">
          <select id="unit-head" value={form.headSub} onChange={(event) => setForm({ ...form, headSub: event.target.value })}>
            <option value="">— Chưa chọn —</option>
            {form.headSub !== '' && !heads.some((person) => person.sub === form.headSub) ? <option value={form.headSub}>{form.headSub}</option> : null}
            {heads.map((person) => (
              <option key={person.sub} value={person.sub}>
                {person.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Thư điện tử của đơn vị" id="unit-email">
          <input id="unit-email" type="email" value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} maxLength={254} />
        </Field>
      </div>
      <p className="check">
        <input id="unit-active" type="checkbox" checked={form.active} onChange={(event) => setForm({ ...form, active: event.target.checked })} />
        <label htmlFor="unit-active">Đang hoạt động</label>
      </p>
      <p className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : editing === undefined ? 'Thêm đơn vị' : 'Lưu đơn vị'}
        </button>
        {editing === undefined ? null : (
          <button type="button" className="secondary" onClick={onCancel}>
            Hủy sửa
          </button>
        )}
      </p>
    </form>
  );
}

function PersonForm({
  editing,
  units,
  onCancel,
  onReload,
  onSaved,
}: {
  readonly editing: Person | undefined;
  readonly units: readonly Unit[];
  readonly onCancel: () => void;
  readonly onReload: () => Promise<void>;
  readonly onSaved: (person: Person) => void;
}) {
  const [form, setForm] = useState({
    sub: editing?.sub ?? '',
    name: editing?.name ?? '',
    position: editing?.position ?? '',
    units: editing?.units ?? [],
    roles: editing?.roles ?? [],
    email: editing?.email ?? '',
    active: editing?.active ?? true,
  });
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnEdit(editing !== undefined);
  const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (form.roles.length === 0) {
      setProblem('Hãy chọn ít nhất một vai trò.');
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const body: PersonBody = {
        name: form.name.trim(),
        units: [...form.units],
        roles: [...form.roles],
        active: form.active,
        expectedVersion: editing?.version ?? 0,
        ...optional('position', form.position),
        ...optional('email', form.email),
        // The signing credentials are set elsewhere: a change of the person keeps them as they were.
        ...(editing?.signing === undefined ? {} : { signing: editing.signing }),
      };
      onSaved(await data(api.PUT('/users/{sub}', { params: { path: { sub: form.sub.trim() } }, body })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  // Units to choose: the active ones, and any the person is in already (to be able to take them out).
  const choosable = units.filter((unit) => unit.active || form.units.includes(unit.unitId));
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="person-form-title" data-testid="person-form">
      <h3 id="person-form-title" ref={heading} tabIndex={-1}>
        {editing === undefined ? 'Thêm người dùng' : `Sửa người dùng ${editing.name}`}
      </h3>
      <Conflict error={error} creating={editing === undefined} what="người dùng" reload={() => void onReload().then(() => setError(undefined))} />
      {problem === undefined ? null : (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <Field label="Mã người dùng (sub của tài khoản đăng nhập)" id="person-sub">
          <input
            id="person-sub"
            value={form.sub}
            onChange={(event) => setForm({ ...form, sub: event.target.value })}
            required
            readOnly={editing !== undefined}
            maxLength={128}
            autoComplete="off"
          />
        </Field>
        <Field label="Họ và tên" id="person-name">
          <input id="person-name" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required maxLength={100} autoComplete="off" />
        </Field>
        <Field label="Chức vụ" id="person-position">
          <input id="person-position" value={form.position} onChange={(event) => setForm({ ...form, position: event.target.value })} maxLength={100} />
        </Field>
        <Field label="Thư điện tử" id="person-email">
          <input id="person-email" type="email" value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} maxLength={254} autoComplete="off" />
        </Field>
      </div>
      <fieldset className="checks">
        <legend>Đơn vị</legend>
        {choosable.length === 0 ? <p className="muted">Cơ quan chưa có đơn vị nào.</p> : null}
        {choosable.map((unit) => (
          <span key={unit.unitId} className="check">
            <input
              id={`person-unit-${unit.unitId}`}
              type="checkbox"
              checked={form.units.includes(unit.unitId)}
              onChange={(event) => setForm({ ...form, units: toggle(form.units, unit.unitId, event.target.checked) })}
            />
            <label htmlFor={`person-unit-${unit.unitId}`}>
              {unit.name} ({unit.unitId}){unit.active ? '' : ' — ngừng hoạt động'}
            </label>
          </span>
        ))}
      </fieldset>
      <fieldset className="checks">
        <legend>Vai trò</legend>
        {roles.map((role) => (
          <span key={role} className="check">
            <input
              id={`person-role-${role}`}
              type="checkbox"
              checked={form.roles.includes(role)}
              onChange={(event) => setForm({ ...form, roles: toggle(form.roles, role, event.target.checked) })}
            />
            <label htmlFor={`person-role-${role}`}>{label('role', role)}</label>
          </span>
        ))}
      </fieldset>
      <p className="check">
        <input id="person-active" type="checkbox" checked={form.active} onChange={(event) => setForm({ ...form, active: event.target.checked })} />
        <label htmlFor="person-active">Đang hoạt động</label>
      </p>
      <p className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : editing === undefined ? 'Thêm người dùng' : 'Lưu người dùng'}
        </button>
        {editing === undefined ? null : (
          <button type="button" className="secondary" onClick={onCancel}>
            Hủy sửa
          </button>
        )}
      </p>
    </form>
  );
}
