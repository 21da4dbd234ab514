import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { rebuildWork } from '#app/work/my-work';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * An attacker's look at the people directory, the assignments checked against it, the notices and GET /work
 * (commit 0ae7dcc). Every test asserts the SAFE behaviour: a test fails while the hole it is about is open,
 * and passes once it is closed. Tests of defences that hold are kept too.
 */
const A = '000.00.91.H26';
const B = '000.00.92.H26';
/** A third sample agency, for the test that fills a directory. */
const C = '000.00.95.H26';
let api: TestApi;
let adminA: string;
let adminB: string;
let clerkA: string;
let leaderA: string;
let memberA: string;
let otherA: string;
let specialistB: string;

interface Item {
  id: string;
  kind: string;
  documentId: string;
  organId: string;
  subject: string;
  text: string;
  read: boolean;
  source: string;
}

interface Tile {
  bucket: string;
  owner: string;
  unitId?: string;
  count: number;
}

type Answer = { status: number; body: any; headers: Headers };

beforeAll(async () => {
  api = await startTestApi();
  adminA = await api.token({ sub: 'pa-admin-a', organId: A, roles: ['admin'] });
  adminB = await api.token({ sub: 'pa-admin-b', organId: B, roles: ['admin'] });
  clerkA = await api.token({ sub: 'pa-clerk-a', organId: A, roles: ['clerk'], units: ['VP'] });
  leaderA = await api.token({ sub: 'pa-leader-a', organId: A, roles: ['leader'], units: ['VP'] });
  memberA = await api.token({ sub: 'pa-member-a', organId: A, roles: ['specialist'], units: ['P-TH'], name: 'Phạm Thành Viên' });
  otherA = await api.token({ sub: 'pa-other-a', organId: A, roles: ['specialist'], units: [] });
  specialistB = await api.token({ sub: 'pa-specialist-b', organId: B, roles: ['specialist'], units: ['P-TH'] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function inbox(token: string, query = ''): Promise<Item[]> {
  const response = await api.request('GET', `/notifications${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as Item[];
}

async function register(codeNumber: string, overrides: Record<string, unknown> = {}, token = clerkA): Promise<string> {
  const response = await api.request('POST', '/documents/incoming', { token, body: incomingBody({ codeNumber, ...overrides }) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function work(token: string): Promise<Tile[]> {
  const response = await api.request('GET', '/work', { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.tiles as Tile[];
}

const count = (tiles: readonly Tile[], bucket: string, owner: string, unitId?: string) =>
  tiles.find((tile) => tile.bucket === bucket && tile.owner === owner && tile.unitId === unitId)?.count ?? 0;

async function mail(): Promise<{ subject: string; text: string; to: { address?: string }; documentId: string }[]> {
  const text = await readFile(path.join(api.runtime.outboxDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** A 4xx problem+json; when `field` is given, one of its errors names that path. */
function expectRefusal(response: Answer, status: number, field?: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  if (field !== undefined) expect((response.body.errors ?? []).map((e: { path: string }) => e.path)).toContain(field);
}

/** An inbox token as inbox-index.ts writes it: base64url JSON of the partitions and a position per partition. */
function inboxToken(partitions: readonly string[], positions: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ partitions, positions })).toString('base64url');
}

/** The inbox partitions of a caller with no unit and no clerk or leader role (inbox.ts, audiencesOf). */
const partitionsOf = (sub: string, organId: string) => [`NOTIFY#person:${sub}`, `NOTIFY#unit:${organId}`];

describe('the directory keeps to its agency and its admins', () => {
  it("refuses an agency admin writing or reading another agency's units, in either code notation", async () => {
    // Act
    const write102 = await api.request('PUT', `/agencies/${B}/units/P-XA`, { token: adminA, body: { name: 'Phòng lạ', kind: 'phong' } });
    const writeQd20 = await api.request('PUT', '/agencies/H26.92/units/P-XA', { token: adminA, body: { name: 'Phòng lạ', kind: 'phong' } });
    const read = await api.request('GET', '/agencies/H26.92/units', { token: adminA });
    const bUnits = await api.request('GET', `/agencies/${B}/units`, { token: adminB });

    // Assess
    expectRefusal(write102, 403);
    expectRefusal(writeQd20, 403);
    expectRefusal(read, 404);
    expect(bUnits.body.items.map((unit: { unitId: string }) => unit.unitId)).not.toContain('P-XA');
  });

  it("writes a person only into the admin's own agency: the same sub in another agency is untouched", async () => {
    // Prepare
    const before = await api.request('GET', '/users/pa-specialist-b', { token: adminB });

    // Act
    const written = await api.request('PUT', '/users/pa-specialist-b', { token: adminA, body: { name: 'Đổi tên', roles: ['leader'], units: ['VP'] } });
    const after = await api.request('GET', '/users/pa-specialist-b', { token: adminB });

    // Assess
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.organId).toBe(A);
    expect(after.body).toEqual(before.body);
    // Leave A's directory as it was for the other tests: the record is made inactive.
    await api.request('PUT', '/users/pa-specialist-b', { token: adminA, body: { name: 'Đổi tên', roles: ['leader'], units: [], active: false } });
  });

  it('lets only admins write the directory or list inactive people', async () => {
    // Act
    const byClerk = await api.request('PUT', '/users/pa-other-a', { token: clerkA, body: { name: 'x', roles: ['leader'] } });
    const byLeader = await api.request('PUT', `/agencies/${A}/units/P-LD`, { token: leaderA, body: { name: 'x', kind: 'phong' } });
    const inactive = await api.request('GET', '/users?includeInactive=true', { token: memberA });
    const anonymous = await api.request('GET', '/users');

    // Assess
    expectRefusal(byClerk, 403);
    expectRefusal(byLeader, 403);
    expectRefusal(inactive, 403);
    expectRefusal(anonymous, 401);
    expect((await api.request('GET', '/users/pa-other-a', { token: clerkA })).body.roles).toEqual(['specialist']);
  });

  it('does not show a non-admin an inactive person by sub, as GET /users does not', async () => {
    // Prepare
    const hidden = await api.request('PUT', '/users/pa-gone', { token: adminA, body: { name: 'Người Đã Nghỉ', roles: ['specialist'], units: ['P-TH'], active: false } });
    expect(hidden.status).toBe(200);

    // Act
    const listed = await api.request('GET', '/users?q=nguoi%20da%20nghi', { token: memberA });
    const bySub = await api.request('GET', '/users/pa-gone', { token: memberA });

    // Assess
    expect(listed.body.items).toEqual([]);
    expectRefusal(bySub, 404);
  });

  it('gives roles only in the directory: a specialist recorded as leader and clerk may not assign nor read the leaders’ inbox', async () => {
    // Prepare
    const promoted = await api.token({ sub: 'pa-promoted', organId: A, roles: ['specialist'], units: [] });
    const recorded = await api.request('PUT', '/users/pa-promoted', { token: adminA, body: { name: 'Tự Phong', roles: ['leader', 'clerk', 'city-admin'], units: [] } });
    expect(recorded.status).toBe(200);
    const id = await register('901', { urgency: 'flash', subject: 'Về việc khẩn chỉ lãnh đạo biết' });

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, { token: promoted, body: { lead: { kind: 'person', sub: 'pa-member-a' } } });
    const units = await api.request('PUT', `/agencies/${B}/units/P-XB`, { token: promoted, body: { name: 'x', kind: 'phong' } });
    await eventually(
      () => inbox(leaderA),
      (items) => items.some((item) => item.documentId === id),
    );

    // Assess
    expectRefusal(assigned, 403);
    expectRefusal(units, 403);
    expect((await inbox(promoted)).some((item) => item.documentId === id)).toBe(false);
  });
});

describe('the directory’s inputs: q, page tokens, {sub}, unit ids', () => {
  it('pages through GET /users with the nextToken it gave', async () => {
    // Prepare
    const first = await api.request('GET', '/users?limit=1', { token: clerkA });
    expect(first.status).toBe(200);
    expect(first.body.nextToken).toEqual(expect.any(String));

    // Act
    const second = await api.request('GET', `/users?limit=1&nextToken=${encodeURIComponent(first.body.nextToken)}`, { token: clerkA });

    // Assess
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].sub).not.toBe(first.body.items[0].sub);
  });

  it("refuses a forged directory token, or one of another agency's list, with the field path", async () => {
    // Prepare
    const forged = `v1.${Buffer.from(JSON.stringify({ after: '' })).toString('base64url')}.${'A'.repeat(43)}`;
    const ofB = await api.request('GET', '/users?limit=1', { token: specialistB });

    // Act
    const refusedForged = await api.request('GET', `/users?nextToken=${encodeURIComponent(forged)}`, { token: clerkA });
    const refusedGarbage = await api.request('GET', '/users?nextToken=%E2%80%A6not-a-token', { token: clerkA });
    const refusedMoved = await api.request('GET', `/users?limit=1&nextToken=${encodeURIComponent(ofB.body.nextToken ?? 'x')}`, { token: clerkA });

    // Assess
    expectRefusal(refusedForged, 400, 'query.nextToken');
    expectRefusal(refusedGarbage, 400, 'query.nextToken');
    expectRefusal(refusedMoved, 400, 'query.nextToken');
  });

  it('treats q as plain words (no pattern), refuses one too long, and never answers 5xx', async () => {
    // Act
    const pattern = await api.request('GET', `/users?q=${encodeURIComponent('.* % _ [a-z] \\ $ ( ) " \' ;--')}`, { token: clerkA });
    const everything = await api.request('GET', `/users?q=${encodeURIComponent('.*')}`, { token: clerkA });
    const tooLong = await api.request('GET', `/users?q=${'a'.repeat(201)}`, { token: clerkA });
    const twoUnits = await api.request('GET', '/users?unit=VP&unit=P-TH', { token: clerkA });
    const badRole = await api.request('GET', '/users?role=root', { token: clerkA });
    const badLimit = await api.request('GET', '/users?limit=0', { token: clerkA });
    const found = await api.request('GET', `/users?q=${encodeURIComponent('  PHAM   thanh ')}`, { token: clerkA });

    // Assess
    expect(pattern.status).toBe(200);
    expect(pattern.body.items).toEqual([]);
    expect(everything.body.items).toEqual([]);
    expectRefusal(tooLong, 400, 'query.q');
    expectRefusal(twoUnits, 400, 'query.unit');
    expectRefusal(badRole, 400, 'query.role');
    expectRefusal(badLimit, 400, 'query.limit');
    expect(found.body.items.map((p: { sub: string }) => p.sub)).toEqual(['pa-member-a']);
  });

  it('reads `me` (however it is encoded) as the caller, never writes it, and answers odd subs with 4xx', async () => {
    // Act
    const me = await api.request('GET', '/users/me', { token: memberA });
    const encodedMe = await api.request('GET', '/users/%6De', { token: memberA });
    const writeMe = await api.request('PUT', '/users/%6De', { token: adminA, body: { name: 'Tôi', roles: ['admin'] } });
    const afterWrite = await api.request('GET', '/users/me', { token: memberA });
    const traversal = await api.request('GET', '/users/..%2F..%2Fagencies', { token: memberA });
    const control = await api.request('GET', '/users/%00%0A', { token: memberA });
    const tooLong = await api.request('GET', `/users/${'x'.repeat(129)}`, { token: memberA });
    const malformed = await api.request('GET', '/users/%E0%A4%A', { token: memberA });

    // Assess
    expect(me.body).toMatchObject({ sub: 'pa-member-a', organId: A });
    expect(encodedMe.body).toMatchObject({ sub: 'pa-member-a' });
    expectRefusal(writeMe, 400);
    expect(afterWrite.body).toEqual(me.body);
    expectRefusal(traversal, 404);
    expectRefusal(control, 404);
    expectRefusal(tooLong, 400);
    expect(malformed.status).toBe(400);
  });

  it('refuses bad unit ids, a unit that is its own parent, an unknown parent and a head from elsewhere', async () => {
    // Act
    const lower = await api.request('PUT', `/agencies/${A}/units/vp`, { token: adminA, body: { name: 'x', kind: 'phong' } });
    const dashes = await api.request('PUT', `/agencies/${A}/units/-X-`, { token: adminA, body: { name: 'x', kind: 'phong' } });
    const self = await api.request('PUT', `/agencies/${A}/units/P-SELF`, { token: adminA, body: { name: 'x', kind: 'phong', parentUnitId: 'P-SELF' } });
    const noParent = await api.request('PUT', `/agencies/${A}/units/P-ORPHAN`, { token: adminA, body: { name: 'x', kind: 'phong', parentUnitId: 'KHONG-CO' } });
    const foreignHead = await api.request('PUT', `/agencies/${A}/units/P-HEAD`, { token: adminA, body: { name: 'x', kind: 'phong', headSub: 'pa-admin-b' } });
    const badAgency = await api.request('PUT', '/agencies/not-an-agency/units/VP', { token: adminA, body: { name: 'x', kind: 'phong' } });
    await api.request('PUT', `/agencies/${A}/units/P-SHUT`, { token: adminA, body: { name: 'Phòng đã đóng', kind: 'phong', active: false } });
    const intoClosed = await api.request('PUT', '/users/pa-closed', { token: adminA, body: { name: 'x', roles: ['specialist'], units: ['P-SHUT'] } });
    const repeated = await api.request('PUT', '/users/pa-twice', { token: adminA, body: { name: 'x', roles: ['specialist'], units: ['VP', 'VP'] } });
    const extra = await api.request('PUT', '/users/pa-extra', { token: adminA, body: { name: 'x', roles: ['specialist'], organId: B } });

    // Assess
    expectRefusal(lower, 400, 'path.unitId');
    expectRefusal(dashes, 400, 'path.unitId');
    expectRefusal(self, 400, 'body.parentUnitId');
    expectRefusal(noParent, 400, 'body.parentUnitId');
    expectRefusal(foreignHead, 400, 'body.headSub');
    expectRefusal(badAgency, 400);
    expectRefusal(intoClosed, 400, 'body.units.0');
    expectRefusal(repeated, 400, 'body.units');
    expectRefusal(extra, 400);
  });

  it('names a refused path parameter `path.<name>`, as every other route does', async () => {
    // Prepare: how the routes name a path parameter they refuse
    const convention = await api.request('GET', `/users/${'x'.repeat(129)}`, { token: memberA });
    expectRefusal(convention, 400, 'path.sub');

    // Act
    const writeMe = await api.request('PUT', '/users/me', { token: adminA, body: { name: 'Tôi', roles: ['admin'] } });
    const badAgency = await api.request('GET', '/agencies/not-an-agency/units', { token: adminA });

    // Assess
    expectRefusal(writeMe, 400, 'path.sub');
    expectRefusal(badAgency, 400, 'path.organId');
  });
});

describe('assignments stay inside the agency and its active directory', () => {
  it('refuses an inactive person, an inactive unit and a unit named with another agency', async () => {
    // Prepare
    await api.request('PUT', '/users/pa-retired', { token: adminA, body: { name: 'Đã Nghỉ Hưu', roles: ['specialist'], units: [], active: false } });
    await api.request('PUT', `/agencies/${A}/units/P-CLOSED`, { token: adminA, body: { name: 'Phòng đã giải thể', kind: 'phong', active: false } });
    const id = await register('911');

    // Act
    const person = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'person', sub: 'pa-retired' } } });
    const unit = await api.request('POST', `/documents/${id}/assignments`, {
      token: leaderA,
      body: { lead: { kind: 'person', sub: 'pa-member-a' }, forInformation: [{ kind: 'unit', unitId: 'P-CLOSED' }] },
    });
    const foreignUnit = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'VP', organId: B } } });
    const foreignPerson = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'person', sub: 'pa-admin-b' } } });

    // Assess
    expectRefusal(person, 400, 'body.lead.sub');
    expectRefusal(unit, 400, 'body.forInformation.0.unitId');
    expectRefusal(foreignUnit, 400, 'body.lead.organId');
    expectRefusal(foreignPerson, 400, 'body.lead.sub');
    expect((await api.request('GET', `/documents/${id}`, { token: clerkA })).body).toMatchObject({ status: 'registered', version: 1 });
  });

  it("never lists an inactive member among a unit's members, so they gain no need-to-know", async () => {
    // Prepare
    await api.request('PUT', `/agencies/${A}/units/P-MIX`, { token: adminA, body: { name: 'Phòng hỗn hợp', kind: 'phong' } });
    const active = await api.token({ sub: 'pa-mix-active', organId: A, roles: ['specialist'], units: ['P-MIX'] });
    const gone = await api.token({ sub: 'pa-mix-gone', organId: A, roles: ['specialist'], units: ['P-MIX'] });
    await api.request('PUT', '/users/pa-mix-gone', { token: adminA, body: { name: 'pa-mix-gone', roles: ['specialist'], units: ['P-MIX'], active: false } });
    const id = await register('912', { secrecy: 'confidential', subject: 'Trích yếu mật của phòng hỗn hợp' });

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'P-MIX' } } });

    // Assess
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.assignment.lead.members).toEqual(['pa-mix-active']);
    expect((await api.request('GET', `/documents/${id}`, { token: active })).status).toBe(200);
    expectRefusal(await api.request('GET', `/documents/${id}`, { token: gone }), 404);
  });

  it('does not let an assignment in one agency reach a user of another agency (inbox, read state)', async () => {
    // Prepare: a user of B whose sub agency A's directory still holds (moved from A to B, or recorded by A's admin)
    const moved = await api.token({ sub: 'pa-moved', organId: B, roles: ['specialist'], units: ['P-TH'] });
    const stale = await api.request('PUT', '/users/pa-moved', { token: adminA, body: { name: 'Đã Chuyển Công Tác', roles: ['specialist'], units: [] } });
    expect(stale.status).toBe(200);
    const id = await register('913', { subject: 'Về việc nội bộ của Sở Nội vụ, không gửi Sở Tài chính' });

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leaderA,
      body: { lead: { kind: 'person', sub: 'pa-moved' }, coordinators: [{ kind: 'person', sub: 'pa-other-a' }] },
    });
    // The coordinators' notice is delivered after the lead's (one FIFO group per document): once it is in, so is the lead's.
    await eventually(
      () => inbox(otherA),
      (items) => items.some((item) => item.documentId === id),
    );
    const seenInB = (await inbox(moved)).filter((item) => item.documentId === id);
    const leadNotice = await eventually(
      async () => (await api.runtime.inFunction('notification-sender', () => dependencies().notices.inbox({ audiences: ['person:pa-moved'], limit: 50 }))).items,
      (items) => items.some((item) => item.source === 'notice' && item.notice.documentId === id),
      3000,
    );
    const noticeId = leadNotice.find((item) => item.source === 'notice' && item.notice.documentId === id);
    const markedFromB = noticeId?.source === 'notice' ? await api.request('POST', `/notifications/${noticeId.notice.id}/read`, { token: moved }) : { status: 404 };

    // Assess: either A may not assign to them, or nothing of A reaches them while they work for B
    expect(assigned.status === 200 || assigned.status === 400).toBe(true);
    expect(seenInB.map((item) => `${item.organId}: ${item.subject}`)).toEqual([]);
    expect(markedFromB.status).toBe(404);
    expect(count(await work(moved), 'assigned', 'me')).toBe(0);
  });

  it('answers an assignment to units with many members with a 4xx or a success, never a 5xx', async () => {
    // Prepare: agency C's directory, 10 units and 300 people in all of them (sub up to 128 characters, as allowed)
    const adminC = await api.token({ sub: 'pa-admin-c', organId: C, roles: ['admin'] });
    const clerkC = await api.token({ sub: 'pa-clerk-c', organId: C, roles: ['clerk'] });
    const leaderC = await api.token({ sub: 'pa-leader-c', organId: C, roles: ['leader'] });
    const unitIds = Array.from({ length: 10 }, (_, i) => `P-BIG${i}`);
    for (const unitId of unitIds) {
      expect((await api.request('PUT', `/agencies/${C}/units/${unitId}`, { token: adminC, body: { name: `Phòng ${unitId}`, kind: 'phong' } })).status).toBe(200);
    }
    for (let start = 0; start < 300; start += 20) {
      const batch = Array.from({ length: 20 }, (_, i) => `pa-big-${String(start + i).padStart(4, '0')}-${'x'.repeat(110)}`);
      const saved = await Promise.all(
        batch.map((sub) => api.request('PUT', `/users/${sub}`, { token: adminC, body: { name: sub.slice(0, 12), roles: ['specialist'], units: unitIds } })),
      );
      expect(saved.map((response) => response.status)).toEqual(batch.map(() => 200));
    }
    const id = await register('914', {}, clerkC);
    const [lead, ...coordinators] = unitIds.map((unitId) => ({ kind: 'unit', unitId }));

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, { token: leaderC, body: { lead, coordinators } });

    // Assess
    expect(assigned.status, JSON.stringify(assigned.body).slice(0, 300)).toBeLessThan(500);
    if (assigned.status >= 400) expect(assigned.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('need-to-know for secret documents', () => {
  it('keeps the trích yếu of a secret document assigned to a unit out of every notice and e-mail', async () => {
    // Prepare
    await api.request('PUT', '/users/pa-member-a', {
      token: adminA,
      body: { name: 'Phạm Thành Viên', roles: ['specialist'], units: ['P-TH'], email: 'pa-member-a@example.invalid' },
    });
    const id = await register('921', { secrecy: 'secret', subject: 'Kế hoạch tuyệt đối không được lộ' });

    // Act
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leaderA,
      body: { lead: { kind: 'unit', unitId: 'P-TH' }, note: 'Đề nghị phòng xử lý ngay' },
    });
    const notices = await eventually(
      () => inbox(memberA),
      (items) => items.some((item) => item.documentId === id),
    );
    const mailed = await eventually(mail, (lines) => lines.some((line) => line.documentId === id));

    // Assess
    expect(assigned.status).toBe(200);
    expect(JSON.stringify(notices.filter((item) => item.documentId === id))).not.toContain('tuyệt đối không được lộ');
    expect(JSON.stringify(mailed.filter((line) => line.documentId === id))).not.toContain('tuyệt đối không được lộ');
    expect((await api.request('GET', `/documents/${id}`, { token: memberA })).body.subject).toBe('Kế hoạch tuyệt đối không được lộ');
    expectRefusal(await api.request('GET', `/documents/${id}`, { token: otherA }), 404);
  });

  it('does not let someone who joins the unit after the assignment read the secret document', async () => {
    // Prepare
    await api.request('PUT', `/agencies/${A}/units/P-LATE`, { token: adminA, body: { name: 'Phòng đến sau', kind: 'phong' } });
    await api.token({ sub: 'pa-late-first', organId: A, roles: ['specialist'], units: ['P-LATE'] });
    const id = await register('922', { secrecy: 'confidential', subject: 'Trích yếu mật phòng đến sau' });
    expect((await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'P-LATE' } } })).status).toBe(200);

    // Act
    const late = await api.token({ sub: 'pa-late-joiner', organId: A, roles: ['specialist'], units: ['P-LATE'] });
    const read = await api.request('GET', `/documents/${id}`, { token: late });
    const listed = await api.request('GET', '/documents?direction=incoming&limit=100', { token: late });

    // Assess
    expectRefusal(read, 404);
    expect(listed.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('does not tell someone who joins the unit later that the secret document exists (its notice stays with the members)', async () => {
    // Prepare
    await api.request('PUT', `/agencies/${A}/units/P-KIN`, { token: adminA, body: { name: 'Phòng cơ yếu', kind: 'phong' } });
    const first = await api.token({ sub: 'pa-kin-first', organId: A, roles: ['specialist'], units: ['P-KIN'] });
    const id = await register('924', { secrecy: 'confidential', subject: 'Trích yếu mật phòng cơ yếu' });
    const assigned = await api.request('POST', `/documents/${id}/assignments`, {
      token: leaderA,
      body: { lead: { kind: 'unit', unitId: 'P-KIN' }, note: 'Chuẩn bị phương án di dời kho' },
    });
    expect(assigned.status).toBe(200);
    await eventually(
      () => inbox(first),
      (items) => items.some((item) => item.documentId === id),
    );

    // Act
    const late = await api.token({ sub: 'pa-kin-late', organId: A, roles: ['specialist'], units: ['P-KIN'] });
    const seen = (await inbox(late)).filter((item) => item.documentId === id);

    // Assess
    expectRefusal(await api.request('GET', `/documents/${id}`, { token: late }), 404);
    expect(seen.map((item) => `${item.subject} | ${item.text}`)).toEqual([]);
  });

  it("does not let an agency admin put themselves into a unit's need-to-know and read a secret document", async () => {
    // Prepare: the admin (not a clerk, a leader nor a specialist) records themselves in a unit of the agency
    await api.request('PUT', `/agencies/${A}/units/P-SEC`, { token: adminA, body: { name: 'Phòng Bảo vệ bí mật', kind: 'phong' } });
    await api.token({ sub: 'pa-sec-officer', organId: A, roles: ['specialist'], units: ['P-SEC'] });
    const joined = await api.request('PUT', '/users/pa-admin-a', { token: adminA, body: { name: 'pa-admin-a', roles: ['admin'], units: ['P-SEC'] } });
    expect(joined.status).toBe(200);
    const id = await register('923', { secrecy: 'top-secret', subject: 'Phương án tối mật' });

    // Act: a leader assigns the document to the unit, as they would
    const assigned = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'P-SEC' } } });
    const read = await api.request('GET', `/documents/${id}`, { token: adminA });

    // Assess
    expect(assigned.status).toBe(200);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain('Phương án tối mật');
  });
});

