/**
 * `npx tsx scripts/portal-screenshots.ts`: the screenshots of docs/PORTAL.md, taken in Debian's chromium
 * against a fresh local runtime with SAMPLE data (the same steps as the browser tests).
 */
import path from 'node:path';
import { startTestApi } from '../test/support/api.ts';
import { browserUnavailable, launchBrowser, openPortal, signInAs } from '../test/support/browser.ts';
import { go, registerThroughForm, statusIs } from '../test/support/portal-steps.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/portal');

const unavailable = browserUnavailable();
if (unavailable !== undefined) throw new Error(unavailable);
const api = await startTestApi();
const browser = await launchBrowser();
try {
  const shot = async (page: Awaited<ReturnType<typeof openPortal>>, name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  };
  const guest = await openPortal(browser, api);
  await guest.locator('button[data-sub]').first().waitFor();
  await shot(guest, 'sign-in');

  const clerk = await openPortal(browser, api);
  await signInAs(clerk, 'sample-clerk-1');
  await registerThroughForm(clerk, { codeNumber: '2468', subject: 'Về việc đề nghị báo cáo tình hình thực hiện dự toán ngân sách năm 2026' });
  await statusIs(clerk, 'Đã vào sổ');
  const id = decodeURIComponent(/#\/documents\/([^/?]+)/.exec(clerk.url())?.[1] ?? '');
  await go(clerk, '/incoming/new');
  await clerk.locator('#reg-issuer-name').waitFor();
  await shot(clerk, 'register-incoming');

  const leader = await openPortal(browser, api);
  await signInAs(leader, 'sample-leader-1');
  await leader.getByTestId('work-total').waitFor();
  await shot(leader, 'home-leader');
  await go(leader, `/documents/${id}`);
  await leader.locator('[data-action="assign"]').waitFor();
  await leader.fill('#assign-search', 'chuyen vien 1');
  await leader.locator('button[data-pick="lead"][data-sub="sample-specialist-1"]').click();
  await leader.locator('[data-action="assign"]').click();
  await statusIs(leader, 'Đã phân công');
  await shot(leader, 'document-assigned');
  await go(leader, '/reports');
  await leader.locator('svg[role="img"], table').first().waitFor();
  await shot(leader, 'reports');

  const specialist = await openPortal(browser, api, { width: 360 });
  await signInAs(specialist, 'sample-specialist-1');
  await specialist.getByTestId('work-total').waitFor();
  await shot(specialist, 'home-phone');
  await go(specialist, '/notifications');
  await specialist.locator('h1').filter({ hasText: 'Thông báo' }).waitFor();
  await specialist.locator('.list li').first().waitFor();
  await shot(specialist, 'notifications-phone');
  await go(specialist, '/outgoing/new');
  await specialist.locator('#draft-type').waitFor();
  await shot(specialist, 'draft-phone');

  const admin = await openPortal(browser, api);
  await signInAs(admin, 'sample-admin-1');
  await go(admin, '/admin/people');
  await admin.locator('h1').first().waitFor();
  await admin.waitForTimeout(800);
  await shot(admin, 'admin-people');
  process.stdout.write(`screenshots in ${path.relative(process.cwd(), OUT)}\n`);
} finally {
  await browser.close();
  await api.runtime.close();
}
