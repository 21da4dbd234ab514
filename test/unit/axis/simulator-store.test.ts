import { describe, expect, it } from 'vitest';
import { AxisStore, defaultLimits, type SimulatedSystem, type StoreLimits } from '#infra/local/axis-simulator/store';
import { GOVERNMENT_OFFICE, HANOI, HANOI_DEPARTMENT, MINISTRY } from './packages.ts';

const hanoi: SimulatedSystem = { systemId: 'hanoi', secret: 'dev-1', agencies: [HANOI, HANOI_DEPARTMENT] };
const government: SimulatedSystem = { systemId: 'vpcp', secret: 'dev-2', agencies: [GOVERNMENT_OFFICE] };
const ministry: SimulatedSystem = { systemId: 'ministry', secret: 'dev-3', agencies: [MINISTRY] };

function store(limits: Partial<StoreLimits> = {}): AxisStore {
  const s = new AxisStore({ ...defaultLimits, ...limits });
  for (const system of [hanoi, government, ministry]) s.addSystem(system);
  return s;
}

function send(s: AxisStore, recipients: string[], size = 10): string {
  return s.accept({ sender: hanoi, from: HANOI, recipients, messageType: 'edoc', documentId: undefined, bytes: Buffer.alloc(size, 1) });
}

describe('AxisStore routing', () => {
  it('delivers one package to each receiving system under its own docId, with that system’s recipients', () => {
    // Prepare
    const s = store();
    // Act
    const sent = send(s, [GOVERNMENT_OFFICE, MINISTRY]);
    // Assess
    const toGovernment = s.listReceived('vpcp', undefined);
    const toMinistry = s.listReceived('ministry', 'edoc');
    expect(toGovernment).toMatchObject([{ from: HANOI, to: [GOVERNMENT_OFFICE], messageType: 'edoc', status: 'pending' }]);
    expect(toMinistry).toMatchObject([{ to: [MINISTRY] }]);
    expect(new Set([sent, toGovernment[0]?.docId, toMinistry[0]?.docId]).size).toBe(3);
    expect(s.listReceived('vpcp', 'status')).toEqual([]);
  });

  it.each([
    ['an agency no system serves', HANOI, ['000.00.00.G99'], 'UNKNOWN_RECIPIENT'],
    ['a sender the system does not serve', GOVERNMENT_OFFICE, [MINISTRY], 'SENDER_NOT_SERVED'],
    ['no recipient at all', HANOI, [], 'NO_RECIPIENT'],
  ])('refuses %s', (_case, from, recipients, code) => {
    const s = store();
    expect(() => s.accept({ sender: hanoi, from, recipients, messageType: 'edoc', documentId: undefined, bytes: Buffer.alloc(1) })).toThrowError(
      expect.objectContaining({ errorCode: code }),
    );
  });

  it('refuses to register an agency twice', () => {
    const s = store();
    expect(() => s.addSystem({ systemId: 'other', secret: 'x', agencies: [MINISTRY] })).toThrowError(/already served by system ministry/);
  });

  it('authenticates by system id and secret', () => {
    const s = store();
    expect(s.authenticate('vpcp', 'dev-2')?.systemId).toBe('vpcp');
    expect(s.authenticate('vpcp', 'dev-1')).toBeUndefined();
    expect(s.authenticate('nobody', 'dev-2')).toBeUndefined();
    expect(s.authenticate('vpcp', undefined)).toBeUndefined();
  });
});

