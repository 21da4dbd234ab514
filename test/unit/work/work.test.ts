import { describe, expect, it } from 'vitest';
import type { Document } from '#domain/documents/document';
import type { OutgoingDocument } from '#domain/documents/outgoing';
import { ownersOf, workDelta, workOf } from '#domain/work/work';
import { AGENCY, assigned, incomingDocument, leader } from '../reminders/fixtures.ts';

const unit = { kind: 'unit' as const, organId: AGENCY, unitId: 'P-TH', name: 'Phòng Tổng hợp', members: ['cv-02'] };
const draft = (overrides: Partial<OutgoingDocument> = {}) =>
  ({
    ...incomingDocument(),
    direction: 'outgoing',
    status: 'draft',
    createdBy: { sub: 'cv-09', name: 'Chuyên viên' },
    ...overrides,
  }) as unknown as Document;

describe('the work a document stands for', () => {
  it("is the agency's while it waits for a clerk or a leader, and the assignees' while it is processed", () => {
    // Prepare
    const withUnit = assigned('2026-12-10', unit);
    const coordinated = {
      ...withUnit,
      assignment: { ...(withUnit.assignment ?? expect.unreachable('assigned')), coordinators: [{ kind: 'person' as const, sub: 'cv-03', name: 'C' }] },
    };
    // Act
    const cases = {
      arrived: workOf(incomingDocument({ status: 'arrived' })),
      registered: workOf(incomingDocument()),
      coordinated: workOf(coordinated),
      overdue: workOf({ ...assigned('2026-11-01'), overdueSince: '2026-11-02' }),
      finished: workOf({ ...assigned('2026-11-01'), status: 'finished' }),
      request: workOf(incomingDocument({ pendingRequest: { type: 'revocation', reason: 'x', at: '2026-11-30T00:00:00Z' } })),
      submitted: workOf(draft({ status: 'submitted' })),
      sentBack: workOf(draft({ sentBack: { reason: 'x', at: '2026-11-30T00:00:00Z', by: leader } })),
      plainDraft: workOf(draft()),
    };
    // Assess
    expect(cases).toEqual({
      arrived: [{ owner: 'agency', bucket: 'to-register' }],
      registered: [{ owner: 'agency', bucket: 'to-assign' }],
      coordinated: [
        { owner: `unit:${AGENCY}/P-TH`, bucket: 'assigned' },
        { owner: 'person:cv-03', bucket: 'assigned' },
      ],
      overdue: [
        { owner: 'person:cv-01', bucket: 'assigned' },
        { owner: 'person:cv-01', bucket: 'overdue' },
      ],
      finished: [],
      request: [
        { owner: 'agency', bucket: 'to-assign' },
        { owner: 'agency', bucket: 'requests' },
      ],
      submitted: [{ owner: 'agency', bucket: 'to-approve' }],
      sentBack: [{ owner: 'person:cv-09', bucket: 'sent-back' }],
      plainDraft: [],
    });
  });

  it('moves by the difference between before and after, and not at all when nothing changes', () => {
    // Prepare
    const registered = incomingDocument();
    const toPerson = assigned('2026-12-10');
    const toUnit = assigned('2026-12-10', unit);
    // Act
    const assign = workDelta(registered, toPerson);
    const reassign = workDelta(toPerson, toUnit);
    const progress = workDelta(toPerson, { ...toPerson, status: 'processing', version: 3 });
    const created = workDelta(undefined, registered);
    // Assess
    expect(Object.fromEntries(assign)).toEqual({ agency: { 'to-assign': -1 }, 'person:cv-01': { assigned: 1 } });
    expect(Object.fromEntries(reassign)).toEqual({ 'person:cv-01': { assigned: -1 }, [`unit:${AGENCY}/P-TH`]: { assigned: 1 } });
    expect(progress.size).toBe(0);
    expect(Object.fromEntries(created)).toEqual({ agency: { 'to-assign': 1 } });
  });

  it("is the caller's through their agency, themselves and their units", () => {
    expect(ownersOf({ sub: 'cv-02', organId: AGENCY, roles: ['specialist'] }, ['P-TH'])).toEqual(['agency', 'person:cv-02', `unit:${AGENCY}/P-TH`]);
  });
});
