import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

const AGENCY = '000.00.91.H26';
const OTHER = '000.00.92.H26';
let api: TestApi;
let admin: string;
let clerk: string;
let leader: string;
let member: string;
let outsider: string;

interface Item {
  id: string;
  kind: string;
  documentId: string;
  subject: string;
  text: string;
  read: boolean;
  source: string;
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token({ sub: 'pn-admin', organId: AGENCY, roles: ['admin'] });
  const unit = await api.request('PUT', `/agencies/${AGENCY}/units/P-KT`, { token: admin, body: { name: '[MẪU] Phòng Kế toán', kind: 'phong' } });
  expect(unit.status).toBe(200);
  clerk = await api.token({ sub: 'pn-clerk', organId: AGENCY, roles: ['clerk'], units: ['VP'], email: 'pn-clerk@example.invalid' });
  leader = await api.token({ sub: 'pn-leader', organId: AGENCY, roles: ['leader'], name: 'Nguyễn Văn Lãnh Đạo', units: ['VP'], email: 'pn-leader@example.invalid' });
  member = await api.token({ sub: 'pn-member', organId: AGENCY, roles: ['specialist'], name: 'Trần Thị Kế Toán', units: ['P-KT'], email: 'pn-member@example.invalid' });
  outsider = await api.token({ sub: 'pn-outsider', organId: OTHER, roles: ['specialist'], units: [] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function inbox(token: string, query = ''): Promise<Item[]> {
  const response = await api.request('GET', `/notifications${query}`, { token });
  expect(response.status).toBe(200);
  return response.body.items as Item[];
}

async function mail(): Promise<{ subject: string; text: string; to: { address?: string }; documentId: string }[]> {
  const text = await readFile(path.join(api.runtime.outboxDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('the people directory', () => {
  it('lists the units of the agency and finds users by unit, role and words without diacritics', async () => {
    // Act
    const units = await api.request('GET', `/agencies/${AGENCY}/units`, { token: member });
    const byUnit = await api.request('GET', '/users?unit=P-KT', { token: clerk });
    const byWords = await api.request('GET', '/users?q=tran%20thi%20ke', { token: clerk });
    const byRole = await api.request('GET', '/users?role=leader', { token: clerk });

    // Assess
    expect(units.body.items.map((u: { unitId: string }) => u.unitId)).toEqual(expect.arrayContaining(['P-KT', 'VP', 'P-TH']));
    expect(byUnit.body.items.map((p: { sub: string }) => p.sub)).toEqual(['pn-member']);
    expect(byWords.body.items.map((p: { sub: string }) => p.sub)).toEqual(['pn-member']);
    expect(byRole.body.items.map((p: { sub: string }) => p.sub)).toContain('pn-leader');
    expect(byRole.body.items.map((p: { sub: string }) => p.sub)).not.toContain('pn-member');
  });

  it('never shows another agency its directory, and lets only admins change it', async () => {
    // Act
    const otherUnits = await api.request('GET', `/agencies/${AGENCY}/units`, { token: outsider });
    const otherUsers = await api.request('GET', '/users?q=tran', { token: outsider });
    const byClerk = await api.request('PUT', `/agencies/${AGENCY}/units/P-X`, { token: clerk, body: { name: 'X', kind: 'phong' } });
    const badUnit = await api.request('PUT', '/users/pn-new', { token: admin, body: { name: 'Mới', roles: ['specialist'], units: ['KHONG-CO'] } });

    // Assess
    expect(otherUnits.status).toBe(404);
    expect(otherUsers.body.items.map((p: { sub: string }) => p.sub)).not.toContain('pn-member');
    expect(byClerk.status).toBe(403);
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.errors).toEqual([{ path: 'body.units.0', message: expect.stringContaining('KHONG-CO') }]);
    expect((await api.request('GET', '/users/pn-new', { token: admin })).status).toBe(404);
  });
});

describe('the units of an agency', () => {
  it('refuses a unit under one of its own units (400 on the field), and changes nothing', async () => {
    // Prepare: a Phòng and a Tổ under it
    const parent = await api.request('PUT', `/agencies/${AGENCY}/units/P-CHA`, { token: admin, body: { name: '[MẪU] Phòng cha', kind: 'phong' } });
    await api.request('PUT', `/agencies/${AGENCY}/units/T-CON`, { token: admin, body: { name: '[MẪU] Tổ con', kind: 'to', parentUnitId: 'P-CHA' } });

    // Act
    const cycle = await api.request('PUT', `/agencies/${AGENCY}/units/P-CHA`, { token: admin, body: { name: '[MẪU] Phòng cha', kind: 'phong', parentUnitId: 'T-CON' } });
    const stale = await api.request('PUT', `/agencies/${AGENCY}/units/P-CHA`, { token: admin, body: { name: 'Đổi tên', kind: 'phong', expectedVersion: 0 } });

    // Assess
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual([{ path: 'body.parentUnitId', message: expect.stringContaining('cấp dưới') }]);
    expect(stale.status).toBe(409);
    const units = await api.request('GET', `/agencies/${AGENCY}/units`, { token: admin });
    expect(units.body.items.find((u: { unitId: string }) => u.unitId === 'P-CHA')).toEqual(parent.body);
  });
});

describe('assignments from the directory, and notices when work arrives', () => {
  it('refuses an assignee outside the directory with the field path, and changes nothing', async () => {
    // Prepare
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '701' }) });
    const id = registered.body.id as string;

    // Act
    const stranger = await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: { lead: { kind: 'person', sub: 'pn-outsider' } } });
    const noUnit = await api.request('POST', `/documents/${id}/assignments`, {
      token: leader,
      body: { lead: { kind: 'person', sub: 'pn-member' }, coordinators: [{ kind: 'unit', unitId: 'P-NGOAI' }] },
    });

    // Assess
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([{ path: 'body.lead.sub', message: expect.stringContaining('không có trong danh bạ') }]);
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors).toEqual([{ path: 'body.coordinators.0.unitId', message: expect.stringContaining('P-NGOAI') }]);
    const after = await api.request('GET', `/documents/${id}`, { token: clerk });
    expect(after.body).toMatchObject({ status: 'registered', version: 1 });
  });

  it('assigns to a unit: its members are told in the app and by e-mail, may work on it, and mark it read', async () => {
    // Prepare
    const registered = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber: '702', subject: 'Về việc quyết toán kinh phí' }) });
    const id = registered.body.id as string;

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leader,
      // Its own agency may be named, in either notation; the name sent is not the one kept.
      body: { lead: { kind: 'unit', unitId: 'P-KT', organId: 'H26.91', name: 'ignored' }, dueInWorkingDays: 5 },
    });
    const notices = await eventually(
      () => inbox(member),
      (items) => items.some((item) => item.documentId === id),
    );

    // Assess
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignment.lead).toEqual({ kind: 'unit', organId: AGENCY, unitId: 'P-KT', name: '[MẪU] Phòng Kế toán', members: ['pn-member'] });
    expect(assigned.body.assigneeKeys).toEqual([`unit:${AGENCY}/P-KT`, 'member:pn-member']);
    const notice = notices.find((item) => item.documentId === id);
    expect(notice).toMatchObject({ source: 'notice', kind: 'assigned', read: false });
    expect(notice?.subject).toContain('Về việc quyết toán kinh phí');
    const mailed = await eventually(mail, (lines) => lines.some((line) => line.documentId === id));
    expect(mailed.filter((line) => line.documentId === id).map((line) => line.to.address)).toEqual(['pn-member@example.invalid']);
    expect((await api.request('POST', `/documents/${id}/progress`, { token: member, body: { note: 'Đang quyết toán' } })).status).toBe(200);
    expect((await inbox(leader)).some((item) => item.documentId === id && item.kind === 'assigned')).toBe(false);

    // Act: read
    const read = await api.request('POST', `/notifications/${notice?.id}/read`, { token: member });
    const stolen = await api.request('POST', `/notifications/${notice?.id}/read`, { token: outsider });

    // Assess
    expect(read.status).toBe(200);
    expect(stolen.status).toBe(404);
    expect((await inbox(member)).find((item) => item.id === notice?.id)?.read).toBe(true);
    expect((await inbox(member, '?unread=true')).some((item) => item.id === notice?.id)).toBe(false);
  });

  it('tells the clerks and leaders at once of a Hỏa tốc document, never its actor, and never a secret subject', async () => {
    // Act
    const registered = await api.request('POST', '/documents/incoming', {
      token: clerk,
      body: incomingBody({ codeNumber: '703', urgency: 'flash', secrecy: 'confidential', subject: 'Nội dung mật không được lộ' }),
    });
    const id = registered.body.id as string;
    const notices = await eventually(
      () => inbox(leader),
      (items) => items.some((item) => item.documentId === id),
    );

    // Assess
    const notice = notices.find((item) => item.documentId === id);
    expect(notice).toMatchObject({ kind: 'urgent-arrived' });
    expect(`${notice?.subject} ${notice?.text}`).not.toContain('Nội dung mật');
    expect(notice?.subject).toContain('Hỏa tốc');
    expect((await inbox(clerk)).some((item) => item.documentId === id)).toBe(false);
    const mailed = await eventually(mail, (lines) => lines.some((line) => line.documentId === id));
    expect(JSON.stringify(mailed.filter((line) => line.documentId === id))).not.toContain('Nội dung mật');
  });

  it('tells the leaders of a draft to approve and the drafter of a draft sent back', async () => {
    // Prepare
    const draft = await api.request('POST', '/documents/outgoing', {
      token: member,
      body: { typeName: 'Kế hoạch', subject: 'Về việc báo cáo quyết toán', recipients: [{ organId: OTHER, organName: '[MẪU] Sở Tài chính' }] },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;

    // Act
    await api.request('POST', `/documents/${id}/submit`, { token: member });
    const toApprove = await eventually(
      () => inbox(leader),
      (items) => items.some((item) => item.documentId === id),
    );
    await api.request('POST', `/documents/${id}/reject`, { token: leader, body: { reason: 'Bổ sung số liệu' } });
    const sentBack = await eventually(
      () => inbox(member),
      (items) => items.some((item) => item.documentId === id),
    );

    // Assess
    expect(toApprove.find((item) => item.documentId === id)?.kind).toBe('approval-requested');
    expect(sentBack.find((item) => item.documentId === id)).toMatchObject({ kind: 'draft-returned' });
    expect(sentBack.find((item) => item.documentId === id)?.text).toContain('Bổ sung số liệu');
  });
});