describe('AxisStore acknowledgement', () => {
  it('stops listing a delivery once acknowledged and shows it done to the sender; acknowledging again is harmless', () => {
    // Prepare
    const s = store();
    const sent = send(s, [GOVERNMENT_OFFICE]);
    const docId = s.listReceived('vpcp', undefined)[0]?.docId ?? '';
    // Act
    s.acknowledge('vpcp', docId, 'done');
    s.acknowledge('vpcp', docId, 'done');
    // Assess
    expect(s.listReceived('vpcp', undefined)).toEqual([]);
    expect(s.countPending('vpcp', 'edoc')).toBe(0);
    expect(s.listSent('hanoi', undefined)).toMatchObject([{ docId: sent, receiverDocId: docId, status: 'done' }]);
    expect(s.counts()).toMatchObject({ hanoi: { sent: 1 }, vpcp: { pending: 0, done: 1 } });
  });

  it('lets only the receiving system fetch or acknowledge a delivery', () => {
    const s = store();
    send(s, [GOVERNMENT_OFFICE]);
    const docId = s.listReceived('vpcp', undefined)[0]?.docId ?? '';
    expect(() => s.acknowledge('ministry', docId, 'done')).toThrowError(expect.objectContaining({ errorCode: 'NOT_FOUND' }));
    expect(() => s.payload('ministry', docId)).toThrowError(expect.objectContaining({ errorCode: 'NOT_FOUND' }));
    expect(s.payload('vpcp', docId)).toHaveLength(10);
  });

  it('lists duplicates of pending and of recently acknowledged deliveries when the fault says so', () => {
    // Prepare
    const s = store();
    send(s, [GOVERNMENT_OFFICE]);
    send(s, [GOVERNMENT_OFFICE]);
    const [first, second] = s.listReceived('vpcp', undefined).map((r) => r.docId);
    s.acknowledge('vpcp', String(first), 'done');
    // Act
    const rows = s.listReceived('vpcp', undefined, () => true);
    // Assess
    expect(rows.map((r) => r.docId)).toEqual([second, second, first]);
  });
});

describe('AxisStore memory bounds', () => {
  it('drops the payload of acknowledged packages to make room, and answers 503 when nothing can go', () => {
    // Prepare
    const s = store({ maxStoredBytes: 25 });
    send(s, [GOVERNMENT_OFFICE]);
    send(s, [GOVERNMENT_OFFICE]);
    const [first] = s.listReceived('vpcp', undefined).map((r) => String(r.docId));
    // Act + Assess: full while both are pending
    expect(() => send(s, [GOVERNMENT_OFFICE])).toThrowError(expect.objectContaining({ errorCode: 'AXIS_FULL', httpStatus: 503 }));
    s.acknowledge('vpcp', first ?? '', 'done');
    send(s, [GOVERNMENT_OFFICE]);
    expect(s.memory.storedBytes).toBe(20);
    expect(() => s.payload('vpcp', first ?? '')).toThrowError(expect.objectContaining({ errorCode: 'EXPIRED' }));
  });

  it('forgets the oldest settled packages beyond maxRecords', () => {
    const s = store({ maxRecords: 2 });
    send(s, [GOVERNMENT_OFFICE]);
    const [first] = s.listReceived('vpcp', undefined).map((r) => String(r.docId));
    s.acknowledge('vpcp', first ?? '', 'fail');
    send(s, [GOVERNMENT_OFFICE]);
    send(s, [GOVERNMENT_OFFICE]);
    expect(s.memory.packages).toBe(2);
    expect(s.counts().vpcp).toEqual({ sent: 0, pending: 2, done: 0, failed: 0 });
    expect(() => send(s, [GOVERNMENT_OFFICE])).toThrowError(expect.objectContaining({ errorCode: 'AXIS_FULL' }));
  });

  it('lists at most maxListed rows, oldest first', () => {
    const s = store({ maxListed: 2 });
    const sent = [send(s, [GOVERNMENT_OFFICE]), send(s, [GOVERNMENT_OFFICE]), send(s, [GOVERNMENT_OFFICE])];
    expect(s.listReceived('vpcp', undefined)).toHaveLength(2);
    expect(s.countPending('vpcp', undefined)).toBe(3);
    expect(s.listSent('hanoi', undefined).map((r) => r.docId)).toEqual(sent.slice(1));
  });
});
