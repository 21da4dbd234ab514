import {
  arrivalSeries,
  channel,
  documentDirection,
  documentType,
  incomingStatus,
  numberSeries,
  outgoingStatus,
  registerKind,
  secrecy,
  senderRequestDecision,
  senderRequestType,
  urgency,
} from './documents.ts';
import type { VocabularyEntry } from './entry.ts';
import {
  deliveryChannel,
  deliveryStatus,
  statusSource,
  webhookAttemptOutcome,
  webhookDeliveryFailure,
  webhookDeliveryStatus,
  webhookEndpointStatus,
  webhookEvent,
  webhookKeyKind,
  webhookKeyStatus,
} from './exchange.ts';
import { roleVocabulary } from './identity.ts';
import { assigneeKind, inboxSource, noticeKind, unitKind, workBucket, workOwner } from './people.ts';
import {
  agencyChangeSource,
  agencyKind,
  fileRejection,
  fileStatus,
  recordMedium,
  recordStatus,
  reminderKind,
  reminderStatus,
  reportLevel,
  signatureKind,
  signatureVerdict,
  signerKind,
} from './work.ts';

export { entry, pick, type VocabularyEntry } from './entry.ts';

/**
 * Every enum the API exposes, by name, with the Vietnamese label of each value: what `GET /vocabulary`
 * answers, and what the OpenAPI document puts beside each enum (`x-enumDescriptions`, layers/http/openapi.ts).
 * An enum added to a contract without an entry here fails test/unit/domain/vocabulary.test.ts; adding one is
 * one entry: `name: entry(values, 'mô tả', { value: 'Nhãn', … })` (./entry.ts), in the file of its area.
 */
export const vocabulary = {
  // Documents (./documents.ts)
  incomingStatus,
  outgoingStatus,
  urgency,
  secrecy,
  channel,
  documentDirection,
  documentType,
  arrivalSeries,
  numberSeries,
  registerKind,
  senderRequestType,
  senderRequestDecision,
  // Exchange (./exchange.ts)
  deliveryChannel,
  deliveryStatus,
  statusSource,
  webhookEvent,
  webhookKeyKind,
  webhookKeyStatus,
  webhookEndpointStatus,
  webhookDeliveryStatus,
  webhookAttemptOutcome,
  webhookDeliveryFailure,
  // People and work (./identity.ts, ./work.ts)
  role: roleVocabulary,
  fileStatus,
  fileRejection,
  signatureVerdict,
  signerKind,
  signatureKind,
  reminderKind,
  reminderStatus,
  recordStatus,
  recordMedium,
  reportLevel,
  agencyKind,
  agencyChangeSource,
  // The people directory, notices and "my work" (./people.ts)
  unitKind,
  noticeKind,
  inboxSource,
  workBucket,
  workOwner,
  assigneeKind,
} as const satisfies Record<string, VocabularyEntry>;

export type VocabularyName = keyof typeof vocabulary;

/** The entries that label an enum, and the label of each of its values. */
export interface VocabularyMatch {
  readonly names: readonly VocabularyName[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The labels of an enum found by its values: the entry with exactly these values; else entries that
 * together make them up, none sharing a value (incoming and outgoing statuses in one filter); else the
 * entries holding them all, when they agree on every label (`document.status` of the webhook events). An
 * enum no entry labels (formats, `true`/`false`) has none.
 *
 * @example
 * labelsOf(['normal', 'urgent', 'very-urgent', 'flash', 'flash-timed'])?.labels.urgent // 'Khẩn'
 */
export function labelsOf(values: readonly string[]): VocabularyMatch | undefined {
  const wanted = new Set(values);
  const entries = Object.entries(vocabulary) as [VocabularyName, VocabularyEntry][];
  const same = entries.find(([, e]) => e.values.length === wanted.size && e.values.every((value) => wanted.has(value)));
  if (same !== undefined) return matchOf([same], values);
  const covered = new Set<string>();
  const parts = entries.filter(([, e]) => {
    if (!e.values.every((value) => wanted.has(value) && !covered.has(value))) return false;
    for (const value of e.values) covered.add(value);
    return true;
  });
  if (parts.length > 1 && covered.size === wanted.size) return matchOf(parts, values);
  const holding = entries.filter(([, e]) => values.every((value) => e.values.includes(value))).sort(([, a], [, b]) => a.values.length - b.values.length);
  const agree = holding.every(([, e]) => values.every((value) => labelOf(e, value) === labelOf(holding[0]?.[1], value)));
  return holding.length > 0 && agree ? matchOf(holding, values) : undefined;
}

function matchOf(entries: readonly [VocabularyName, VocabularyEntry][], values: readonly string[]): VocabularyMatch {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const found = entries.find(([, e]) => e.values.includes(value));
    if (found !== undefined) labels[value] = labelOf(found[1], value) ?? value;
  }
  return { names: entries.map(([name]) => name), labels };
}

function labelOf(entry: VocabularyEntry | undefined, value: string): string | undefined {
  return entry === undefined ? undefined : (entry.labels as Readonly<Record<string, string>>)[value];
}