describe('the inbox', () => {
  it("cannot mark someone else's notice read, and one reader's read leaves the others' unread", async () => {
    // Prepare
    const second = await api.token({ sub: 'pa-member-a2', organId: A, roles: ['specialist'], units: ['P-TH'] });
    const id = await register('931', { subject: 'Về việc phối hợp phòng tổng hợp' });
    await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'P-TH' } } });
    const items = await eventually(
      () => inbox(memberA),
      (list) => list.some((item) => item.documentId === id),
    );
    const notice = items.find((item) => item.documentId === id) as Item;

    // Act
    const byOutsider = await api.request('POST', `/notifications/${notice.id}/read`, { token: otherA });
    const byOtherAgency = await api.request('POST', `/notifications/${notice.id}/read`, { token: specialistB });
    const byMember = await api.request('POST', `/notifications/${notice.id}/read`, { token: memberA });

    // Assess
    expectRefusal(byOutsider, 404);
    expectRefusal(byOtherAgency, 404);
    expect(byMember.status).toBe(200);
    expect((await inbox(second, '?unread=true')).some((item) => item.id === notice.id)).toBe(true);
    expect((await inbox(memberA, '?unread=true')).some((item) => item.id === notice.id)).toBe(false);
  });

  it("refuses an inbox token made for someone else's inboxes", async () => {
    // Prepare
    const theirs = inboxToken(['NOTIFY#person:pa-member-a', `NOTIFY#unit:${A}/P-TH`, `NOTIFY#unit:${A}`], ['done', null, null]);
    const reshaped = inboxToken(partitionsOf('pa-other-a', A), [{ pk: 'ORG#x', sk: 'TO#x', gsi1sk: 'z' }, null]);

    // Act
    const stolen = await api.request('GET', `/notifications?nextToken=${theirs}`, { token: otherA });
    const badKey = await api.request('GET', `/notifications?nextToken=${reshaped}`, { token: otherA });
    const garbage = await api.request('GET', '/notifications?nextToken=%7B%7D', { token: otherA });

    // Assess
    expectRefusal(stolen, 400, 'query.nextToken');
    expectRefusal(badKey, 400, 'query.nextToken');
    expectRefusal(garbage, 400, 'query.nextToken');
  });

  it('answers a forged inbox token whose position is empty with a 4xx naming query.nextToken, never a 5xx', async () => {
    // Prepare: the caller's own partitions, so only the position is forged
    const token = inboxToken(partitionsOf('pa-other-a', A), [{ pk: 'DOC#x', sk: 'REMINDER#y', gsi1sk: '' }, 'done']);

    // Act
    const response = await api.request('GET', `/notifications?nextToken=${token}`, { token: otherA });

    // Assess
    expectRefusal(response, 400, 'query.nextToken');
  });

  it('answers odd notice ids with 404, never a 5xx', async () => {
    // Act
    const answers = await Promise.all(
      ['#', 'a#', '#a', '%25', 'NOTICE#x', `${'A'.repeat(26)}#../../x`].map((id) => api.request('POST', `/notifications/${encodeURIComponent(id)}/read`, { token: otherA })),
    );
    // Longer than a DynamoDB key holds: in characters, or in bytes (three a letter), refused before any read.
    const tooLong = await Promise.all(
      ['a'.repeat(701), `X#${'ệ'.repeat(690)}`, 'ệ'.repeat(700)].map((id) => api.request('POST', `/notifications/${encodeURIComponent(id)}/read`, { token: otherA })),
    );

    // Assess
    for (const answer of answers) expectRefusal(answer, 404);
    for (const answer of tooLong) expectRefusal(answer, 400, 'path.id');
  });
});

