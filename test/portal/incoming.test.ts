/**
 * The incoming workflow in a real browser (Debian's chromium through playwright-core), against a local runtime:
 * a clerk registers a document through the form (and meets the duplicate warning), a leader assigns it to a
 * specialist picked from the directory, the specialist reports progress and completes it. Accessible at each
 * step (axe-core), the detail page at 360 px too.
 */
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, openPortal, overflowsSideways, portalSuite, signInAs } from '../support/browser.ts';
import { go, registerThroughForm, statusIs } from '../support/portal-steps.ts';

const suite = portalSuite();

describe.skipIf(suite.unavailable !== undefined)('the incoming workflow in the portal', () => {
  it('registers, warns of a duplicate, assigns from the directory, reports progress and completes, accessible at each step', async () => {
    // Prepare
    const codeNumber = String(100 + Math.floor(Math.random() * 9000));
    const subject = `Về việc rà soát định mức chi tiêu năm 2027 số ${codeNumber}`;
    const clerk = await openPortal(suite.browser, suite.api);
    await signInAs(clerk, 'sample-clerk-1');

    // Act: the clerk registers it through the form
    await go(clerk, '/incoming/new');
    await clerk.locator('#reg-issuer-name').waitFor();
    const formViolations = await accessibilityViolations(clerk);
    await registerThroughForm(clerk, { codeNumber, subject });
    await statusIs(clerk, 'Đã vào sổ');
    const id = decodeURIComponent(/#\/documents\/([^/?]+)/.exec(clerk.url())?.[1] ?? '');
    const arrivalNumber = (await clerk.getByTestId('arrival-number').textContent()) ?? '';
    const registeredViolations = await accessibilityViolations(clerk);

    // Assess
    expect(formViolations).toEqual([]);
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(arrivalNumber).toMatch(/^\d+\/\d{4}$/);
    expect(await clerk.getByTestId('document-subject').textContent()).toBe(subject);
    expect(await clerk.locator('.doc-status .badge.urgent').textContent()).toBe('Thượng khẩn');
    expect(await clerk.locator('tr[data-history-action="registered"]').count()).toBe(1);
    expect(registeredViolations).toEqual([]);

    // Act: the same document again meets the duplicate warning, which names the one registered
    await registerThroughForm(clerk, { codeNumber, subject });
    await clerk.getByTestId('duplicate-warning').waitFor();
    // Assess
    expect(await clerk.getByTestId('duplicate-arrival-number').textContent()).toBe(arrivalNumber);
    expect(clerk.url()).toContain('#/incoming/new');
    expect(await accessibilityViolations(clerk)).toEqual([]);

    // Act: "Vẫn vào sổ" registers it anyway, as another document with the next number
    await clerk.locator('[data-action="register-anyway"]').click();
    await clerk.waitForURL((url) => /#\/documents\/[0-9A-Z]{26}$/.test(url.hash) && !url.hash.endsWith(id));
    await statusIs(clerk, 'Đã vào sổ');
    // Assess
    expect(await clerk.getByTestId('arrival-number').textContent()).not.toBe(arrivalNumber);

    // Act: the list finds it without diacritics
    await go(clerk, `/documents?direction=incoming&q=${encodeURIComponent(`ra soat dinh muc ${codeNumber}`)}`);
    const row = clerk.locator(`tr[data-document-id="${id}"]`);
    await row.waitFor();
    // Assess
    expect(await row.locator('[data-status]').textContent()).toBe('Đã vào sổ');
    expect(await row.locator('.badge.urgent').textContent()).toBe('Thượng khẩn');
    expect(await clerk.locator('#filter-q').inputValue()).toBe(`ra soat dinh muc ${codeNumber}`);
    expect(await accessibilityViolations(clerk)).toEqual([]);

    // Act: the leader assigns it to the specialist found in the directory
    const leader = await openPortal(suite.browser, suite.api);
    await signInAs(leader, 'sample-leader-1');
    await go(leader, `/documents/${id}`);
    await leader.locator('[data-action="assign"]').waitFor();
    await leader.fill('#assign-search', 'chuyen vien 1');
    await leader.locator('[data-testid="people-results"] li[data-sub="sample-specialist-1"]').waitFor();
    await leader.locator('button[data-pick="lead"][data-sub="sample-specialist-1"]').click();
    await leader.check('#assign-due-mode-days');
    await leader.fill('#assign-due-days', '5');
    await leader.fill('#assign-note', 'Đề nghị Phòng Tổng hợp rà soát, báo cáo trước hạn');
    const assignViolations = await accessibilityViolations(leader);
    await leader.locator('[data-action="assign"]').click();
    await statusIs(leader, 'Đã phân công');
    // Assess
    expect(assignViolations).toEqual([]);
    expect(await leader.getByTestId('assignment-lead').textContent()).toContain('Chuyên viên 1');
    expect(await leader.getByTestId('action-result').textContent()).toContain('Đã phân công');

    // Act: the specialist, on a phone, reports progress and completes it
    const specialist = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(specialist, 'sample-specialist-1');
    await go(specialist, `/documents/${id}`);
    await specialist.locator('#progress-note').waitFor();
    await specialist.fill('#progress-note', 'Đã rà soát xong định mức của các phòng');
    await specialist.locator('[data-action="progress"]').click();
    await statusIs(specialist, 'Đang xử lý');
    const phoneViolations = await accessibilityViolations(specialist);
    const overflows = await overflowsSideways(specialist);
    await specialist.fill('#complete-note', 'Đã báo cáo lãnh đạo kết quả rà soát');
    await specialist.locator('[data-action="complete"]').click();
    await statusIs(specialist, 'Hoàn thành');
    // Assess
    expect(phoneViolations).toEqual([]);
    expect(overflows).toBe(false);
    expect(await specialist.getByTestId('progress').textContent()).toContain('Đã rà soát xong định mức của các phòng');
    expect(await specialist.getByTestId('completion').textContent()).toContain('Đã báo cáo lãnh đạo kết quả rà soát');
    expect(await specialist.locator('[data-action="complete"]').count()).toBe(0);
    await specialist.locator('tr[data-history-action="completed"]').waitFor();
    expect(await specialist.locator('tr[data-history-action]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-history-action')))).toEqual(
      expect.arrayContaining(['registered', 'assigned', 'progress', 'completed']),
    );
    expect(await overflowsSideways(specialist)).toBe(false);
    expect(await accessibilityViolations(specialist)).toEqual([]);
  });
});
