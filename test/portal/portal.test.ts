/**
 * The portal in a real browser (Debian's chromium through playwright-core), against a local runtime.
 */
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, openPortal, overflowsSideways, portalSuite, signInAs } from '../support/browser.ts';

const suite = portalSuite();

describe.skipIf(suite.unavailable !== undefined)('the portal', () => {
  it('signs a sample clerk in and shows their suite.work, in Vietnamese, accessible, at 360 px', async () => {
    // Prepare
    const page = await openPortal(suite.browser, suite.api, { width: 360 });
    // Act
    await signInAs(page, 'sample-clerk-1');
    await page.getByTestId('work-total').waitFor();
    // Assess
    expect(await page.locator('h1').first().textContent()).toBe('Việc của tôi');
    expect(await page.locator('[data-bucket="to-register"]').count()).toBe(1);
    expect(await overflowsSideways(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    const response = await page.request.get(`${suite.api.runtime.url}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    const head = await page.request.head(`${suite.api.runtime.url}/`);
    expect({ status: head.status(), policy: head.headers()['content-security-policy'] }).toEqual({ status: 200, policy: response.headers()['content-security-policy'] });
  });

  it('sends every API request to the apiBaseUrl of config.json (as in AWS, where the API has its own origin)', async () => {
    // Prepare: a config naming the API by an absolute URL, and a record of the requests the page makes
    const page = await openPortal(suite.browser, suite.api);
    const apiBase = `${suite.api.runtime.url}/`;
    await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ apiBaseUrl: apiBase, auth: { kind: 'dev' } }) }));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.reload();
    // Act
    await signInAs(page, 'sample-specialist-1');
    await page.getByTestId('work-total').waitFor();
    // Assess
    expect(requested).toContain(`${suite.api.runtime.url}/work`);
    expect(requested.some((url) => url.includes('//work'))).toBe(false);
  });
});
