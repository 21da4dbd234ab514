/**
 * Every screen of the menu, for each role, in chromium: no serious or critical axe-core violation (WCAG 2.1
 * A/AA), at desktop width and at 360 px, and nothing wider than a phone's screen.
 */

import { describe, expect, it } from 'vitest';
import { accessibilityViolations, openPortal, overflowsSideways, portalSuite, signInAs } from '../support/browser.ts';
import { go } from '../support/portal-steps.ts';

const suite = portalSuite();

describe.skipIf(suite.unavailable !== undefined)('every screen of the menu', () => {
  it.each(['sample-clerk-1', 'sample-leader-1', 'sample-specialist-1', 'sample-admin-1'])('is accessible and fits 360 px for %s', async (sub) => {
    // Prepare
    const found: Record<string, unknown> = {};
    for (const width of [1280, 360]) {
      const page = await openPortal(suite.browser, suite.api, { width });
      await signInAs(page, sub);
      const links = await page.locator('nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
      // Act: each screen of the person's menu, once it has drawn its heading and settled
      for (const href of links) {
        await go(page, href.replace(/^#/, ''));
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const violations = await accessibilityViolations(page);
        const overflow = width === 360 && (await overflowsSideways(page));
        if (violations.length > 0 || overflow) found[`${width}px ${href}`] = { violations, overflow };
      }
      expect(links.length).toBeGreaterThan(2);
      await page.context().close();
    }
    // Assess
    expect(found).toEqual({});
  });
});
