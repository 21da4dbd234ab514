import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const AGENCY = '000.00.91.H26';
let api: TestApi;
let clerk: string;
let leader: string;
let specialist: string;
let otherSpecialist: string;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'clerk', organId: AGENCY, roles: ['clerk'] });
  leader = await api.token({ sub: 'leader', organId: AGENCY, roles: ['leader'], name: 'Nguyễn Văn Lãnh Đạo' });
  specialist = await api.token({ sub: 'spec', organId: AGENCY, roles: ['specialist'] });
  otherSpecialist = await api.token({ sub: 'spec-2', organId: AGENCY, roles: ['specialist'] });
  admin = await api.token({ sub: 'admin', organId: AGENCY, roles: ['admin'] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function registered(codeNumber: string): Promise<string> {
  const response = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber }) });
  return response.body.id as string;
}

describe('incoming routing', () => {
  it('assigns, takes progress notes from the assignee and completes, with the history of every step', async () => {
    const id = await registered('301');
    const assignment = {
      lead: { kind: 'person', sub: 'spec', name: 'Chuyên viên' },
      coordinators: [{ kind: 'unit', unitId: 'P-TH' }],
      dueDate: '2099-01-15',
      note: 'Đề nghị xử lý',
    };
    const assigned = await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: assignment });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      assignment: { lead: { sub: 'spec' }, assignedBy: { sub: 'leader' } },
      // The sample Phòng Tổng hợp's member (infra/local/sample-data.ts) is among the people it concerns.
      assigneeKeys: ['person:spec', `unit:${AGENCY}/P-TH`, 'member:sample-specialist-1'],
    });
    const progress = await api.request('POST', `/documents/${id}/progress`, { token: specialist, body: { note: 'Đang tổng hợp ý kiến' } });
    expect(progress.body).toMatchObject({ status: 'processing', progress: { count: 1, lastNote: 'Đang tổng hợp ý kiến' } });
    const done = await api.request('POST', `/documents/${id}/complete`, { token: specialist, body: { note: 'Đã trả lời' } });
    expect(done.body).toMatchObject({ status: 'finished', completion: { by: { sub: 'spec' }, note: 'Đã trả lời' } });
    const history = await api.request('GET', `/documents/${id}/history`, { token: clerk });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['registered', 'assigned', 'progress', 'completed']);
    expect(history.body.items[1]).toMatchObject({ sequence: 2, actor: { sub: 'leader', roles: ['leader'] }, before: { status: 'registered' }, after: { status: 'assigned' } });
  });

  it('lists documents by assignee', async () => {
    const id = await registered('302');
    await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: { lead: { kind: 'person', sub: 'spec-2', name: 'B' } } });
    const mine = await api.request('GET', '/documents?direction=incoming&assignee=person:spec-2', { token: otherSpecialist });
    expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  it('refuses an illegal transition with 409 naming the allowed actions, and changes nothing', async () => {
    const id = await registered('303');
    const early = await api.request('POST', `/documents/${id}/complete`, { token: leader, body: {} });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: expect.stringContaining('illegal-transition'), status: 409, documentStatus: 'registered', allowed: ['assign', 'return'] });
    const returned = await api.request('POST', `/documents/${id}/return`, { token: clerk, body: { reason: 'Gửi nhầm cơ quan' } });
    expect(returned.body).toMatchObject({ status: 'returned', returned: { reason: 'Gửi nhầm cơ quan' } });
    const afterReturn = await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: { lead: { kind: 'person', sub: 'spec', name: 'A' } } });
    expect(afterReturn.status).toBe(409);
    expect(afterReturn.body.allowed).toEqual([]);
    expect((await api.request('GET', `/documents/${id}/history`, { token: clerk })).body.items).toHaveLength(2);
  });

  it('keeps routing to its roles and assignees (403), and validates the body (400)', async () => {
    const id = await registered('304');
    expect((await api.request('POST', `/documents/${id}/assignments`, { token: clerk, body: { lead: { kind: 'person', sub: 'spec', name: 'A' } } })).status).toBe(403);
    expect((await api.request('POST', `/documents/${id}/return`, { token: leader, body: { reason: 'x' } })).status).toBe(403);
    const bad = await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: { lead: { kind: 'robot' }, dueDate: '2000-01-01' } });
    expect(bad.status).toBe(400);
    await api.request('POST', `/documents/${id}/assignments`, { token: leader, body: { lead: { kind: 'person', sub: 'spec', name: 'A' } } });
    expect((await api.request('POST', `/documents/${id}/progress`, { token: otherSpecialist, body: { note: 'not mine' } })).status).toBe(403);
    expect((await api.request('POST', `/documents/${id}/return`, { token: clerk, body: { reason: '' } })).body.errors[0].path).toBe('body.reason');
  });

  it("refuses another agency's document on every routing step (404)", async () => {
    const id = await registered('305');
    const stranger = await api.token({ sub: 'x', organId: '000.00.92.H26', roles: ['clerk', 'leader', 'specialist'] });
    for (const [path, body] of [
      ['return', { reason: 'x' }],
      ['assignments', { lead: { kind: 'person', sub: 'x', name: 'x' } }],
      ['progress', { note: 'x' }],
      ['complete', {}],
      ['submit', undefined],
      ['approve', undefined],
      ['issue', undefined],
    ] as const) {
      expect((await api.request('POST', `/documents/${id}/${path}`, { token: stranger, ...(body === undefined ? {} : { body }) })).status, path).toBe(404);
    }
  });
});

