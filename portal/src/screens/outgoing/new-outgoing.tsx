import { api, data } from '../../api/client.ts';
import { currentSession, hasRole } from '../../auth/session.ts';
import { Page } from '../../components/ui.tsx';
import { navigate } from '../../router.ts';
import { DraftForm } from './draft-form.tsx';

/** Soạn văn bản đi: a new draft (POST /documents/outgoing), then its page. */
export function NewOutgoing() {
  if (!hasRole(currentSession(), 'specialist', 'clerk')) {
    return (
      <Page title="Soạn văn bản đi">
        <p>Chỉ chuyên viên hoặc văn thư được soạn văn bản đi.</p>
      </Page>
    );
  }
  return (
    <Page title="Soạn văn bản đi">
      <p className="muted">Tạo dự thảo, sau đó tải lên tệp PDF của văn bản và trình lãnh đạo ký duyệt. Số và ký hiệu văn bản do văn thư cấp khi phát hành.</p>
      <DraftForm
        submitLabel="Tạo dự thảo"
        action="create-draft"
        save={(body, headers) => data(api.POST('/documents/outgoing', { body, headers }))}
        onSaved={(document) => navigate(`/documents/${document.id}`)}
      />
    </Page>
  );
}
