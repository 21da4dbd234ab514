import { describe, expect, it } from 'vitest';
import { createFileUpload } from '#app/files/create-upload';
import { getFile, listFiles } from '#app/files/read-files';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, type ValidationError } from '#domain/errors';
import type { Document } from '#domain/documents/document';
import { fileUploadRequestSchema } from '#domain/files/upload-request';
import type { Role } from '#domain/identity/principal';
import { DOC_ID, fileDeps, incomingDocument, NOW, pendingFile, principal, sha256Hex } from './fakes.ts';

const request = fileUploadRequestSchema.parse({ fileName: 'Quyết định 15.pdf', contentType: 'application/pdf', size: 11, sha256: sha256Hex('hello world') });
const ctx = (roles: Role[], organId?: string) => ({ principal: principal(roles, organId), correlationId: 'c-1' });

function outgoing(status: 'draft' | 'approved' | 'issued' | 'revoked'): Document {
  return {
    id: DOC_ID,
    direction: 'outgoing',
    organId: '000.00.91.H26',
    status,
    typeName: 'Công văn',
    subject: 'Về việc báo cáo',
    draftingUnitAbbreviation: 'VP',
    legalNormative: false,
    urgency: 'normal',
    secrecy: 'none',
    recipients: [],
    places: [],
    createdBy: { sub: 'user-1', name: 'Nguyễn Văn A' },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
  };
}

describe('createFileUpload', () => {
  it('records a pending file under a fresh key and returns the presigned upload', async () => {
    // Prepare
    const { deps, store, content } = fileDeps({ document: incomingDocument() });
    // Act
    const slot = await createFileUpload(deps, ctx(['specialist']), DOC_ID, request);
    // Assess
    const key = `files/${DOC_ID}/${slot.fileId}`;
    expect(slot).toEqual({
      fileId: slot.fileId,
      method: 'PUT',
      uploadUrl: `https://bucket.example/${key}`,
      expiresAt: '2026-11-26T03:15:00.000Z',
      requiredHeaders: { 'content-type': 'application/pdf' },
    });
    expect(content.presigned).toEqual([{ key, contentType: 'application/pdf', size: 11, sha256: request.sha256, expiresInSeconds: 900, now: NOW }]);
    expect(await store.get(DOC_ID, slot.fileId)).toEqual({
      documentId: DOC_ID,
      fileId: slot.fileId,
      objectKey: key,
      fileName: 'Quyết định 15.pdf',
      contentType: 'application/pdf',
      size: 11,
      sha256: request.sha256,
      status: 'pending',
      uploadedBy: { sub: 'user-1', name: 'Nguyễn Văn A' },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      version: 1,
    });
  });

  it('never hands out the same key twice', async () => {
    const { deps } = fileDeps({ document: incomingDocument() });
    const first = await createFileUpload(deps, ctx(['clerk']), DOC_ID, request);
    const second = await createFileUpload(deps, ctx(['clerk']), DOC_ID, request);
    expect(first.uploadUrl).not.toBe(second.uploadUrl);
  });

  it.each(['confidential', 'secret', 'top-secret'] as const)('refuses a %s document with 422 secret-document and writes nothing', async (secrecy) => {
    // Prepare
    const { deps, store, content } = fileDeps({ document: incomingDocument({ secrecy }) });
    // Act
    const error = await createFileUpload(deps, ctx(['clerk']), DOC_ID, request).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).type).toBe('secret-document');
    expect((error as UnprocessableError).message).toMatch(/never stored/);
    expect(store.files.size).toBe(0);
    expect(content.presigned).toEqual([]);
  });

  it.each(['issued', 'revoked'] as const)('refuses an %s outgoing document with 409 document-issued', async (status) => {
    const { deps, store } = fileDeps({ document: outgoing(status) });
    const error = await createFileUpload(deps, ctx(['clerk']), DOC_ID, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).type).toBe('document-issued');
    expect(store.files.size).toBe(0);
  });

  it('accepts files on a draft from its drafter, and on an approved document from a leader or clerk (their signatures)', async () => {
    await expect(createFileUpload(fileDeps({ document: outgoing('draft') }).deps, ctx(['specialist']), DOC_ID, request)).resolves.toMatchObject({ method: 'PUT' });
    for (const role of ['leader', 'clerk'] as const)
      await expect(createFileUpload(fileDeps({ document: outgoing('approved') }).deps, ctx([role]), DOC_ID, request)).resolves.toMatchObject({ method: 'PUT' });
  });

  it('refuses (403) a specialist adding files to a submitted or approved document, writing nothing', async () => {
    const { deps, store } = fileDeps({ document: outgoing('approved') });
    await expect(createFileUpload(deps, ctx(['specialist']), DOC_ID, request)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(store.files.size).toBe(0);
  });

  it("answers 404 for another agency's document, as for one that does not exist", async () => {
    const { deps, store } = fileDeps({ document: incomingDocument() });
    await expect(createFileUpload(deps, ctx(['clerk'], '000.00.92.H26'), DOC_ID, request)).rejects.toThrowError(NotFoundError);
    expect(store.files.size).toBe(0);
  });

  it.each([['admin'], ['city-admin']] as [Role][])('refuses a %s (403) before reading anything', async (role) => {
    const { deps } = fileDeps({ document: incomingDocument() });
    await expect(createFileUpload(deps, ctx([role]), DOC_ID, request)).rejects.toThrowError(ForbiddenError);
  });

  it('refuses a type outside the policy with 400 on body.contentType', async () => {
    const { deps, store } = fileDeps({ document: incomingDocument() });
    const error = await createFileUpload(deps, ctx(['clerk']), DOC_ID, { ...request, contentType: 'text/html' }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['body.contentType']);
    expect(store.files.size).toBe(0);
  });
});

