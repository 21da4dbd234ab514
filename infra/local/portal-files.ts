import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The portal beside the API (the local runtime's stand-in for S3 + CloudFront): `GET /` the page,
 * `/assets/*` its script and styles (built by `npm run build:portal` into portal/dist), `/config.json` where
 * the API is and how to sign in. The same security headers and Content-Security-Policy as the CloudFront
 * distribution send (infra/constructs/portal.ts).
 */
export const portalSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Whether a GET (or HEAD) of this path is the portal's (no API route is `/`, `/assets/…` or `/config.json`). */
export function isPortalPath(method: string, pathname: string): boolean {
  return (method === 'GET' || method === 'HEAD') && (pathname === '/' || pathname === '/index.html' || pathname === '/config.json' || pathname.startsWith('/assets/'));
}

/** Answers a portal path from the built files; a missing build says how to make it. */
export async function servePortal(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const dist = path.join(root, 'portal', 'dist');
  if (pathname === '/config.json') {
    return send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ apiBaseUrl: '', auth: { kind: 'dev' } }), 'no-store');
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = path.resolve(dist, relative);
  if (!file.startsWith(`${dist}${path.sep}`)) return send(response, 404, 'text/plain; charset=utf-8', 'Không có tệp này.', 'no-store');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (relative === 'index.html') {
      const hint =
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>vanthu</title><p>Chưa dựng cổng thông tin: chạy <code>npm run build:portal</code> (hoặc <code>npm start</code>).</p></html>';
      return send(response, 503, 'text/html; charset=utf-8', hint, 'no-store');
    }
    return send(response, 404, 'text/plain; charset=utf-8', 'Không có tệp này.', 'no-store');
  }
  // Hashed file names never change: cache them; the page itself is always asked again.
  send(response, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', body, relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, cache: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': cache, ...portalSecurityHeaders });
  response.end(body);
}
