import type { ReactNode } from 'react';
import type { Role } from './auth/session.ts';
import { Home } from './screens/home.tsx';
import { Notifications } from './screens/notifications.tsx';
import { DocumentDetail } from './screens/documents/detail.tsx';
import { DocumentList, IncomingList, OutgoingList } from './screens/documents/list.tsx';
import { RegisterIncoming } from './screens/incoming/register.tsx';
import { NewOutgoing } from './screens/outgoing/new-outgoing.tsx';
import { AdminNumbering, AdminPeople, AdminWebhooks } from './screens/admin/index.tsx';
import { RecordList, RecordView } from './screens/records/index.tsx';
import { RegisterList, RegisterView } from './screens/registers/index.tsx';
import { KpiReport, OverdueReport } from './screens/reports/index.tsx';

/** One screen of the portal: its hash path (`/documents/:id`), what it shows, and its place in the menu. */
export interface Screen {
  readonly pattern: string;
  readonly render: (params: Record<string, string>, query: URLSearchParams) => ReactNode;
  /** In the menu, for these roles (all when absent). */
  readonly menu?: { readonly label: string; readonly roles?: readonly Role[] };
}

/**
 * Every screen, in menu order; the first pattern that matches the hash path is shown. Each area adds its
 * screens here (one line each).
 */
export const screens: readonly Screen[] = [
  { pattern: '/', render: () => <Home />, menu: { label: 'Việc của tôi' } },
  { pattern: '/notifications', render: () => <Notifications />, menu: { label: 'Thông báo' } },
  { pattern: '/incoming', render: (_params, query) => <IncomingList query={query} />, menu: { label: 'Văn bản đến', roles: ['clerk', 'leader', 'specialist', 'admin'] } },
  { pattern: '/incoming/new', render: () => <RegisterIncoming />, menu: { label: 'Vào sổ văn bản đến', roles: ['clerk'] } },
  { pattern: '/outgoing', render: (_params, query) => <OutgoingList query={query} />, menu: { label: 'Văn bản đi', roles: ['clerk', 'leader', 'specialist', 'admin'] } },
  { pattern: '/documents', render: (_params, query) => <DocumentList query={query} /> },
  { pattern: '/documents/:id', render: (params) => <DocumentDetail id={params.id ?? ''} /> },
  { pattern: '/outgoing/new', render: () => <NewOutgoing />, menu: { label: 'Soạn văn bản', roles: ['specialist', 'clerk'] } },
  { pattern: '/records', render: (_params, query) => <RecordList query={query} />, menu: { label: 'Hồ sơ công việc', roles: ['clerk', 'leader', 'specialist', 'admin'] } },
  { pattern: '/records/:id', render: (params) => <RecordView id={params.id ?? ''} /> },
  { pattern: '/registers', render: (_params, query) => <RegisterList query={query} />, menu: { label: 'Sổ văn bản', roles: ['clerk', 'leader', 'admin'] } },
  { pattern: '/registers/:kind', render: (params, query) => <RegisterView kind={params.kind ?? ''} query={query} /> },
  { pattern: '/reports', render: (_params, query) => <KpiReport query={query} />, menu: { label: 'Báo cáo', roles: ['leader', 'admin', 'city-admin'] } },
  { pattern: '/reports/overdue', render: () => <OverdueReport /> },
  { pattern: '/admin/people', render: () => <AdminPeople />, menu: { label: 'Quản trị', roles: ['admin', 'city-admin'] } },
  { pattern: '/admin/numbering', render: () => <AdminNumbering /> },
  { pattern: '/admin/webhooks', render: (_params, query) => <AdminWebhooks query={query} /> },
];
