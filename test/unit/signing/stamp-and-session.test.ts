import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '#domain/errors';
import { assertCompletable, SIGNING_WINDOW_MS, type SigningSession } from '#domain/signing/session';
import { numberLine, placeDateLine } from '#domain/signing/stamp';

describe('the number and date as Phụ lục I writes them', () => {
  it.each([
    ['2026-12-03', 'Hà Nội, ngày 03 tháng 12 năm 2026'],
    ['2026-03-15', 'Hà Nội, ngày 15 tháng 3 năm 2026'],
    ['2026-02-05', 'Hà Nội, ngày 05 tháng 02 năm 2026'],
    ['2027-01-31', 'Hà Nội, ngày 31 tháng 01 năm 2027'],
    ['2026-10-10', 'Hà Nội, ngày 10 tháng 10 năm 2026'],
  ])('%s → %s (a zero before days under 10 and the months 1 and 2)', (date, expected) => {
    // Act
    const line = placeDateLine('Hà Nội', date);
    // Assess
    expect(line).toBe(expected);
  });

  it('writes Số: number/notation', () => {
    // Act
    const line = numberLine('05', '2026/QĐ-UBND');
    // Assess
    expect(line).toBe('Số: 05/2026/QĐ-UBND');
  });
});

describe('who may complete a prepared signature, and when', () => {
  const now = new Date('2026-12-03T03:00:00Z');
  const session: SigningSession = {
    documentId: 'D',
    signingId: 'S',
    signer: { kind: 'client' },
    sourceFileId: 'F',
    documentVersion: 4,
    preparedKey: 'signing/D/S.pdf',
    preparedSha256: '00',
    preparedSize: 1,
    hole: { start: 1, end: 2 },
    materialKey: 'signing/D/S.json',
    materialSha256: '00',
    materialSize: 1,
    hash: '',
    algorithm: 'rsa-pkcs1-sha256',
    signerName: 'Lãnh đạo',
    preparedBy: { sub: 'leader', name: 'Lãnh đạo' },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SIGNING_WINDOW_MS).toISOString(),
    status: 'prepared',
    version: 1,
  };

  it('lets the leader who prepared it complete it on the same version within the window', () => {
    // Act
    const check = () => assertCompletable(session, { sub: 'leader' }, 4, new Date(now.getTime() + SIGNING_WINDOW_MS));
    // Assess
    expect(check).not.toThrow();
  });

  it.each([
    ['another person', { sub: 'other' }, 4, now, ForbiddenError, undefined],
    ['a second time', { sub: 'leader' }, 4, now, ConflictError, 'signature-completed'],
    ['after the window', { sub: 'leader' }, 4, new Date(now.getTime() + SIGNING_WINDOW_MS + 1), ConflictError, 'signature-expired'],
    ['on a changed document', { sub: 'leader' }, 5, now, ConflictError, 'document-changed'],
  ] as const)('refuses %s', (what, caller, version, at, kind, type) => {
    // Prepare
    const completed = what === 'a second time' ? { ...session, status: 'completed' as const } : session;
    // Act
    const attempt = () => assertCompletable(completed, caller, version, at);
    // Assess
    expect(attempt).toThrow(kind);
    if (type !== undefined) {
      try {
        attempt();
      } catch (error) {
        expect((error as ConflictError).type).toBe(type);
      }
    }
  });
});