describe('getFile and listFiles', () => {
  it('gives a 5-minute download URL of the checked version for a stored file only', async () => {
    // Prepare
    const { deps, store } = fileDeps({ document: incomingDocument() });
    const bytes = Buffer.from('hello world');
    await store.create(pendingFile(bytes, { fileId: '01JF1LE000000000000000000B' }));
    await store.create(pendingFile(bytes, { status: 'stored', versionId: 'v-7', actualSha256: sha256Hex(bytes), actualSize: 11 }));
    // Act
    const pending = await getFile(deps, ctx(['leader']), DOC_ID, '01JF1LE000000000000000000B');
    const stored = await getFile(deps, ctx(['admin']), DOC_ID, pendingFile(bytes).fileId);
    // Assess
    expect(pending).not.toHaveProperty('downloadUrl');
    expect(pending.verification).toBeNull();
    expect(stored.downloadUrl).toBe(`https://bucket.example/${pendingFile(bytes).objectKey}?versionId=v-7&ttl=300`);
    expect(stored.downloadExpiresAt).toBe('2026-11-26T03:05:00.000Z');
    expect(stored).not.toHaveProperty('objectKey');
    expect(stored).not.toHaveProperty('version');
  });

  it('answers 404 for an unknown file and for the files of another agency', async () => {
    const { deps, store } = fileDeps({ document: incomingDocument() });
    await store.create(pendingFile(Buffer.from('x')));
    await expect(getFile(deps, ctx(['clerk']), DOC_ID, '01JF1LE00000000000000000ZZ')).rejects.toThrowError(NotFoundError);
    await expect(getFile(deps, ctx(['clerk'], '000.00.92.H26'), DOC_ID, pendingFile(Buffer.from('x')).fileId)).rejects.toThrowError(NotFoundError);
    await expect(listFiles(deps, ctx(['clerk'], '000.00.92.H26'), DOC_ID, { limit: 10 })).rejects.toThrowError(NotFoundError);
  });

  it("lists a document's files without download URLs", async () => {
    const { deps, store } = fileDeps({ document: incomingDocument() });
    await store.create(pendingFile(Buffer.from('x'), { status: 'stored' }));
    const page = await listFiles(deps, ctx(['specialist']), DOC_ID, { limit: 10 });
    expect(page.items.map((file) => [file.fileId, file.status, file.downloadUrl])).toEqual([[pendingFile(Buffer.from('x')).fileId, 'stored', undefined]]);
  });
});