describe('GET /work', () => {
  it('keeps the counters right when two leaders assign the same document at once, and after a refused assignment', async () => {
    // Prepare
    const secondLeader = await api.token({ sub: 'pa-leader-a2', organId: A, roles: ['leader'] });
    const id = await register('941');
    const refused = await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'person', sub: 'pa-nobody' } } });
    expectRefusal(refused, 400, 'body.lead.sub');

    // Act
    const [first, second] = await Promise.all([
      api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'person', sub: 'pa-member-a' } } }),
      api.request('POST', `/documents/${id}/assignments`, { token: secondLeader, body: { lead: { kind: 'person', sub: 'pa-other-a' } } }),
    ]);
    const live = await Promise.all([memberA, otherA, leaderA].map(work));
    await api.runtime.inFunction('my-work', () => rebuildWork(dependencies(), A));
    const rebuilt = await Promise.all([memberA, otherA, leaderA].map(work));

    // Assess
    expect([first.status, second.status].sort()).toEqual(expect.arrayContaining([200]));
    expect([first.status, second.status].every((status) => status === 200 || status === 409)).toBe(true);
    expect(rebuilt).toEqual(live);
    for (const tiles of live) for (const tile of tiles) expect(tile.count).toBeGreaterThanOrEqual(0);
  });

  it("counts only the caller's agency: B's user with the same unit id sees nothing of A's unit", async () => {
    // Prepare
    const id = await register('942');
    const before = count(await work(specialistB), 'assigned', 'unit', 'P-TH');

    // Act
    await api.request('POST', `/documents/${id}/assignments`, { token: leaderA, body: { lead: { kind: 'unit', unitId: 'P-TH' } } });
    const after = count(await work(specialistB), 'assigned', 'unit', 'P-TH');

    // Assess
    expect(count(await work(memberA), 'assigned', 'unit', 'P-TH')).toBeGreaterThan(0);
    expect(after).toBe(before);
  });
});
