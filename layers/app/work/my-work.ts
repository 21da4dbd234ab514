import type { Document } from '#domain/documents/document';
import type { Principal } from '#domain/identity/principal';
import { unitKey } from '#domain/people/unit';
import { AGENCY_OWNER, agencyBucketRole, ownersOf, workOf, type WorkBucket } from '#domain/work/work';
import type { Dependencies, RequestContext } from '../context.ts';

/** One tile of a portal's home page: a bucket of work of the caller, their unit or their agency, with its count. */
export interface WorkTile {
  readonly bucket: WorkBucket;
  /** Whose work: the agency's (for the caller's role), the caller's own, or one of the caller's units'. */
  readonly owner: 'agency' | 'me' | 'unit';
  readonly unitId?: string;
  readonly unitName?: string;
  readonly count: number;
  /** The list behind the tile (GET /documents with the matching filters), where one exists. */
  readonly list?: string;
}

export interface MyWork {
  readonly organId: string;
  readonly tiles: readonly WorkTile[];
  /** Everything that waits for the caller's action (overdue counted once, within `assigned`). */
  readonly total: number;
}

/**
 * "My work": what waits for the caller's action, by role, with counts — a portal's home page in one request
 * and three DynamoDB reads (the caller's directory entry, then every counter they need and their units' names, by key), however many
 * documents wait. Clerks see the arrived documents to register, the approved ones to issue and the sender
 * requests to decide; leaders the documents to assign and the drafts to approve; everyone their assignments
 * (theirs and their units'), the overdue ones, and their drafts sent back.
 *
 * @example
 * const work = await myWork(deps, ctx);
 * work.tiles.find((t) => t.bucket === 'to-assign')?.count; // 12
 */
export async function myWork(deps: Pick<Dependencies, 'directory' | 'work'>, ctx: RequestContext): Promise<MyWork> {
  const { principal } = ctx;
  const person = (await deps.directory.getPeople(principal.organId, [principal.sub])).get(principal.sub);
  const unitIds = person?.active === true ? person.units : [];
  const [counts, units] = await Promise.all([
    deps.work.counts(principal.organId, ownersOf(principal, unitIds)),
    unitIds.length === 0 ? new Map() : deps.directory.getUnits(principal.organId, unitIds),
  ]);
  const count = (owner: string, bucket: WorkBucket) => Math.max(0, counts.get(owner)?.[bucket] ?? 0);
  const me = `person:${principal.sub}`;
  const tiles: WorkTile[] = [
    ...agencyTiles(principal).map((bucket) => ({ bucket, owner: 'agency' as const, count: count(AGENCY_OWNER, bucket), ...listOf(bucket) })),
    ...(['assigned', 'overdue', 'sent-back'] as const).map((bucket) => ({ bucket, owner: 'me' as const, count: count(me, bucket), ...listOf(bucket, me) })),
    ...unitIds.flatMap((unitId) => {
      const key = unitKey(principal.organId, unitId);
      const name = units.get(unitId)?.name;
      return (['assigned', 'overdue'] as const).map((bucket) => ({
        bucket,
        owner: 'unit' as const,
        unitId,
        ...(name === undefined ? {} : { unitName: name }),
        count: count(key, bucket),
        ...listOf(bucket, key),
      }));
    }),
  ];
  return { organId: principal.organId, tiles, total: tiles.filter((tile) => tile.bucket !== 'overdue').reduce((sum, tile) => sum + tile.count, 0) };
}

function agencyTiles(principal: Principal): WorkBucket[] {
  return (Object.entries(agencyBucketRole) as [WorkBucket, string][]).filter(([, role]) => principal.roles.includes(role as Principal['roles'][number])).map(([bucket]) => bucket);
}

function listOf(bucket: WorkBucket, owner?: string): { list?: string } {
  const assignee = owner === undefined ? '' : `&assignee=${encodeURIComponent(owner)}`;
  switch (bucket) {
    case 'to-register':
      return { list: '/documents?direction=incoming&status=arrived' };
    case 'to-assign':
      return { list: '/documents?direction=incoming&status=registered' };
    case 'to-approve':
      return { list: '/documents?direction=outgoing&status=submitted' };
    case 'to-issue':
      return { list: '/documents?direction=outgoing&status=approved' };
    case 'assigned':
      return { list: `/documents?direction=incoming${assignee}` };
    case 'overdue':
      return { list: `/documents?direction=incoming&overdue=true${assignee}` };
    case 'sent-back':
      // Drafts are their drafter's: the list of outgoing drafts shows the caller's own.
      return { list: '/documents?direction=outgoing&status=draft' };
    case 'requests':
      return {};
  }
}

/**
 * Recounts an agency's work from its open documents (the statuses that stand for work, read from the
 * status index, never a Scan) and replaces its counters: the repair after a bug or a restore, as the KPI
 * backfill is for the KPI counters.
 */
export async function rebuildWork(deps: Pick<Dependencies, 'documents' | 'work'>, organId: string): Promise<{ documents: number; owners: number }> {
  const open = [
    ['incoming', 'arrived'],
    ['incoming', 'registered'],
    ['incoming', 'assigned'],
    ['incoming', 'processing'],
    ['outgoing', 'draft'],
    ['outgoing', 'submitted'],
    ['outgoing', 'approved'],
  ] as const;
  const counts = new Map<string, Record<string, number>>();
  let documents = 0;
  const add = (document: Document) => {
    documents += 1;
    for (const entry of workOf(document)) {
      const owner = counts.get(entry.owner) ?? {};
      owner[entry.bucket] = (owner[entry.bucket] ?? 0) + 1;
      counts.set(entry.owner, owner);
    }
  };
  for (const [direction, status] of open) {
    let nextToken: string | undefined;
    do {
      const page = await deps.documents.listDocuments({ organId, direction, status, limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
      page.items.forEach(add);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  }
  // A pending request can stand on a document in any open status, already counted above.
  await deps.work.replace(organId, counts);
  return { documents, owners: counts.size };
}