describe('outgoing workflow and numbering', () => {
  const draft = (overrides: Record<string, unknown> = {}) => ({
    typeName: 'Quyết định',
    subject: 'Về việc ban hành quy chế làm việc',
    recipients: [{ organId: '000.00.92.H26', organName: '[MẪU] Sở Tài chính' }],
    places: ['Như trên', 'Lưu: VT'],
    ...overrides,
  });

  async function throughApproval(body: Record<string, unknown>): Promise<string> {
    const created = await api.request('POST', '/documents/outgoing', { token: specialist, body });
    expect(created.status).toBe(201);
    expect((await api.request('POST', `/documents/${created.body.id}/submit`, { token: specialist })).body.status).toBe('submitted');
    expect((await api.request('POST', `/documents/${created.body.id}/approve`, { token: leader })).body.status).toBe('approved');
    return created.body.id as string;
  }

  it('issues with number and notation by Nghị định 30: 01/QĐ-UBND, then 01/UBND-VX in its own register', async () => {
    await api.request('PUT', `/agencies/${AGENCY}/numbering`, {
      token: admin,
      body: {
        issuerAbbreviation: 'UBND',
        registers: [
          { id: 'decisions', name: 'Sổ quyết định', typeNames: ['Quyết định'] },
          { id: 'general', name: 'Sổ văn bản khác', typeNames: ['*'] },
        ],
      },
    });
    const decision = await throughApproval(draft());
    const issued = await api.request('POST', `/documents/${decision}/issue`, { token: clerk });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      status: 'issued',
      signer: { fullName: 'Nguyễn Văn Lãnh Đạo' },
      issue: { number: 1, codeNumber: '01', codeNotation: 'QĐ-UBND', registerId: 'decisions', series: 'administrative' },
    });
    const letter = await throughApproval(draft({ typeName: 'Công văn', draftingUnitAbbreviation: 'VX' }));
    expect((await api.request('POST', `/documents/${letter}/issue`, { token: clerk })).body.issue).toMatchObject({
      codeNumber: '01',
      codeNotation: 'UBND-VX',
      registerId: 'general',
    });
    expect((await api.request('POST', `/documents/${letter}/issue`, { token: clerk })).status).toBe(409);
  });

  it('numbers secret documents in their own series', async () => {
    const secret = await throughApproval(draft({ secrecy: 'confidential', subject: 'Tài liệu mật' }));
    expect((await api.request('POST', `/documents/${secret}/issue`, { token: clerk })).body.issue).toMatchObject({ registerId: 'secret', series: 'secret', number: 1 });
  });

  it('sends a submitted document back to draft with a reason, and refuses issuing a draft', async () => {
    const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: draft() });
    const id = created.body.id as string;
    expect((await api.request('POST', `/documents/${id}/issue`, { token: clerk })).body).toMatchObject({ status: 409, documentStatus: 'draft', allowed: ['edit', 'submit'] });
    await api.request('POST', `/documents/${id}/submit`, { token: specialist });
    const back = await api.request('POST', `/documents/${id}/reject`, { token: leader, body: { reason: 'Sửa trích yếu' } });
    expect(back.body).toMatchObject({ status: 'draft', sentBack: { reason: 'Sửa trích yếu' } });
    expect((await api.request('POST', `/documents/${id}/approve`, { token: specialist })).status).toBe(403);
  });

  it('replays a write with the same Idempotency-Key: one draft, one number', async () => {
    const headers = { 'idempotency-key': 'draft-key-0001' };
    const first = await api.request('POST', '/documents/outgoing', { token: specialist, body: draft({ subject: 'Một lần' }), headers });
    expect(first.status).toBe(201);
    const again = await api.request('POST', '/documents/outgoing', { token: specialist, body: draft({ subject: 'Một lần' }), headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.request('POST', '/documents/outgoing', { token: specialist, body: draft({ subject: 'Khác' }), headers })).status).toBe(422);
    await api.request('POST', `/documents/${first.body.id}/submit`, { token: specialist });
    await api.request('POST', `/documents/${first.body.id}/approve`, { token: leader });
    const issueKey = { 'idempotency-key': 'issue-key-0001' };
    const issued = await api.request('POST', `/documents/${first.body.id}/issue`, { token: clerk, headers: issueKey });
    const reissued = await api.request('POST', `/documents/${first.body.id}/issue`, { token: clerk, headers: issueKey });
    expect(reissued.status).toBe(200);
    expect(reissued.body.issue).toEqual(issued.body.issue);
  });

  it('edits a draft sent back by the leader, then it goes through; a submitted one cannot be edited', async () => {
    const created = await api.request('POST', '/documents/outgoing', { token: specialist, body: draft({ subject: 'Bản nháp đầu' }) });
    const id = created.body.id as string;
    await api.request('POST', `/documents/${id}/submit`, { token: specialist });
    expect((await api.request('PUT', `/documents/${id}/draft`, { token: specialist, body: { subject: 'Sửa khi đã trình' } })).status).toBe(409);
    await api.request('POST', `/documents/${id}/reject`, { token: leader, body: { reason: 'Sửa trích yếu' } });
    const edited = await api.request('PUT', `/documents/${id}/draft`, { token: specialist, body: { subject: 'Bản nháp đã sửa', places: ['Lưu: VT'] } });
    expect(edited.body).toMatchObject({
      status: 'draft',
      subject: 'Bản nháp đã sửa',
      places: ['Lưu: VT'],
      typeName: 'Quyết định',
      recipients: created.body.recipients,
      urgency: created.body.urgency,
    });
    expect((await api.request('PUT', `/documents/${id}/draft`, { token: specialist, body: {} })).status).toBe(400);
    const history = await api.request('GET', `/documents/${id}/history`, { token: specialist });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'edited', before: { subject: 'Bản nháp đầu' }, after: { subject: 'Bản nháp đã sửa' } });
  });

  it('refuses bad drafts with field paths', async () => {
    const response = await api.request('POST', '/documents/outgoing', {
      token: specialist,
      body: draft({ typeName: 'Thư tình', draftingUnitAbbreviation: 'vx', recipients: [{ organId: '28.22.H17', organName: 'x' }] }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.draftingUnitAbbreviation', 'body.recipients.0.organId', 'body.typeName']);
  });

  it('gives 500 concurrent issues of one register exactly 1..500', async () => {
    const agency = '000.00.92.H26';
    const s = await api.token({ sub: 's', organId: agency, roles: ['specialist'] });
    const l = await api.token({ sub: 'l', organId: agency, roles: ['leader'] });
    const c = await api.token({ sub: 'c', organId: agency, roles: ['clerk'] });
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 100 }, async () => {
            const created = await api.request('POST', '/documents/outgoing', { token: s, body: draft({ typeName: 'Thông báo' }) });
            await api.request('POST', `/documents/${created.body.id}/submit`, { token: s });
            await api.request('POST', `/documents/${created.body.id}/approve`, { token: l });
            return created.body.id as string;
          }),
        )),
      );
    }
    const issued = await Promise.all(ids.map((id) => api.request('POST', `/documents/${id}/issue`, { token: c })));
    expect(issued.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const numbers = issued.map((r) => r.body.issue.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(issued.find((r) => r.body.issue.number === 7)?.body.issue.codeNumber).toBe('07');
  }, 180_000);
});
