import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEV_SIGNER_PIN } from '#infra/local/signing-setup';
import { samplePdf } from '#signature/dev/sample-pdf';
import { accessibilityViolations, overflowsSideways } from './browser.ts';

/** The steps the portal's browser tests take, written once (test/portal/*.test.ts). */

/** Opens a screen by its hash route (evaluated as a string: the tests are typed for Node, not the DOM). */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Waits until a document's page shows this status (its Vietnamese label). */
export async function statusIs(page: Page, text: string): Promise<void> {
  await page.getByTestId('document-status').filter({ hasText: text }).waitFor();
}

/** No serious or critical axe-core violation, and nothing wider than the screen. */
export async function expectUsable(page: Page): Promise<void> {
  expect(await overflowsSideways(page)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The id of the document whose page is open. */
export function documentIdOf(page: Page): string {
  return decodeURIComponent(/#\/documents\/([^/?]+)/.exec(page.url())?.[1] ?? '');
}

/** Fills the registration form (#/incoming/new) and sends it. */
export async function registerThroughForm(page: Page, fields: { codeNumber: string; subject: string; urgency?: string }): Promise<void> {
  await go(page, '/incoming/new');
  await page.locator('#reg-issuer-name').waitFor();
  await page.fill('#reg-issuer-name', '[MẪU] Sở Tài chính');
  await page.fill('#reg-issuer-code', '000.00.92.H26');
  await page.fill('#reg-code-number', fields.codeNumber);
  await page.fill('#reg-code-notation', 'STC-NS');
  await page.fill('#reg-promulgation-date', '2026-11-20');
  await page.fill('#reg-type-name', 'Công văn');
  await page.fill('#reg-subject', fields.subject);
  await page.selectOption('#reg-urgency', fields.urgency ?? 'very-urgent');
  await page.fill('#reg-note', 'Bản giấy, 2 trang');
  await page.locator('[data-action="register-incoming"]').click();
}

/** The outgoing actions of the open document, in a status. */
export function actionsIn(page: Page, status: string) {
  return page.locator(`[data-testid="outgoing-actions"][data-status="${status}"]`);
}

/** A document's page (`#/documents/<id>`), once it shows the outgoing actions in `status`. */
export async function openOutgoing(page: Page, id: string, status: string): Promise<void> {
  await go(page, `/documents/${id}`);
  await actionsIn(page, status).waitFor();
}

/** Uploads a SAMPLE PDF (written into `folder`) to the open draft and waits until it is stored. */
export async function uploadSamplePdf(page: Page, folder: string, lines: readonly string[]): Promise<void> {
  const pdf = path.join(folder, `${Date.now()}.pdf`);
  await writeFile(pdf, samplePdf([...lines]));
  await page.setInputFiles('#upload-file', pdf);
  await page.locator('[data-action="upload"]').click();
  await page.getByTestId('upload-result').locator('[data-file-status="stored"]').waitFor({ timeout: 30_000 });
}

/** The leader signs the open submitted draft with the development remote signer (PIN), until it is approved. */
export async function signWithPin(page: Page): Promise<void> {
  await page.locator('[data-action="sign"]').click();
  await page.locator('#signing-pin').waitFor({ timeout: 30_000 });
  await page.locator('#signing-pin').fill(DEV_SIGNER_PIN);
  await page.locator('[data-action="confirm-sign"]').click();
  await page.getByTestId('outgoing-notice').getByText('Đã ký số', { exact: false }).waitFor({ timeout: 30_000 });
  await actionsIn(page, 'approved').waitFor();
}
