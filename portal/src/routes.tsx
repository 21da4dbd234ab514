import type { ReactNode } from 'react';
import type { Role } from './auth/session.ts';
import { Home } from './screens/home.tsx';
import { Notifications } from './screens/notifications.tsx';

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
];
