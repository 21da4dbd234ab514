/** The issued original under S3 Object Lock (retain-original.ts): which version, until when, and when not. */
import { describe, expect, it } from 'vitest';
import type { Document } from '#domain/documents/document';
import { retainOriginal } from '#app/files/retain-original';
import { DOC_ID, FILE_ID, fileDeps, incomingDocument, pendingFile } from './fakes.ts';

const issuedAt = '2026-12-03T02:15:00.000Z';

/** An outgoing document issued with its stamped original FILE_ID (only what retainOriginal reads). */
function issued(file?: { fileId: string }): Document {
  return {
    ...incomingDocument(),
    direction: 'outgoing',
    issue: { issuedAt, ...(file === undefined ? {} : { file: { fileId: file.fileId, sha256: 'a'.repeat(64), sealed: true } }) },
  } as unknown as Document;
}

async function setUp(document: Document) {
  const context = fileDeps({ document });
  const bytes = new TextEncoder().encode('%PDF-1.7 SAMPLE ISSUED');
  const file = pendingFile(bytes, { status: 'stored', versionId: 'v-1' });
  await context.store.create(file);
  context.content.put(file.objectKey, bytes, { versionId: 'v-1' });
  return { ...context, file };
}

describe('retainOriginal', () => {
  it('locks the original until its issue date plus the configured years, again without change', async () => {
    // Prepare
    const { deps, content, file } = await setUp(issued({ fileId: FILE_ID }));

    // Act
    const first = await retainOriginal(deps, { kind: 'retain-original', documentId: DOC_ID }, { years: 10 });
    const again = await retainOriginal(deps, { kind: 'retain-original', documentId: DOC_ID }, { years: 10 });

    // Assess
    expect(first).toEqual({ kind: 'retained', fileId: FILE_ID, until: '2036-12-03T02:15:00.000Z' });
    expect(again).toEqual(first);
    expect(content.retained.get(file.objectKey)?.toISOString()).toBe('2036-12-03T02:15:00.000Z');
    await expect(content.destroyObject(file.objectKey)).rejects.toThrow(/retention/);
  });

  it('does nothing where the stage keeps no Object Lock, for an unknown document, or one issued without an original', async () => {
    // Prepare
    const withOriginal = await setUp(issued({ fileId: FILE_ID }));
    const withoutOriginal = await setUp(issued());

    // Act
    const unconfigured = await retainOriginal(withOriginal.deps, { kind: 'retain-original', documentId: DOC_ID }, {});
    const unknown = await retainOriginal(withOriginal.deps, { kind: 'retain-original', documentId: '01JDOC0000000000000000000B' }, { years: 10 });
    const none = await retainOriginal(withoutOriginal.deps, { kind: 'retain-original', documentId: DOC_ID }, { years: 10 });

    // Assess
    expect([unconfigured, unknown, none]).toEqual([
      { kind: 'ignored', reason: 'not-configured' },
      { kind: 'ignored', reason: 'unknown-document' },
      { kind: 'ignored', reason: 'no-original' },
    ]);
    expect(withOriginal.content.retained.size).toBe(0);
  });
});
