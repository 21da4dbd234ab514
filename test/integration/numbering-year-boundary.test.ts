import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { DynamoNumberingStore } from '#adapters/dynamo/numbering-store';
import { ulidGenerator } from '#adapters/ids';
import { registerIncoming } from '#app/documents/register-incoming';
import { approveOutgoing, createDraft, submitOutgoing } from '#app/documents/outgoing-workflow';
import { issueOutgoing } from '#app/documents/issue';
import { configureNumbering } from '#app/documents/numbering';
import type { Dependencies } from '#app/context';
import { incomingRegistrationSchema } from '#domain/documents/incoming';
import { outgoingDraftSchema } from '#domain/documents/outgoing';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';
import { fakeDependencies } from '../support/fake-dependencies.ts';

/**
 * Numbering follows the Vietnam calendar year (UTC+7): 31 December 23:59 in Hanoi is still the old year,
 * 00:00 on 1 January (17:00 UTC the day before) starts every series again at 01.
 */
let emulator: DynamoEmulator;
let store: DynamoDocumentStore;
let numbering: DynamoNumberingStore;
let now = new Date();

beforeAll(async () => {
  emulator = await startDynamoEmulator();
  const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
  const dynamo = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials });
  await createTable(dynamo, 'boundary-documents');
  store = new DynamoDocumentStore(DynamoDBDocumentClient.from(dynamo), 'boundary-documents');
  numbering = new DynamoNumberingStore(DynamoDBDocumentClient.from(dynamo), 'boundary-documents');
  await configureNumbering(deps(), as(['admin']), '000.00.91.H26', { issuerAbbreviation: 'UBND', registers: [{ id: 'general', name: 'Sổ văn bản đi', typeNames: ['*'] }] });
});

afterAll(async () => {
  await emulator.close();
});

const deps = (): Dependencies => fakeDependencies({ documents: store, numbering, clock: { now: () => now }, ids: ulidGenerator });
const as = (roles: ('clerk' | 'leader' | 'specialist' | 'admin')[]) => ({
  principal: { sub: roles[0] ?? 'u', organId: '000.00.91.H26', roles, name: 'Người dùng' },
  correlationId: 'c',
});

async function issueOne(): Promise<{ year: number; codeNumber: string }> {
  const draft = await createDraft(deps(), as(['specialist']), outgoingDraftSchema.parse({ typeName: 'Quyết định', subject: 'Thử' }));
  await submitOutgoing(deps(), as(['specialist']), draft.id);
  await approveOutgoing(deps(), as(['leader']), draft.id);
  const issued = await issueOutgoing(deps(), as(['clerk']), draft.id);
  return { year: issued.issue?.year ?? 0, codeNumber: issued.issue?.codeNumber ?? '' };
}

async function registerOne(n: number): Promise<{ year: number; number: number }> {
  const input = incomingRegistrationSchema.parse({
    issuer: { organName: 'Bộ Tài chính' },
    codeNumber: String(n),
    codeNotation: 'CV',
    promulgationDate: '2026-12-30',
    typeName: 'Công văn',
    subject: 'Thử',
  });
  const document = await registerIncoming(deps(), as(['clerk']), input);
  return { year: document.arrivalYear ?? 0, number: document.arrivalNumber ?? 0 };
}

describe('numbering across the year boundary in Vietnam time', () => {
  it('restarts số đi and số đến at 01 when 1 January begins in Hanoi, not in UTC', async () => {
    now = new Date('2026-12-31T16:58:00Z'); // 23:58 on 31 December in Hanoi
    expect(await issueOne()).toEqual({ year: 2026, codeNumber: '01' });
    expect(await issueOne()).toEqual({ year: 2026, codeNumber: '02' });
    expect(await registerOne(1)).toEqual({ year: 2026, number: 1 });
    now = new Date('2026-12-31T17:00:00Z'); // 00:00 on 1 January 2027 in Hanoi, still 2026 in UTC
    expect(await issueOne()).toEqual({ year: 2027, codeNumber: '01' });
    expect(await registerOne(2)).toEqual({ year: 2027, number: 1 });
    now = new Date('2027-01-01T01:00:00Z');
    expect(await issueOne()).toEqual({ year: 2027, codeNumber: '02' });
  });
});
