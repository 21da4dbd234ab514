import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentStore } from '#adapters/dynamo/document-store';
import { ulidGenerator } from '#adapters/ids';
import { receiveIncoming, registerArrived } from '#app/documents/arrivals';
import { returnIncoming } from '#app/documents/incoming-workflow';
import { getHistory } from '#app/documents/read-documents';
import { ConflictError } from '#domain/errors';
import { startDynamoEmulator, type DynamoEmulator } from '#infra/local/dynamo/emulator';
import { createTable } from '#infra/local/provision';
import { fakeDependencies } from '../support/fake-dependencies.ts';

let emulator: DynamoEmulator;
let deps: ReturnType<typeof fakeDependencies>;
const AGENCY = '000.00.91.H26';
const system = { sub: 'system:webhook', organId: AGENCY, roles: ['clerk' as const], name: 'Webhook' };
const clerk = { principal: { sub: 'clerk', organId: AGENCY, roles: ['clerk' as const], name: 'Văn thư' }, correlationId: 'c' };
const metadata = {
  issuer: { organId: '000.00.00.G12', organName: 'Bộ Tài chính' },
  codeNumber: '7',
  codeNotation: 'BTC-NSNN',
  promulgationDate: '2026-11-20',
  typeName: 'Công văn',
  subject: 'Về việc dự toán',
  urgency: 'normal' as const,
  secrecy: 'none' as const,
};

beforeAll(async () => {
  emulator = await startDynamoEmulator();
  const dynamo = new DynamoDBClient({ region: 'local', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTable(dynamo, 'arrivals');
  deps = fakeDependencies({ documents: new DynamoDocumentStore(DynamoDBDocumentClient.from(dynamo), 'arrivals'), ids: ulidGenerator });
});

afterAll(async () => {
  await emulator.close();
});

describe('documents that arrive electronically', () => {
  it('arrive without a number (01) and get the next số đến when the clerk registers them (03)', async () => {
    const first = await receiveIncoming(
      deps,
      { organId: AGENCY, metadata, source: { channel: 'webhook', fromOrganId: '000.00.00.G12', externalId: 'msg_1' }, receivedBy: system },
      'c1',
    );
    expect(first).toMatchObject({ status: 'arrived', source: { channel: 'webhook', externalId: 'msg_1' } });
    expect(first.arrivalNumber).toBeUndefined();
    const second = await receiveIncoming(deps, { organId: AGENCY, metadata, source: { channel: 'axis', externalId: 'axis-2' }, receivedBy: system }, 'c2');
    expect((await registerArrived(deps, clerk, second.id)).arrivalNumber).toBe(1);
    expect((await registerArrived(deps, clerk, first.id)).arrivalNumber).toBe(2);
    const history = await getHistory(deps, clerk, first.id);
    expect(history.map((e) => e.action)).toEqual(['arrived', 'registered']);
  });

  it('registers once only, and can be returned instead (02)', async () => {
    const doc = await receiveIncoming(deps, { organId: AGENCY, metadata, source: { channel: 'internal', externalId: 'int-3' }, receivedBy: system }, 'c3');
    await returnIncoming(deps, clerk, doc.id, { reason: 'Không đúng thẩm quyền' });
    await expect(registerArrived(deps, clerk, doc.id)).rejects.toThrowError(ConflictError);
  });
});
