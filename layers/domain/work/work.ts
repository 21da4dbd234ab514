import type { Document } from '../documents/document.ts';
import { assigneeKey } from '../documents/routing.ts';
import type { Role } from '../identity/principal.ts';
import { unitKey } from '../people/unit.ts';

/**
 * "My work" (việc của tôi): what waits for someone's action, by bucket, derived from each document as it
 * stands — the same function for the counters kept in each change's transaction and for their rebuild, so
 * the two cannot disagree. The owner of an entry is the agency (its clerks or leaders act on it), a person
 * or a unit of the agency.
 */
export const workBuckets = [
  /** Văn bản đến chờ vào sổ (arrived electronically): the clerks. */
  'to-register',
  /** Văn bản đến chờ phân công: the leaders. */
  'to-assign',
  /** Dự thảo chờ duyệt, ký: the leaders. */
  'to-approve',
  /** Văn bản đã duyệt chờ cấp số, phát hành: the clerks. */
  'to-issue',
  /** Đề nghị thu hồi, cập nhật, thay thế chờ quyết định: the clerks. */
  'requests',
  /** Văn bản được giao xử lý (chủ trì or phối hợp), not finished: the person or the unit. */
  'assigned',
  /** Of those, overdue (flagged by the deadline watcher). */
  'overdue',
  /** Dự thảo bị trả lại: its drafter. */
  'sent-back',
] as const;
export type WorkBucket = (typeof workBuckets)[number];

/** Which role of the agency acts on its agency-owned buckets. */
export const agencyBucketRole: Readonly<Record<'to-register' | 'to-assign' | 'to-approve' | 'to-issue' | 'requests', Extract<Role, 'clerk' | 'leader'>>> = {
  'to-register': 'clerk',
  'to-assign': 'leader',
  'to-approve': 'leader',
  'to-issue': 'clerk',
  requests: 'clerk',
};

/** `agency`, `person:<sub>` or `unit:<organId>/<unitId>` (the assignee keys). */
export const AGENCY_OWNER = 'agency';

export interface WorkEntry {
  readonly owner: string;
  readonly bucket: WorkBucket;
}

/**
 * The work one document stands for now. Finished, returned, withdrawn, issued and revoked documents stand
 * for none.
 *
 * @example
 * workOf(registeredIncoming); // [{ owner: 'agency', bucket: 'to-assign' }]
 */
export function workOf(document: Document): WorkEntry[] {
  const entries: WorkEntry[] = [];
  const agency = (bucket: WorkBucket) => entries.push({ owner: AGENCY_OWNER, bucket });
  if (document.direction === 'incoming') {
    if (document.status === 'arrived') agency('to-register');
    if (document.status === 'registered') agency('to-assign');
    if (document.pendingRequest !== undefined && document.status !== 'withdrawn') agency('requests');
    if ((document.status === 'assigned' || document.status === 'processing') && document.assignment !== undefined) {
      const owners = [...new Set([document.assignment.lead, ...document.assignment.coordinators].map(assigneeKey))];
      for (const owner of owners) {
        entries.push({ owner, bucket: 'assigned' });
        if (document.overdueSince !== undefined) entries.push({ owner, bucket: 'overdue' });
      }
    }
    return entries;
  }
  if (document.status === 'submitted') agency('to-approve');
  if (document.status === 'approved') agency('to-issue');
  if (document.status === 'draft' && document.sentBack !== undefined) entries.push({ owner: `person:${document.createdBy.sub}`, bucket: 'sent-back' });
  return entries;
}

/**
 * What a change does to the counters: per owner, per bucket, +1 or −1 (nothing for what stays). Empty
 * when the change moves no work.
 *
 * @example
 * workDelta(registered, assigned); // Map { 'agency' => { 'to-assign': -1 }, 'person:cv' => { assigned: 1 } }
 */
export function workDelta(before: Document | undefined, after: Document | undefined): Map<string, Record<string, number>> {
  const delta = new Map<string, Record<string, number>>();
  const add = (entry: WorkEntry, by: number) => {
    const counts = delta.get(entry.owner) ?? {};
    counts[entry.bucket] = (counts[entry.bucket] ?? 0) + by;
    delta.set(entry.owner, counts);
  };
  for (const entry of before === undefined ? [] : workOf(before)) add(entry, -1);
  for (const entry of after === undefined ? [] : workOf(after)) add(entry, 1);
  for (const [owner, counts] of delta) {
    for (const [bucket, value] of Object.entries(counts)) if (value === 0) delete counts[bucket];
    if (Object.keys(counts).length === 0) delta.delete(owner);
  }
  return delta;
}

/** The owners whose work is the caller's: the agency (a clerk or leader), themselves, their units. */
export function ownersOf(principal: { sub: string; organId: string; roles: readonly Role[] }, units: readonly string[]): string[] {
  return [AGENCY_OWNER, `person:${principal.sub}`, ...units.map((unitId) => unitKey(principal.organId, unitId))];
}

/** The work counters port: the counts of some owners of an agency, and their rebuild. */
export interface WorkStore {
  /** Per owner asked for, its counts by bucket (an owner with no work has no entry). */
  counts(organId: string, owners: readonly string[]): Promise<ReadonlyMap<string, Readonly<Record<string, number>>>>;
  /** Replaces every counter of the agency by these (the rebuild); owners not given are removed. */
  replace(organId: string, counts: ReadonlyMap<string, Readonly<Record<string, number>>>): Promise<void>;
}
