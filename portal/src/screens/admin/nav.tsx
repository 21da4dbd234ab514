import { currentSession, hasRole } from '../../auth/session.ts';

/** The administration's pages; the numbering is the agency admin's (the city admin has no registers of its own to set). */
export function AdminNav({ current }: { readonly current: 'people' | 'numbering' | 'webhooks' }) {
  const pages = [
    { key: 'people', href: '#/admin/people', text: 'Người dùng và đơn vị', shown: true },
    { key: 'numbering', href: '#/admin/numbering', text: 'Sổ và số văn bản', shown: hasRole(currentSession(), 'admin') },
    { key: 'webhooks', href: '#/admin/webhooks', text: 'Webhook', shown: true },
  ] as const;
  return (
    <nav aria-label="Quản trị" className="subnav">
      <ul>
        {pages
          .filter((page) => page.shown)
          .map((page) => (
            <li key={page.key}>
              <a href={page.href} aria-current={page.key === current ? 'page' : undefined}>
                {page.text}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}
