/** Verification of a received PDF, done by the file checker on the receiver's request (verify-received.ts). */
import { describe, expect, it } from 'vitest';
import type { FileVerification } from '#domain/files/file';
import { verifyRequest, verifyStoredFile } from '#app/files/verify-received';
import { fileDeps, pendingFile } from './fakes.ts';

const verdict: FileVerification = { verdict: 'TOTAL_PASSED', verifiedAt: '2026-11-26T03:00:00.000Z', report: { signatures: 1 } };

function setUp() {
  const seen: string[] = [];
  const context = fileDeps({
    pdfVerifier: {
      verify: async (file) => {
        seen.push(file.fileId);
        for await (const _ of await file.open()) void _;
        return verdict;
      },
    },
  });
  const bytes = new TextEncoder().encode('%PDF-1.7 SAMPLE');
  const file = pendingFile(bytes, { objectKey: 'axis/inbox/D1/1', status: 'stored' });
  context.content.put(file.objectKey, bytes);
  return { ...context, file, seen };
}

describe('verifyStoredFile', () => {
  it('verifies a stored PDF once, reading it from its object, and records the verdict', async () => {
    // Prepare
    const { deps, store, file, seen } = setUp();
    await store.create(file);
    // Act
    const first = await verifyStoredFile(deps, verifyRequest(file).verify);
    const again = await verifyStoredFile(deps, verifyRequest(file).verify);
    // Assess
    expect(first).toMatchObject({ kind: 'verified', file: { verification: verdict, version: 2 } });
    expect(again).toEqual({ kind: 'ignored', reason: 'already-verified' });
    expect(seen).toEqual([file.fileId]);
  });

  it('leaves alone what is not a stored PDF, or unknown', async () => {
    // Prepare
    const { deps, store, file, seen } = setUp();
    await store.create({ ...file, contentType: 'application/zip' });
    // Act + Assess
    expect(await verifyStoredFile(deps, verifyRequest(file).verify)).toEqual({ kind: 'ignored', reason: 'not-a-stored-pdf' });
    expect(await verifyStoredFile(deps, { documentId: file.documentId, fileId: '01JF1LE000000000000000000Z' })).toEqual({ kind: 'ignored', reason: 'unknown-file' });
    expect(seen).toEqual([]);
  });
});
