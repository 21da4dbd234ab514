import { describe, expect, it } from 'vitest';
import { registerIncoming } from '#app/documents/register-incoming';
import type { Dependencies } from '#app/context';
import { incomingRegistrationSchema } from '#domain/documents/incoming';
import type { DocumentStore } from '#domain/documents/store';
import { ConflictError, ForbiddenError, UnprocessableError } from '#domain/errors';
import type { Role } from '#domain/identity/principal';
import { fakeDependencies } from '../../support/fake-dependencies.ts';

const input = incomingRegistrationSchema.parse({
  issuer: { organName: 'Bộ Tài chính' },
  codeNumber: '15',
  codeNotation: 'QĐ-BTC',
  promulgationDate: '2026-11-20',
  typeName: 'Quyết định',
  subject: 'Giao dự toán',
});

function deps(store: Partial<DocumentStore>): Dependencies {
  const refuse = () => {
    throw new Error('the store must not be called');
  };
  return fakeDependencies({ documents: { registerIncoming: refuse, getDocument: refuse, listDocuments: refuse, history: refuse, ...store } as DocumentStore });
}
const ctx = (roles: Role[]) => ({ principal: { sub: 'u', organId: '000.00.91.H26', roles, name: 'N' }, correlationId: 'c' });

describe('registerIncoming', () => {
  it.each([['leader'], ['specialist'], ['admin']] as [Role][])('refuses a %s before touching the store', async (role) => {
    await expect(registerIncoming(deps({}), ctx([role]), input)).rejects.toThrowError(ForbiddenError);
  });

  it('hands the store the document, its history event and the duplicate key', async () => {
    let seen: Parameters<DocumentStore['registerIncoming']>[0] | undefined;
    const store = deps({
      registerIncoming: async (request) => {
        seen = request;
        return { kind: 'created', document: { ...request.document, arrivalNumber: 7 } };
      },
    });
    const document = await registerIncoming(store, ctx(['clerk']), input);
    expect(document.arrivalNumber).toBe(7);
    expect(seen?.event(7)).toMatchObject({ sequence: 1, action: 'registered', after: { arrivalNumber: 7, status: 'registered' }, actor: { sub: 'u', roles: ['clerk'] } });
    expect(seen?.allowDuplicate).toBe(false);
  });

  it('turns a duplicate into a 409 conflict naming the existing arrival number', async () => {
    const store = deps({ registerIncoming: async (request) => ({ kind: 'duplicate', existing: { ...request.document, id: 'OLD', arrivalNumber: 3 } }) });
    const error = await registerIncoming(store, ctx(['clerk']), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).type).toBe('duplicate-document');
    expect((error as ConflictError).message).toContain('arrival number 3');
  });

  it('refuses an idempotency key reused with another body', async () => {
    const store = deps({ registerIncoming: async () => ({ kind: 'idempotency-mismatch', documentId: 'OLD' }) });
    await expect(registerIncoming(store, { ...ctx(['clerk']), idempotencyKey: 'k-1234567' }, input)).rejects.toThrowError(UnprocessableError);
  });
});
