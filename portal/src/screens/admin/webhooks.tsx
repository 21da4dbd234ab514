import { useState, type FormEvent } from 'react';
import { ApiProblem, api, data } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { currentSession } from '../../auth/session.ts';
import { ErrorBox, Field, Loading, Page } from '../../components/ui.tsx';
import { vnDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { navigate } from '../../router.ts';
import { label } from '../../vocabulary.ts';
import { MoreButton, TableWrap, usePages } from '../registers/common.tsx';
import { AdminNav } from './nav.tsx';

type NewKey = paths['/agencies/{organId}/webhook-keys']['post']['requestBody']['content']['application/json'];

/**
 * A secret the API shows once (a new key's whsec_…, an endpoint's signing secret): shown here once, with the
 * warning that it cannot be shown again, until the admin says it is kept.
 */
function SecretOnce({ title, secret, onDone }: { readonly title: string; readonly secret: string; readonly onDone: () => void }) {
  const [copied, setCopied] = useState<string>();
  return (
    <div className="secret-once" role="alert" data-testid="secret-once">
      <h3>{title} — chỉ hiển thị một lần</h3>
      <p>
        <strong>Hãy sao chép và cất giữ khóa này ngay bây giờ.</strong> Hệ thống chỉ lưu bản đã mã hóa và sẽ không bao giờ hiển thị lại. Chỉ trao khóa cho bên được phép qua kênh
        bảo mật; nếu làm mất, hãy tạo khóa mới rồi thu hồi khóa này.
      </p>
      <Field label="Khóa bí mật" id="secret-value">
        <input id="secret-value" readOnly value={secret} onFocus={(event) => event.target.select()} spellCheck={false} autoComplete="off" />
      </Field>
      <p className="row">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            navigator.clipboard?.writeText(secret).then(
              () => setCopied('Đã sao chép khóa.'),
              () => setCopied('Không sao chép được: hãy chọn khóa và sao chép bằng bàn phím.'),
            )
          }
        >
          Sao chép khóa
        </button>
        <button type="button" onClick={onDone}>
          Tôi đã cất giữ khóa, ẩn đi
        </button>
        <span aria-live="polite">{copied}</span>
      </p>
    </div>
  );
}

/**
 * Quản trị — webhook (`/admin/webhooks?agency=…`): the inbound keys of an agency outside the city (list, create,
 * revoke), the endpoint that receives the agency's signed document.status webhooks, and their delivery log.
 */
export function AdminWebhooks({ query }: { readonly query: URLSearchParams }) {
  const own = currentSession()?.organId ?? '';
  const organId = query.get('agency') ?? own;
  const [agency, setAgency] = useState(organId);
  return (
    <Page title="Quản trị webhook">
      <AdminNav current="webhooks" />
      <p>
        Khóa ký webhook dành cho cơ quan, hệ thống ngoài thành phố gửi văn bản vào qua webhook có chữ ký. Địa chỉ nhận webhook là nơi hệ thống gửi trạng thái xử lý văn bản
        (document.status) của cơ quan.
      </p>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`/admin/webhooks?${new URLSearchParams({ agency: agency.trim() }).toString()}`);
        }}
      >
        <Field label="Mã định danh cơ quan" id="webhook-agency" hint="Ví dụ 000.00.00.G12 hoặc G12.">
          <input id="webhook-agency" value={agency} onChange={(event) => setAgency(event.target.value)} required maxLength={20} aria-describedby="webhook-agency-hint" />
        </Field>
        <div className="field">
          <button type="submit">Xem</button>
        </div>
      </form>
      <Keys key={`keys:${organId}`} organId={organId} />
      <Endpoint key={`endpoint:${organId}`} organId={organId} />
      <Deliveries key={`deliveries:${organId}`} organId={organId} />
    </Page>
  );
}

