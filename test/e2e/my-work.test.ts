import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import { rebuildWork } from '#app/work/my-work';
import { incomingBody, startTestApi, type TestApi } from '../support/api.ts';

const AGENCY = '000.00.92.H26';
let api: TestApi;
let clerk: string;
let leader: string;
let member: string;
let drafter: string;

interface Tile {
  bucket: string;
  owner: string;
  unitId?: string;
  count: number;
  list?: string;
}

beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.token({ sub: 'mw-clerk', organId: AGENCY, roles: ['clerk'], units: ['VP'] });
  leader = await api.token({ sub: 'mw-leader', organId: AGENCY, roles: ['leader'], units: ['VP'] });
  member = await api.token({ sub: 'mw-member', organId: AGENCY, roles: ['specialist'], units: ['P-TH'] });
  drafter = await api.token({ sub: 'mw-drafter', organId: AGENCY, roles: ['specialist'], units: [] });
});

afterAll(async () => {
  await api.runtime.close();
});

async function work(token: string): Promise<{ tiles: Tile[]; total: number }> {
  const response = await api.request('GET', '/work', { token });
  expect(response.status).toBe(200);
  return response.body;
}

const count = (tiles: readonly Tile[], bucket: string, owner: string, unitId?: string) =>
  tiles.find((tile) => tile.bucket === bucket && tile.owner === owner && tile.unitId === unitId)?.count;

describe('GET /work', () => {
  it('counts what waits for each role, person and unit as the work moves, and a rebuild finds the same', async () => {
    // Prepare: three registered documents, two assigned (to the member, to the member's unit), a draft submitted
    const ids: string[] = [];
    for (const codeNumber of ['801', '802', '803']) {
      const response = await api.request('POST', '/documents/incoming', { token: clerk, body: incomingBody({ codeNumber }) });
      ids.push(response.body.id as string);
    }
    const before = await work(leader);
    await api.request('POST', `/documents/${ids[0]}/assignments`, { token: leader, body: { lead: { kind: 'person', sub: 'mw-member' } } });
    await api.request('POST', `/documents/${ids[1]}/assignments`, { token: leader, body: { lead: { kind: 'unit', unitId: 'P-TH' } } });
    const draft = await api.request('POST', '/documents/outgoing', { token: drafter, body: { typeName: 'Kế hoạch', subject: 'Về việc kế hoạch năm 2027' } });
    await api.request('POST', `/documents/${draft.body.id}/submit`, { token: drafter });

    // Act
    const leaderWork = await work(leader);
    const memberWork = await work(member);
    const clerkWork = await work(clerk);

    // Assess
    expect(count(before.tiles, 'to-assign', 'agency')).toBe(3);
    expect(count(leaderWork.tiles, 'to-assign', 'agency')).toBe(1);
    expect(count(leaderWork.tiles, 'to-approve', 'agency')).toBe(1);
    expect(leaderWork.tiles.find((tile) => tile.bucket === 'to-assign')?.list).toBe('/documents?direction=incoming&status=registered');
    expect(count(memberWork.tiles, 'assigned', 'me')).toBe(1);
    expect(count(memberWork.tiles, 'assigned', 'unit', 'P-TH')).toBe(1);
    expect(memberWork.tiles.some((tile) => tile.owner === 'agency')).toBe(false);
    expect(clerkWork.tiles.filter((tile) => tile.owner === 'agency').map((tile) => tile.bucket)).toEqual(['to-register', 'to-issue', 'requests']);
    // Every tile's list is a query GET /documents takes: the unit's lists the document assigned to the unit.
    for (const tile of [...leaderWork.tiles, ...memberWork.tiles, ...clerkWork.tiles]) {
      if (tile.list !== undefined) expect((await api.request('GET', tile.list, { token: tile.owner === 'agency' ? leader : member })).status, tile.list).toBe(200);
    }
    const unitList = memberWork.tiles.find((tile) => tile.bucket === 'assigned' && tile.owner === 'unit')?.list ?? '';
    expect((await api.request('GET', unitList, { token: member })).body.items.map((d: { id: string }) => d.id)).toEqual([ids[1]]);

    // Act: the member finishes one, the leader sends the draft back
    await api.request('POST', `/documents/${ids[0]}/complete`, { token: member, body: { note: 'Xong' } });
    await api.request('POST', `/documents/${draft.body.id}/reject`, { token: leader, body: { reason: 'Sửa lại' } });

    // Assess
    expect(count((await work(member)).tiles, 'assigned', 'me')).toBe(0);
    expect(count((await work(leader)).tiles, 'to-approve', 'agency')).toBe(0);
    expect(count((await work(drafter)).tiles, 'sent-back', 'me')).toBe(1);

    // Act: recount from the documents
    const live = await Promise.all([leader, member, drafter, clerk].map(work));
    const report = await api.runtime.inFunction('my-work', () => rebuildWork(dependencies(), AGENCY));
    const rebuilt = await Promise.all([leader, member, drafter, clerk].map(work));

    // Assess
    expect(report.documents).toBeGreaterThanOrEqual(3);
    expect(rebuilt).toEqual(live);
  });
});
