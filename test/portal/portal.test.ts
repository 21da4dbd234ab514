/**
 * The portal in a real browser (Debian's chromium through playwright-core), against a local runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/api.ts';
import { accessibilityViolations, browserUnavailable, launchBrowser, openPortal, overflowsSideways, signInAs } from '../support/browser.ts';

const unavailable = browserUnavailable();
if (unavailable !== undefined) process.stdout.write(`portal browser tests skipped: ${unavailable}\n`);

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  if (unavailable !== undefined) return;
  api = await startTestApi();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.runtime.close();
});

describe.skipIf(unavailable !== undefined)('the portal', () => {
  it('signs a sample clerk in and shows their work, in Vietnamese, accessible, at 360 px', async () => {
    // Prepare
    const page = await openPortal(browser, api, { width: 360 });
    // Act
    await signInAs(page, 'sample-clerk-1');
    await page.getByTestId('work-total').waitFor();
    // Assess
    expect(await page.locator('h1').first().textContent()).toBe('Việc của tôi');
    expect(await page.locator('[data-bucket="to-register"]').count()).toBe(1);
    expect(await overflowsSideways(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    const response = await page.request.get(`${api.runtime.url}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  });

  it('sends every API request to the apiBaseUrl of config.json (as in AWS, where the API has its own origin)', async () => {
    // Prepare: a config naming the API by an absolute URL, and a record of the requests the page makes
    const page = await openPortal(browser, api);
    const apiBase = `${api.runtime.url}/`;
    await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ apiBaseUrl: apiBase, auth: { kind: 'dev' } }) }));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.reload();
    // Act
    await signInAs(page, 'sample-specialist-1');
    await page.getByTestId('work-total').waitFor();
    // Assess
    expect(requested).toContain(`${api.runtime.url}/work`);
    expect(requested.some((url) => url.includes('//work'))).toBe(false);
  });
});
