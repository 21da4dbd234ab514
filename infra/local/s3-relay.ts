import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * The local runtime's stand-in for a browser reaching the bucket: presigned upload and download URLs point
 * at `<API origin>/_local/s3/…` (VANTHU_LOCAL_S3_PUBLIC_ENDPOINT), and the API server relays them to the S3
 * emulator as they are — streamed, any size. The portal then talks to one origin only, as its
 * Content-Security-Policy (`connect-src 'self'`) wants; in AWS the URLs are the bucket's own, allowed by the
 * CloudFront policy and the bucket's CORS rules.
 */
export const S3_RELAY_PREFIX = '/_local/s3';

/** The variable the local runtime sets for functions that may use the bucket. */
export const LOCAL_S3_PUBLIC_ENDPOINT_ENV = 'VANTHU_LOCAL_S3_PUBLIC_ENDPOINT';

export function isS3RelayPath(pathname: string): boolean {
  return pathname === S3_RELAY_PREFIX || pathname.startsWith(`${S3_RELAY_PREFIX}/`);
}

/** Relays one request to the emulator at `target` (its origin), the prefix taken off the path. */
export function relayToS3(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const upstream = new URL(target);
  const path = (request.url ?? '/').slice(S3_RELAY_PREFIX.length) || '/';
  const headers = { ...request.headers, host: upstream.host };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: request.method, path, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    request.pipe(outgoing);
  });
}
