/**
 * The portal (issue 18): the JavaScript the first screen loads (gzip), and the time from navigation to the
 * "my work" list rendered, in Debian's chromium against the local runtime — p50 of 10 loads, each in a fresh
 * browser context (nothing cached), the session already in the tab (as after sign-in).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startTestApi } from '../support/api.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import type { BenchSection } from './run.ts';
import { percentile } from './tools.ts';

const LOADS = 10;
const DIST = path.resolve(import.meta.dirname, '../../portal/dist');

export async function run(): Promise<BenchSection> {
  const unavailable = browserUnavailable();
  if (unavailable !== undefined) return { title: 'The portal', rows: [], notes: [`not measured: ${unavailable}`] };
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  // What the page loads before it renders: its module script and the modules it preloads.
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const bytes = await readFile(path.join(DIST, script));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const api = await startTestApi();
  const browser = await launchBrowser();
  try {
    const minted = await api.request('POST', '/dev/token', { body: { sub: 'sample-clerk-1', organId: '000.00.91.H26', roles: ['clerk'], name: '[MẪU] Văn thư 1' } });
    const token = String(minted.body.token);
    const times: number[] = [];
    for (let i = 0; i < LOADS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript((value: string) => {
        const claims = JSON.parse(atob(value.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''));
        sessionStorage.setItem(
          'vanthu.session',
          JSON.stringify({ token: value, sub: claims.sub, name: claims.name, organId: claims.organId, roles: claims.roles, expiresAt: claims.exp }),
        );
      }, token);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${api.runtime.url}/`);
      await page.getByTestId('work-total').waitFor();
      times.push(performance.now() - started);
      await context.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      title: 'The portal: first screen',
      rows: [
        { measure: 'JavaScript of the first screen', files: scripts.length, 'KB raw': (raw / 1024).toFixed(1), 'KB gzip': (gzip / 1024).toFixed(1), 'budget KB gzip': 200 },
        {
          measure: `navigation → "my work" rendered (${LOADS} loads, fresh context each)`,
          'p50 ms': percentile(sorted, 0.5).toFixed(0),
          'max ms': (sorted.at(-1) ?? 0).toFixed(0),
        },
      ],
      notes: ["Chromium headless (Debian's), the local runtime on the same machine: the page, its script, GET /config.json, GET /vocabulary, then GET /work."],
    };
  } finally {
    await browser.close();
    await api.runtime.close();
  }
}
