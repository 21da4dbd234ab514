import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalRuntimeOptions } from '#infra/local/runtime';
import { startTestApi, type TestApi } from './api.ts';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). Never a browser a tool downloads. */
export const CHROMIUM = process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can (chromium present, the portal built). */
export function browserUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM}: apt-get install chromium (or set VANTHU_CHROMIUM)`;
  if (!existsSync(path.resolve(import.meta.dirname, '../../portal/dist/index.html'))) return 'the portal is not built: npm run build:portal';
  return undefined;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A page of a fresh context (its own session storage), phone-sized when `width` says so. */
export async function openPortal(browser: Browser, api: TestApi, options: { width?: number } = {}): Promise<Page> {
  // bypassCSP: axe-core is injected as a script; the portal's own CSP is asserted on its answers.
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${api.runtime.url}/`);
  return page;
}

/** Signs in on the development sign-in page as a SAMPLE user (infra/local/sample-data.ts). */
export async function signInAs(page: Page, sub: string): Promise<void> {
  await page.locator(`button[data-sub="${sub}"]`).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules). */
export async function accessibilityViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const source = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  // Evaluated in the page (a string: the tests are typed for Node, not the DOM).
  const result = (await page.evaluate("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })")) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** Whether the page is wider than its viewport (a phone would scroll sideways). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) === true;
}

/**
 * The set-up of a file of browser tests: a local runtime and chromium started before its tests (with a
 * folder for the files they write) and stopped after them; `unavailable` says why they are skipped.
 *
 * @example
 * const suite = portalSuite({ signaturePolicy: 'leader-and-agency' });
 * describe.skipIf(suite.unavailable !== undefined)('…', () => { … openPortal(suite.browser, suite.api) … });
 */
export function portalSuite(options: LocalRuntimeOptions = {}): {
  readonly unavailable: string | undefined;
  readonly api: TestApi;
  readonly browser: Browser;
  readonly work: string;
} {
  const unavailable = browserUnavailable();
  if (unavailable !== undefined) process.stdout.write(`portal browser tests skipped: ${unavailable}\n`);
  const state: { api?: TestApi; browser?: Browser; work?: string } = {};
  beforeAll(async () => {
    if (unavailable !== undefined) return;
    state.api = await startTestApi(options);
    state.browser = await launchBrowser();
    state.work = await mkdtemp(path.join(os.tmpdir(), 'vanthu-portal-'));
  }, 60_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.api?.runtime.close();
    if (state.work !== undefined) await rm(state.work, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the portal suite has not started its ${what}`);
    return value;
  };
  return {
    unavailable,
    get api() {
      return started(state.api, 'runtime');
    },
    get browser() {
      return started(state.browser, 'browser');
    },
    get work() {
      return started(state.work, 'folder');
    },
  };
}