function Keys({ organId }: { readonly organId: string }) {
  const keys = useLoad(() => data(api.GET('/agencies/{organId}/webhook-keys', { params: { path: { organId } } })).then((answer) => answer.items), [organId]);
  const [kind, setKind] = useState<NewKey['kind']>('hmac');
  const [publicKey, setPublicKey] = useState('');
  const [secret, setSecret] = useState<string>();
  const [revoking, setRevoking] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const body: NewKey = kind === 'hmac' ? { kind } : { kind, publicKey: publicKey.trim() };
      const created = await data(api.POST('/agencies/{organId}/webhook-keys', { params: { path: { organId } }, body }));
      setSecret(created.secret);
      setPublicKey('');
      setNotice(`Đã tạo khóa ${created.key.keyId}.`);
      keys.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (keyId: string) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await data(api.POST('/agencies/{organId}/webhook-keys/{keyId}/revoke', { params: { path: { organId, keyId } } }));
      setNotice(`Đã thu hồi khóa ${keyId}.`);
      keys.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setRevoking(undefined);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">Khóa ký webhook gửi đến</h2>
      {secret === undefined ? null : <SecretOnce title="Khóa bí mật mới" secret={secret} onDone={() => setSecret(undefined)} />}
      {notice === undefined ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={keys.error ?? error} />
      {keys.loading && keys.value === undefined ? <Loading what="khóa" /> : null}
      {keys.value?.length === 0 ? <p className="muted">Cơ quan chưa có khóa nào.</p> : null}
      {keys.value === undefined || keys.value.length === 0 ? null : (
        <TableWrap label="Khóa ký webhook">
          <table data-testid="webhook-keys">
            <thead>
              <tr>
                <th scope="col">Mã khóa</th>
                <th scope="col">Loại</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Tạo lúc</th>
                <th scope="col">Thu hồi lúc</th>
                <th scope="col">Thu hồi</th>
              </tr>
            </thead>
            <tbody>
              {keys.value.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row">
                    <code>{key.keyId}</code>
                  </th>
                  <td>{label('webhookKeyKind', key.kind)}</td>
                  <td>{label('webhookKeyStatus', key.status)}</td>
                  <td>
                    {vnDateTime(key.createdAt)}, {key.createdBy.name}
                  </td>
                  <td>{key.revokedAt === undefined ? '' : `${vnDateTime(key.revokedAt)}, ${key.revokedBy?.name ?? ''}`}</td>
                  <td>
                    {key.status !== 'active' ? null : revoking === key.keyId ? (
                      <span className="row">
                        <button type="button" className="danger" onClick={() => void revoke(key.keyId)} disabled={busy}>
                          Xác nhận thu hồi<span className="visually-hidden"> khóa {key.keyId}</span>
                        </button>
                        <button type="button" className="secondary" onClick={() => setRevoking(undefined)}>
                          Hủy
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setRevoking(key.keyId)}>
                        Thu hồi<span className="visually-hidden"> khóa {key.keyId}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <form className="card" onSubmit={(event) => void create(event)} aria-labelledby="key-new">
        <h3 id="key-new">Tạo khóa mới</h3>
        <p className="muted">Đổi khóa: tạo khóa mới, trao cho bên gửi, rồi thu hồi khóa cũ. Tối đa 5 khóa đang dùng.</p>
        <fieldset className="checks">
          <legend>Loại khóa</legend>
          {(['hmac', 'ed25519'] as const).map((value) => (
            <span key={value} className="check">
              <input id={`key-kind-${value}`} type="radio" name="key-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              <label htmlFor={`key-kind-${value}`}>{label('webhookKeyKind', value)}</label>
            </span>
          ))}
        </fieldset>
        {kind === 'ed25519' ? (
          <Field label="Khóa công khai Ed25519 của bên gửi" id="key-public">
            <textarea id="key-public" value={publicKey} onChange={(event) => setPublicKey(event.target.value)} required rows={3} spellCheck={false} />
          </Field>
        ) : null}
        <button type="submit" disabled={busy}>
          Tạo khóa
        </button>
      </form>
    </section>
  );
}

function Endpoint({ organId }: { readonly organId: string }) {
  const endpoint = useLoad(
    () =>
      data(api.GET('/agencies/{organId}/webhook-endpoint', { params: { path: { organId } } })).catch((error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404 && error.type.endsWith('/not-found')) return null;
        throw error;
      }),
    [organId],
  );
  const [url, setUrl] = useState<string>();
  const [rotate, setRotate] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = endpoint.value ?? undefined;
  const shownUrl = url ?? current?.url ?? '';
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const saved = await data(
        api.PUT('/agencies/{organId}/webhook-endpoint', { params: { path: { organId } }, body: { url: shownUrl.trim(), events: ['document.status'], rotateSecret: rotate } }),
      );
      setSecret(saved.secret);
      setRotate(false);
      setUrl(undefined);
      setNotice(saved.created ? 'Đã đăng ký địa chỉ nhận webhook.' : 'Đã lưu địa chỉ nhận webhook.');
      endpoint.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="endpoint-title">
      <h2 id="endpoint-title">Địa chỉ nhận webhook</h2>
      {secret === undefined ? null : <SecretOnce title="Khóa ký của địa chỉ nhận" secret={secret} onDone={() => setSecret(undefined)} />}
      {notice === undefined ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={endpoint.error ?? error} />
      {endpoint.loading && endpoint.value === undefined ? <Loading what="địa chỉ nhận" /> : null}
      {endpoint.value === null ? <p className="muted">Cơ quan chưa đăng ký địa chỉ nhận webhook.</p> : null}
      {current === undefined ? null : (
        <dl className="facts">
          <dt>Địa chỉ</dt>
          <dd>
            <code>{current.url}</code>
          </dd>
          <dt>Sự kiện</dt>
          <dd>{current.events.map((event) => label('webhookEvent', event)).join(', ')}</dd>
          <dt>Trạng thái</dt>
          <dd>
            {label('webhookEndpointStatus', current.status)}
            {current.disabledAt === undefined ? '' : ` từ ${vnDateTime(current.disabledAt)}`}
            {current.disabledReason === undefined ? '' : ` (${current.disabledReason})`}
          </dd>
          <dt>Mã khóa ký</dt>
          <dd>
            <code>{current.secretId}</code>
          </dd>
          <dt>Cập nhật</dt>
          <dd>
            {vnDateTime(current.updatedAt)}, {current.updatedBy.name}
          </dd>
        </dl>
      )}
      {endpoint.value === undefined ? null : (
        <form className="card" onSubmit={(event) => void save(event)} aria-labelledby="endpoint-edit">
          <h3 id="endpoint-edit">{current === undefined ? 'Đăng ký địa chỉ nhận' : 'Sửa địa chỉ nhận'}</h3>
          <Field label="Địa chỉ HTTPS nhận webhook" id="endpoint-url" hint="Chỉ địa chỉ HTTPS công khai; địa chỉ nội bộ, loopback bị từ chối.">
            <input
              id="endpoint-url"
              type="url"
              value={shownUrl}
              onChange={(event) => setUrl(event.target.value)}
              required
              maxLength={2048}
              placeholder="https://"
              aria-describedby="endpoint-url-hint"
            />
          </Field>
          {current === undefined ? null : (
            <p className="check">
              <input id="endpoint-rotate" type="checkbox" checked={rotate} onChange={(event) => setRotate(event.target.checked)} />
              <label htmlFor="endpoint-rotate">Tạo khóa ký mới (khóa cũ thôi dùng)</label>
            </p>
          )}
          <button type="submit" disabled={busy}>
            {current === undefined ? 'Đăng ký' : 'Lưu'}
          </button>
        </form>
      )}
    </section>
  );
}

function Deliveries({ organId }: { readonly organId: string }) {
  const deliveries = usePages(
    async (nextToken) => data(api.GET('/agencies/{organId}/webhook-deliveries', { params: { path: { organId }, query: nextToken === undefined ? {} : { nextToken } } })),
    [organId],
  );
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const replay = async (id: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await data(api.POST('/agencies/{organId}/webhook-deliveries/{id}/replay', { params: { path: { organId, id } } }));
      setNotice('Đã đưa webhook vào hàng gửi lại.');
      deliveries.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Nhật ký gửi webhook</h2>
      {notice === undefined ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={deliveries.error ?? error} />
      {deliveries.loading && deliveries.items.length === 0 ? <Loading what="nhật ký" /> : null}
      {!deliveries.loading && deliveries.error === undefined && deliveries.items.length === 0 ? <p className="muted">Chưa gửi webhook nào.</p> : null}
      {deliveries.items.length === 0 ? null : (
        <TableWrap label="Nhật ký gửi webhook">
          <table data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Sự kiện</th>
                <th scope="col">Tạo lúc</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Số lần gửi</th>
                <th scope="col">Lần gửi gần nhất</th>
                <th scope="col">Gửi lại</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.items.map((delivery) => {
                const last = delivery.attempts[delivery.attempts.length - 1];
                return (
                  <tr key={delivery.id}>
                    <th scope="row">
                      <code>{delivery.id}</code>
                    </th>
                    <td>{label('webhookEvent', delivery.type)}</td>
                    <td>{vnDateTime(delivery.createdAt)}</td>
                    <td>
                      {label('webhookDeliveryStatus', delivery.status)}
                      {delivery.failure === undefined ? '' : ` — ${label('webhookDeliveryFailure', delivery.failure)}`}
                      {delivery.nextAttemptAt === undefined ? '' : `; gửi lại lúc ${vnDateTime(delivery.nextAttemptAt)}`}
                    </td>
                    <td>{delivery.attempts.length}</td>
                    <td>
                      {last === undefined
                        ? ''
                        : `${vnDateTime(last.at)}: ${label('webhookAttemptOutcome', last.outcome)}${last.statusCode === undefined ? '' : ` (HTTP ${last.statusCode})`}${last.error === undefined ? '' : ` — ${last.error}`}`}
                    </td>
                    <td>
                      {delivery.status === 'pending' ? null : (
                        <button type="button" className="secondary" onClick={() => void replay(delivery.id)}>
                          Gửi lại<span className="visually-hidden"> webhook {delivery.id}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton more={deliveries.more} what="nhật ký" />
    </section>
  );
}
