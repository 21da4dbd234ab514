/**
 * Administration, reports, registers and work records in a real browser (Debian's chromium through
 * playwright-core), against a local runtime: the admin records a unit and a user in it (and meets a 409 when
 * someone changed the unit meanwhile), the leader reads the KPI report (chart and table, also at 360 px), the
 * clerk opens the registers of the year and downloads one as CSV, and opens, fills, closes and exports a work
 * record. Accessible on each screen (axe-core).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { incomingBody } from '../support/api.ts';
import { accessibilityViolations, openPortal, portalSuite, signInAs } from '../support/browser.ts';

const ORGAN = '000.00.91.H26';
const YEAR = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

const suite = portalSuite();

/** A token of a sample user as the directory already records them (enrol: false keeps their entry as it is). */
function tokenOf(sub: string, role: 'clerk' | 'leader' | 'admin'): Promise<string> {
  return suite.api.token({ sub, organId: ORGAN, roles: [role], enrol: false });
}

async function openMenu(page: Page, text: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: text, exact: true }).click();
}

describe.skipIf(suite.unavailable !== undefined)('administration, reports, registers and records in the portal', () => {
  it('lets the admin record a unit and a user in it, lists the user, and says so when the unit changed meanwhile', async () => {
    // Prepare
    const page = await openPortal(suite.browser, suite.api);
    await signInAs(page, 'sample-admin-1');

    // Act: the unit, then the user in it
    await openMenu(page, 'Quản trị');
    await page.locator('#unit-id').waitFor();
    await page.getByTestId('people-list').waitFor();
    const listViolations = await accessibilityViolations(page);
    await page.fill('#unit-id', 'P-KIEMTHU');
    await page.fill('#unit-name', '[MẪU] Phòng Kiểm thử');
    await page.selectOption('#unit-kind', 'phong');
    await page.selectOption('#unit-head', 'sample-leader-1');
    await page.fill('#unit-email', 'kiem-thu@example.invalid');
    await page.getByTestId('unit-form').locator('button[type="submit"]').click();
    await page.locator('tr[data-unit="P-KIEMTHU"]').waitFor();
    await page.fill('#person-sub', 'sample-kiem-thu-1');
    await page.fill('#person-name', '[MẪU] Nguyễn Văn Kiểm Thử');
    await page.fill('#person-position', 'Chuyên viên');
    await page.check('#person-unit-P-KIEMTHU');
    await page.check('#person-role-specialist');
    await page.getByTestId('person-form').locator('button[type="submit"]').click();
    const row = page.locator('tr[data-sub="sample-kiem-thu-1"]');
    await row.waitFor();
    const savedViolations = await accessibilityViolations(page);
    const admin = await tokenOf('sample-admin-1', 'admin');
    const units = await suite.api.request('GET', `/agencies/${ORGAN}/units`, { token: admin });

    // Act: someone else renames the unit while the admin edits it
    await page.locator('tr[data-unit="P-KIEMTHU"] button', { hasText: 'Sửa' }).click();
    await page.locator('#unit-form-title', { hasText: 'Sửa đơn vị P-KIEMTHU' }).waitFor();
    const meanwhile = await suite.api.request('PUT', `/agencies/${ORGAN}/units/P-KIEMTHU`, {
      token: admin,
      body: { name: '[MẪU] Phòng Kiểm thử (đổi tên)', kind: 'phong', expectedVersion: 1 },
    });
    await page.fill('#unit-name', '[MẪU] Phòng Kiểm thử và Đánh giá');
    await page.getByTestId('unit-form').locator('button[type="submit"]').click();
    const conflict = page.getByTestId('unit-form').locator('[role="alert"]');
    await conflict.waitFor();

    // Assess
    expect(listViolations).toEqual([]);
    expect(savedViolations).toEqual([]);
    expect(await page.locator('h1').first().textContent()).toBe('Quản trị người dùng và đơn vị');
    expect(await row.locator('th').textContent()).toBe('[MẪU] Nguyễn Văn Kiểm Thử');
    expect(await row.textContent()).toContain('[MẪU] Phòng Kiểm thử');
    expect(await row.textContent()).toContain('Chuyên viên');
    const person = await suite.api.request('GET', '/users/sample-kiem-thu-1', { token: admin });
    expect(person.body).toMatchObject({ units: ['P-KIEMTHU'], roles: ['specialist'], active: true, version: 1 });
    expect(units.body.items.find((unit: { unitId: string }) => unit.unitId === 'P-KIEMTHU')).toMatchObject({ headSub: 'sample-leader-1', email: 'kiem-thu@example.invalid' });
    expect(meanwhile.status).toBe(200);
    expect(await conflict.textContent()).toContain('Đã có người sửa đơn vị này, hãy tải lại.');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows the leader the online-processing rate of each level as a chart with a table, accessible, also at 360 px', async () => {
    // Prepare: a record handled online and closed this year, so the agency has a rate
    const clerk = await tokenOf('sample-clerk-1', 'clerk');
    const record = await suite.api.request('POST', '/records', { token: clerk, body: { fileNotation: '90.KPI', title: 'Hồ sơ mẫu cho báo cáo', maintenance: 5 } });
    await suite.api.request('POST', `/records/${record.body.id}/close`, { token: clerk });
    const page = await openPortal(suite.browser, suite.api);
    await signInAs(page, 'sample-leader-1');

    // Act
    await openMenu(page, 'Báo cáo');
    const chart = page.getByTestId('kpi-chart');
    await chart.waitFor();
    const table = page.getByTestId('kpi-table-city');
    const violations = await accessibilityViolations(page);
    const phone = await openPortal(suite.browser, suite.api, { width: 360 });
    await signInAs(phone, 'sample-leader-1');
    await openMenu(phone, 'Báo cáo');
    await phone.getByTestId('kpi-chart').waitFor();
    await phone.getByTestId('kpi-people').or(phone.getByText('Chưa có văn bản nào được giao xử lý')).first().waitFor();

    // Assess
    expect(record.status).toBe(201);
    expect(await page.locator('h1').first().textContent()).toBe('Báo cáo');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('[MẪU] Sở Nội vụ: 100 %, đạt');
    expect(await chart.locator('rect').count()).toBe(1);
    expect(await chart.textContent()).toContain('Mục tiêu 90 %');
    expect(await table.locator('thead th').first().textContent()).toBe('Cơ quan');
    expect(await table.locator('tbody tr').first().textContent()).toContain('100 %');
    expect(await table.locator('tbody tr').first().textContent()).toContain('Đạt');
    expect(await page.locator('section[data-level="district"]').textContent()).toContain('Cấp huyện — mục tiêu 80 %');
    expect(violations).toEqual([]);
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await accessibilityViolations(phone)).toEqual([]);
  });

  it('lets the clerk open the registers of the year, read the incoming register and download it as CSV', async () => {
    // Prepare: one incoming document registered this year
    const clerk = await tokenOf('sample-clerk-1', 'clerk');
    const registered = await suite.api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '4711', subject: 'Về việc thử sổ văn bản đến' }) });
    const page = await openPortal(suite.browser, suite.api);
    await signInAs(page, 'sample-clerk-1');

    // Act
    await openMenu(page, 'Sổ văn bản');
    await page.getByTestId('register-list').waitFor();
    const listViolations = await accessibilityViolations(page);
    await page.locator('tr[data-direction="incoming"][data-series="main"] th a').click();
    const rows = page.getByTestId('register-rows');
    await rows.locator('tbody tr', { hasText: '4711/QĐ-BTC' }).waitFor();
    const registerViolations = await accessibilityViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-csv').click()]);
    const bytes = await readFile((await download.path()) ?? '');

    // Assess
    expect(registered.status).toBe(201);
    expect(listViolations).toEqual([]);
    expect(await page.locator('h1').first().textContent()).toBe(`Sổ đăng ký văn bản đến năm ${YEAR}`);
    expect(await rows.locator('thead th').first().textContent()).toBe('Ngày đến');
    expect(registerViolations).toEqual([]);
    expect(download.suggestedFilename()).toBe(`so-van-ban-den-main-${YEAR}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^"Ngày đến","Số đến","Tác giả","Số ký hiệu"/);
    expect(bytes.toString('utf8')).toContain('4711/QĐ-BTC');
  });

  it('lets the clerk open a work record, add a document, close it and export it as XML', async () => {
    // Prepare
    const clerk = await tokenOf('sample-clerk-1', 'clerk');
    const document = await suite.api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '4712', subject: 'Về việc thử hồ sơ công việc' }) });
    const page = await openPortal(suite.browser, suite.api);
    await signInAs(page, 'sample-clerk-1');

    // Act
    await openMenu(page, 'Hồ sơ công việc');
    await page.locator('#record-notation').waitFor();
    const listViolations = await accessibilityViolations(page);
    await page.fill('#record-notation', '07.TH');
    await page.fill('#record-title', 'Hồ sơ thử nghiệm giao diện');
    await page.fill('#record-years', '10');
    await page.locator('button', { hasText: 'Lập hồ sơ' }).click();
    await page.getByTestId('record-code').waitFor();
    await page.fill('#record-document-id', document.body.id);
    await page.locator('button', { hasText: 'Thêm vào hồ sơ' }).click();
    await page.getByTestId('record-documents').locator('tbody tr', { hasText: '4712/QĐ-BTC' }).waitFor();
    const recordViolations = await accessibilityViolations(page);
    await page.locator('button', { hasText: 'Kết thúc hồ sơ' }).click();
    await page.locator('button', { hasText: 'Xác nhận kết thúc' }).click();
    await page.getByTestId('record-status').filter({ hasText: 'Đã kết thúc' }).waitFor();
    const [xml] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-xml').click()]);
    const text = await readFile((await xml.path()) ?? '', 'utf8');

    // Assess
    expect(document.status).toBe(201);
    expect(listViolations).toEqual([]);
    expect(await page.getByTestId('record-code').textContent()).toBe(`${ORGAN}.${YEAR}.07.TH`);
    expect(recordViolations).toEqual([]);
    expect(xml.suggestedFilename()).toBe(`${ORGAN}.${YEAR}.07.TH.xml`);
    expect(text).toContain(`<FileCode>${ORGAN}.${YEAR}.07.TH</FileCode>`);
    expect(text).toContain('<DocTotal>1</DocTotal>');
    expect(await page.locator('#record-document-id').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
