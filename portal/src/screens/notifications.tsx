import { api, data } from '../api/client.ts';
import { ErrorBox, Loading, Page } from '../components/ui.tsx';
import { vnDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { label } from '../vocabulary.ts';

/** The inbox: notices of work that arrived and deadline reminders, unread first in weight, each marked read on opening. */
export function Notifications() {
  const inbox = useLoad(() => data(api.GET('/notifications', { params: { query: { limit: 50 } } })), []);
  const open = async (id: string, documentId: string) => {
    await data(api.POST('/notifications/{id}/read', { params: { path: { id } } }));
    window.location.hash = `/documents/${documentId}`;
  };
  return (
    <Page title="Thông báo">
      <ErrorBox error={inbox.error} />
      {inbox.loading && inbox.value === undefined ? <Loading what="thông báo" /> : null}
      {inbox.value?.items.length === 0 ? <p className="muted">Chưa có thông báo.</p> : null}
      <ul className="list">
        {inbox.value?.items.map((item) => (
          <li key={item.id} className={item.read ? 'read' : 'unread'}>
            <button type="button" className="link" onClick={() => void open(item.id, item.documentId)}>
              <strong>{item.subject}</strong>
            </button>
            <span className="muted">
              {' '}
              {label(item.source === 'notice' ? 'noticeKind' : 'reminderKind', item.kind)} · {vnDateTime(item.at)}
              {item.read ? '' : ' · chưa đọc'}
            </span>
          </li>
        ))}
      </ul>
    </Page>
  );
}
