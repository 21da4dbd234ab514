import { useState, type FormEvent } from 'react';
import { ApiProblem, api, data } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { currentSession } from '../../auth/session.ts';
import { ErrorBox, Field, Loading, Page } from '../../components/ui.tsx';
import { useLoad } from '../../hooks.ts';
import { label, loadVocabulary } from '../../vocabulary.ts';
import { optional, problemName, TableWrap } from '../registers/common.tsx';
import { AdminNav } from './nav.tsx';

type Numbering = paths['/agencies/{organId}/numbering']['get']['responses'][200]['content']['application/json'];
type Series = Numbering['registers'][number];
type NumberingBody = paths['/agencies/{organId}/numbering']['put']['requestBody']['content']['application/json'];
type TypeName = NumberingBody['registers'][number]['typeNames'][number];

/** `*` in a register's types: every administrative type no other register takes. */
const ALL_OTHERS = '*';

function typesText(typeNames: readonly string[]): string {
  return typeNames.map((name) => (name === ALL_OTHERS ? 'Mọi loại văn bản còn lại' : name)).join(', ');
}

function SeriesTable({ caption, series, testId }: { readonly caption: string; readonly series: readonly Series[]; readonly testId: string }) {
  return (
    <TableWrap label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Sổ</th>
            <th scope="col">Mã sổ</th>
            <th scope="col">Loại số</th>
            <th scope="col">Loại văn bản</th>
            <th scope="col">Số tiếp theo</th>
          </tr>
        </thead>
        <tbody>
          {series.map((register) => (
            <tr key={register.id} data-register={register.id}>
              <th scope="row">{register.name}</th>
              <td>{register.id}</td>
              <td>{label('numberSeries', register.kind)}</td>
              <td>{typesText(register.typeNames)}</td>
              <td>
                <strong>{register.nextCodeNumber}</strong>
                {register.startedAfter === undefined ? null : <small className="muted"> (nối tiếp sau số {register.startedAfter} đã cấp)</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * Quản trị — sổ và số văn bản (`/admin/numbering`): the agency's ký hiệu and which register numbers which
 * document types (GET/PUT /agencies/{organId}/numbering), each register with its next number this year.
 */
export function AdminNumbering() {
  const organId = currentSession()?.organId ?? '';
  const numbering = useLoad(() => data(api.GET('/agencies/{organId}/numbering', { params: { path: { organId } } })), [organId]);
  const types = useLoad(() => loadVocabulary().then((vocabulary) => vocabulary['documentType']?.values ?? []), []);
  const [saved, setSaved] = useState(0);
  const value = numbering.value;
  return (
    <Page title="Quản trị sổ và số văn bản">
      <AdminNav current="numbering" />
      <ErrorBox error={numbering.error} />
      {numbering.loading && value === undefined ? <Loading what="cấu hình sổ" /> : null}
      {value === undefined ? null : (
        <>
          <section aria-labelledby="numbering-now">
            <h2 id="numbering-now">Cấu hình năm {value.year}</h2>
            {saved > 0 ? (
              <p className="notice" role="status">
                Đã lưu cấu hình sổ.
              </p>
            ) : null}
            <dl className="facts">
              <dt>Ký hiệu cơ quan</dt>
              <dd data-testid="issuer-abbreviation">{value.issuerAbbreviation ?? 'Chưa khai báo'}</dd>
              <dt>Đã cấu hình</dt>
              <dd>{value.configured ? 'Có' : 'Chưa: đang dùng sổ mặc định'}</dd>
            </dl>
            <SeriesTable caption="Sổ văn bản đi do cơ quan cấu hình" series={value.registers} testId="numbering-registers" />
            <SeriesTable caption="Sổ do hệ thống giữ (văn bản mật, bản sao, văn bản quy phạm pháp luật)" series={value.systemSeries} testId="numbering-system" />
          </section>
          <NumberingForm
            key={`${value.version}:${saved}`}
            organId={organId}
            current={value}
            typeNames={types.value ?? []}
            onSaved={() => {
              setSaved((n) => n + 1);
              numbering.reload();
            }}
            onReload={numbering.reload}
          />
        </>
      )}
    </Page>
  );
}

interface DraftRegister {
  readonly key: number;
  readonly id: string;
  readonly name: string;
  readonly typeNames: readonly string[];
}

function NumberingForm({
  organId,
  current,
  typeNames,
  onSaved,
  onReload,
}: {
  readonly organId: string;
  readonly current: Numbering;
  readonly typeNames: readonly string[];
  readonly onSaved: () => void;
  readonly onReload: () => void;
}) {
  const [abbreviation, setAbbreviation] = useState(current.issuerAbbreviation ?? '');
  const [placeName, setPlaceName] = useState('');
  const [registers, setRegisters] = useState<DraftRegister[]>(
    current.registers.map((register, key) => ({ key, id: register.id, name: register.name, typeNames: register.typeNames })),
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const change = (key: number, patch: Partial<DraftRegister>) => setRegisters(registers.map((register) => (register.key === key ? { ...register, ...patch } : register)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: NumberingBody = {
        ...optional('issuerAbbreviation', abbreviation),
        ...(placeName.trim().length >= 2 ? { placeName: placeName.trim() } : {}),
        // The names come from the API's own vocabulary of document types (GET /vocabulary: documentType).
        registers: registers.map((register) => ({ id: register.id.trim(), name: register.name.trim(), typeNames: register.typeNames as TypeName[] })),
      };
      await data(api.PUT('/agencies/{organId}/numbering', { params: { path: { organId } }, body }));
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const choices = [ALL_OTHERS, ...typeNames];
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="numbering-edit">
      <h2 id="numbering-edit">Sửa cấu hình sổ</h2>
      <p>
        Mỗi số, ký hiệu chỉ được cấp một lần trong năm. Sổ chưa cấp số nào trong năm sẽ nối tiếp sau số lớn nhất đã cấp với các ký hiệu nó nhận. Văn bản mật, bản sao và văn bản quy
        phạm pháp luật được đánh số trong sổ riêng do hệ thống giữ.
      </p>
      <NumberingRefusal error={error} onReload={onReload} />
      <div className="row">
        <Field label="Ký hiệu cơ quan" id="numbering-abbreviation" hint="Ví dụ UBND, SNV: có trong số, ký hiệu mọi văn bản cơ quan ban hành.">
          <input
            id="numbering-abbreviation"
            value={abbreviation}
            onChange={(event) => setAbbreviation(event.target.value)}
            pattern="[A-ZĐ][A-Za-zĐđ0-9]{0,11}"
            maxLength={12}
            required={current.issuerAbbreviation === undefined}
            aria-describedby="numbering-abbreviation-hint"
          />
        </Field>
        <Field label="Địa danh ghi trước ngày ban hành" id="numbering-place" hint="Ví dụ Hà Nội, Hoàn Kiếm. Để trống: Hà Nội.">
          <input
            id="numbering-place"
            value={placeName}
            onChange={(event) => setPlaceName(event.target.value)}
            minLength={2}
            maxLength={100}
            aria-describedby="numbering-place-hint"
          />
        </Field>
      </div>
      {registers.map((register, index) => (
        <fieldset key={register.key} className="card" data-testid="numbering-register">
          <legend>Sổ {index + 1}</legend>
          <div className="row">
            <Field label="Mã sổ" id={`register-id-${register.key}`} hint="Chữ thường, chữ số, dấu gạch ngang.">
              <input
                id={`register-id-${register.key}`}
                value={register.id}
                onChange={(event) => change(register.key, { id: event.target.value.toLowerCase() })}
                required
                pattern="[a-z0-9\-]{1,32}"
                maxLength={32}
                aria-describedby={`register-id-${register.key}-hint`}
              />
            </Field>
            <Field label="Tên sổ" id={`register-name-${register.key}`}>
              <input id={`register-name-${register.key}`} value={register.name} onChange={(event) => change(register.key, { name: event.target.value })} required maxLength={200} />
            </Field>
          </div>
          <details>
            <summary>Loại văn bản của sổ: {register.typeNames.length === 0 ? 'chưa chọn' : typesText(register.typeNames)}</summary>
            <fieldset className="checks">
              <legend className="visually-hidden">Loại văn bản của sổ {index + 1}</legend>
              {choices.map((name, choice) => (
                <span key={name} className="check">
                  <input
                    id={`register-${register.key}-type-${choice}`}
                    type="checkbox"
                    checked={register.typeNames.includes(name)}
                    onChange={(event) =>
                      change(register.key, {
                        typeNames: event.target.checked ? [...register.typeNames, name] : register.typeNames.filter((typeName) => typeName !== name),
                      })
                    }
                  />
                  <label htmlFor={`register-${register.key}-type-${choice}`}>{name === ALL_OTHERS ? 'Mọi loại văn bản còn lại' : name}</label>
                </span>
              ))}
            </fieldset>
          </details>
          {registers.length > 1 ? (
            <button type="button" className="secondary" onClick={() => setRegisters(registers.filter((other) => other.key !== register.key))}>
              Bỏ sổ {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => setRegisters([...registers, { key: Math.max(0, ...registers.map((register) => register.key)) + 1, id: '', name: '', typeNames: [] }])}
        >
          Thêm sổ
        </button>
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Lưu cấu hình sổ'}
        </button>
      </p>
    </form>
  );
}

/** A refused change in words: a 409 says why no number may be given twice, or that the numbers moved meanwhile. */
function NumberingRefusal({ error, onReload }: { readonly error: unknown; readonly onReload: () => void }) {
  if (!(error instanceof ApiProblem) || error.status !== 409) return <ErrorBox error={error} />;
  const repeat = problemName(error) === 'numbering-would-repeat';
  return (
    <div className="error" role="alert" data-testid="numbering-refused">
      <strong>{repeat ? 'Không lưu được: cấu hình này sẽ cấp lại số, ký hiệu đã ban hành trong năm.' : 'Không lưu được: cấu hình sổ hoặc số đã cấp vừa thay đổi.'}</strong>
      <p>
        {repeat
          ? 'Một sổ đã cấp số trong năm không được nhận thêm loại văn bản mà số của nó đã vượt qua, vì sẽ in lại một số, ký hiệu đã có. Hãy để loại văn bản đó ở sổ cũ, hoặc giao cho một sổ mới chưa cấp số nào (sổ mới sẽ nối tiếp sau số lớn nhất đã cấp).'
          : 'Có người vừa cấp số hoặc sửa cấu hình trong lúc bạn lưu; không có gì được lưu. Hãy tải lại cấu hình rồi làm lại.'}
      </p>
      {error.detail === '' ? null : <p>{error.detail}</p>}
      {error.errors.length > 0 ? (
        <ul>
          {error.errors.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="secondary" onClick={onReload}>
        Tải lại cấu hình
      </button>
    </div>
  );
}
