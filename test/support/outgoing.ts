import { expect } from 'vitest';
import type { TestApi } from './api.ts';

/** Tokens of the sending agency's specialist, leader and clerk (keys `s-specialist`, `s-leader`, `s-clerk`). */
export type SenderTokens = (key: 's-specialist' | 's-leader' | 's-clerk') => string;

/**
 * Drafts, submits, approves and issues an outgoing Công văn to `recipients` (a fresh number each time) and
 * returns the issued document; `extra` overrides draft fields (subject, secrecy...).
 */
export async function issueOutgoing(api: TestApi, t: SenderTokens, recipients: { organId: string; organName: string }[], extra: Record<string, unknown> = {}): Promise<any> {
  const created = await api.request('POST', '/documents/outgoing', {
    token: t('s-specialist'),
    body: { typeName: 'Công văn', subject: 'Về việc phối hợp', draftingUnitAbbreviation: 'VP', recipients, places: ['Lưu: VT'], ...extra },
  });
  await api.request('POST', `/documents/${created.body.id}/submit`, { token: t('s-specialist') });
  await api.request('POST', `/documents/${created.body.id}/approve`, { token: t('s-leader') });
  const issued = await api.request('POST', `/documents/${created.body.id}/issue`, { token: t('s-clerk') });
  expect(issued.status).toBe(200);
  return issued.body;
}
