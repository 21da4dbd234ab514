/**
 * The SAMPLE peer's admin routes, under the simulator's `/_sim/` prefix:
 * - `GET /_sim/peer`: its settings and what it did (packages received, answers and documents sent, problems);
 * - `POST /_sim/peer`: a partial change of settings (`delaysMs`, `reject`, `refuseRequests`, `paused`, …);
 * - `POST /_sim/peer/documents`: send a SAMPLE document in → 201 `{docId, documentId, from, to}`.
 * Errors are problem JSON (RFC 9457) like the API's: 400 with `errors[{path, message}]` for bad input, 422
 * when the axis refuses the package, 503 when it cannot be reached, 404 without a peer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { AxisRejectedError, AxisUnavailableError } from '#domain/axis/errors';
import { drain, readJson, sendJson } from './http-io.ts';
import type { SamplePeer } from './peer.ts';
import { peerDocumentInputSchema } from './peer-documents.ts';
import { peerSettingsInputSchema } from './peer-settings.ts';

/** Answers a `peer…` admin route (`route` is `METHOD path-after-/_sim/`, e.g. `POST peer/documents`). */
export async function handlePeerAdmin(peer: SamplePeer | undefined, req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
  try {
    if (peer === undefined) {
      await drain(req);
      return sendProblem(res, 404, 'no-peer', 'This simulator runs no sample peer (start it with the `peer` option).');
    }
    if (route === 'GET peer') return sendJson(res, 200, peer.report());
    if (route === 'POST peer') return sendJson(res, 200, peer.configure(peerSettingsInputSchema.parse(await readJson(req))));
    if (route === 'POST peer/documents') return sendJson(res, 201, await peer.sendDocument(peerDocumentInputSchema.parse(await readJson(req))));
    await drain(req);
    return sendProblem(res, 404, 'no-route', `no admin route ${route}`);
  } catch (error) {
    answerError(res, error);
  }
}

function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof z.ZodError) {
    const errors = error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
    sendProblem(res, 400, 'invalid-request', `The request is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
    return;
  }
  if (error instanceof SyntaxError) {
    sendProblem(res, 400, 'invalid-request', `The body is not JSON: ${error.message}`);
    return;
  }
  if (error instanceof AxisRejectedError) {
    sendProblem(res, 422, 'axis-refused', `The axis refused the package: ${error.errorCode} ${error.errorDesc}`);
    return;
  }
  if (error instanceof AxisUnavailableError) {
    sendProblem(res, 503, 'axis-unavailable', `The axis did not answer usably: ${error.message}`);
    return;
  }
  throw error;
}

function sendProblem(res: ServerResponse, status: number, type: string, detail: string, errors?: readonly { path: string; message: string }[]): void {
  if (res.headersSent || res.destroyed) return;
  const titles: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 422: 'Cannot be processed', 503: 'Unavailable' };
  const body = JSON.stringify({
    type: `https://vanthu.hanoi.gov.vn/problems/${type}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(errors === undefined ? {} : { errors }),
  });
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
