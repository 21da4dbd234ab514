import { createHash } from 'node:crypto';
import type { TestApi } from './api.ts';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The body of POST /documents/{id}/files announcing these bytes. */
export function announcement(bytes: Uint8Array, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { fileName: 'Quyết định số 15 – bản ký số.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha256(bytes), ...overrides };
}

/** PUT the bytes to the presigned URL with the signed headers, as a browser or script would. */
export async function upload(slot: { uploadUrl: string; requiredHeaders: Record<string, string> }, bytes: Uint8Array): Promise<number> {
  const response = await fetch(slot.uploadUrl, { method: 'PUT', headers: slot.requiredHeaders, body: bytes });
  await response.arrayBuffer();
  return response.status;
}

/** Polls a file until the upload consumer has checked it (and verified it, for PDFs); its last state otherwise. */
export async function settledFile(api: TestApi, token: string, documentId: string, fileId: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const file = await api.request('GET', `/documents/${documentId}/files/${fileId}`, { token });
    if (file.status !== 200) throw new Error(`GET file: ${file.status} ${JSON.stringify(file.body)}`);
    if (file.body.status !== 'pending' || Date.now() > deadline) return file.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Announces, uploads and waits for the check of one file. */
export async function attach(api: TestApi, token: string, documentId: string, bytes: Uint8Array, fileName = 'van-ban.pdf'): Promise<any> {
  const slot = await api.request('POST', `/documents/${documentId}/files`, { token, body: announcement(bytes, { fileName }) });
  if (slot.status !== 201) throw new Error(`announce: ${slot.status} ${JSON.stringify(slot.body)}`);
  const status = await upload(slot.body, bytes);
  if (status !== 200) throw new Error(`upload: ${status}`);
  return settledFile(api, token, documentId, slot.body.fileId);
}
