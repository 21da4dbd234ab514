import { describe, expect, it } from 'vitest';
import type { Dependencies } from '#app/context';
import { fakeDependencies } from '../../support/fake-dependencies.ts';
import { addDocumentToRecord, closeRecord, createRecord } from '#app/records/manage-records';
import { getRecord } from '#app/records/read-records';
import type { Document } from '#domain/documents/document';
import type { DocumentStore } from '#domain/documents/store';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import type { Role } from '#domain/identity/principal';
import { closeWorkRecord, newRecordSchema, newWorkRecord, type RecordEntry, type WorkRecord } from '#domain/records/record';
import type { RecordStore } from '#domain/records/store';

const AGENCY = '000.00.91.H26';
const now = new Date('2026-05-04T03:00:00Z');
const ctx = (roles: Role[], organId = AGENCY) => ({ principal: { sub: 'u', organId, roles, name: 'N' }, correlationId: 'c' });
const record = newWorkRecord(newRecordSchema.parse({ fileNotation: '01.TH', title: 'Hồ sơ', maintenance: 'permanent' }), {
  id: 'R1',
  principal: ctx(['specialist']).principal,
  now,
});
const document = {
  id: 'D1',
  organId: AGENCY,
  direction: 'incoming',
  status: 'registered',
  typeName: 'Công văn',
  subject: 'S',
  codeNumber: '1',
  codeNotation: 'CV',
  promulgationDate: '2026-05-01',
  issuer: { organName: 'A' },
  secrecy: 'none',
} as unknown as Document;

function deps(records: Partial<RecordStore>, documents: Partial<DocumentStore> = {}): Dependencies {
  const refuse = () => {
    throw new Error('the store must not be called');
  };
  return fakeDependencies({
    documents: {
      registerIncoming: refuse,
      getDocument: async (id: string) => (id === document.id ? document : undefined),
      listDocuments: refuse,
      history: refuse,
      ...documents,
    } as DocumentStore,
    records: { create: refuse, get: refuse, getMany: refuse, entries: refuse, addDocument: refuse, close: refuse, list: refuse, membershipsOf: refuse, ...records } as RecordStore,
    clock: { now: () => now },
    ids: { next: () => 'R1' },
  });
}

describe('record use cases', () => {
  it('refuses roles outside the matrix before touching the store', async () => {
    // Prepare
    const input = newRecordSchema.parse({ fileNotation: '01', title: 'T', maintenance: 5 });
    // Act / Assess
    await expect(createRecord(deps({}), ctx(['admin']), input)).rejects.toThrowError(ForbiddenError);
    await expect(addDocumentToRecord(deps({}), ctx(['city-admin']), 'R1', 'D1')).rejects.toThrowError(ForbiddenError);
    await expect(getRecord(deps({}), ctx(['city-admin']), 'R1')).rejects.toThrowError(ForbiddenError);
  });

  it('turns a taken FileCode into 409 duplicate-file-code naming the existing record', async () => {
    // Prepare
    const store = deps({ create: async () => ({ kind: 'duplicate', existingId: 'OLD' }) });
    // Act
    const error = await createRecord(store, ctx(['specialist']), newRecordSchema.parse({ fileNotation: '01.TH', title: 'T', maintenance: 5 })).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ type: 'duplicate-file-code', details: { existingId: 'OLD', fileCode: `${AGENCY}.2026.01.TH` } });
  });

  it("hides another agency's record as not found", async () => {
    const store = deps({ get: async () => ({ ...record, organId: '000.00.92.H26' }) });
    await expect(getRecord(store, ctx(['leader']), 'R1')).rejects.toThrowError(NotFoundError);
  });

  it('refuses a document the caller cannot read with 404 on body.documentId, writing nothing', async () => {
    // Prepare
    const store = deps({ get: async () => record }, { getDocument: async () => ({ ...document, organId: '000.00.92.H26' }) });
    // Act
    const error = await addDocumentToRecord(store, ctx(['clerk']), 'R1', 'D1').catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).errors).toEqual([{ path: 'body.documentId', message: 'no such document in your agency' }]);
  });

  it('re-reads a record changed by another writer and adds the document at the next free ordinal', async () => {
    // Prepare: another writer added ordinal 1 between our read and our write
    const stored = [record, { ...record, documentCount: 1, version: 2 }];
    const attempts: RecordEntry[] = [];
    const store = deps({
      get: async () => stored.shift() ?? record,
      addDocument: async (previous, _next, entry) => {
        attempts.push(entry);
        return previous.version === 1 ? 'stale' : 'added';
      },
    });
    // Act
    const entry = await addDocumentToRecord(store, ctx(['specialist']), 'R1', 'D1');
    // Assess
    expect(attempts.map((a) => a.ordinal)).toEqual([1, 2]);
    expect(entry.ordinal).toBe(2);
  });

  it('refuses with record-closed when the record was closed while the document was being added', async () => {
    // Prepare
    const closed = closeWorkRecord(record, { principal: ctx(['leader']).principal, now });
    const stored: WorkRecord[] = [record, closed];
    const store = deps({ get: async () => stored.shift() ?? closed, addDocument: async () => 'stale' });
    // Act
    const error = await addDocumentToRecord(store, ctx(['specialist']), 'R1', 'D1').catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ type: 'record-closed' });
  });

  it('closes once; a second close is a 409 record-closed', async () => {
    // Prepare
    let current: WorkRecord = record;
    const store = deps({
      get: async () => current,
      close: async (_previous, next) => {
        current = next;
        return 'closed';
      },
    });
    // Act
    const closed = await closeRecord(store, ctx(['specialist']), 'R1');
    const again = await closeRecord(store, ctx(['specialist']), 'R1').catch((e: unknown) => e);
    // Assess
    expect(closed).toMatchObject({ status: 'closed', endDate: '2026-05-04' });
    expect(again).toMatchObject({ type: 'record-closed' });
  });
});
