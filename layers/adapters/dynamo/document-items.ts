import { deadlineOf, openStatuses } from '#domain/documents/deadline';
import type { Document } from '#domain/documents/document';
import { incomingSeries } from '#domain/documents/register-series';
import { issuerText } from '#domain/documents/search-text';
import { foldVietnamese } from '#domain/text';
import { documentIndexes, pad, SCHEMA_VERSION } from './keys.ts';

/**
 * The stored item of a document: its fields plus the index keys of docs/DATA.md — by direction (gsi1), by
 * status (gsi2), the register of its year once numbered (gsi3) and, while open with a deadline, the
 * deadline index (gsi4).
 */
export function documentItem(document: Document): Record<string, unknown> {
  const numbered = registerPosition(document);
  const due = deadlineOf(document);
  return {
    entity: 'Document',
    schemaVersion: SCHEMA_VERSION,
    ...document,
    ...(document.direction === 'incoming' ? { issuerText: foldVietnamese(issuerText(document.issuer)) } : {}),
    typeText: foldVietnamese(document.typeName),
    // `|person:a|unit:b|`: a substring match on delimited keys means the same in DynamoDB and the emulator
    ...(document.direction === 'incoming' && document.assigneeKeys !== undefined ? { assigneeText: `|${document.assigneeKeys.join('|')}|` } : {}),
    gsi1pk: documentIndexes.byDirection(document.organId, document.direction),
    gsi1sk: documentIndexes.created(document.createdAt, document.id),
    gsi2pk: documentIndexes.byStatus(document.organId, document.direction, document.status),
    gsi2sk: documentIndexes.created(document.createdAt, document.id),
    ...(numbered === undefined ? {} : { gsi3pk: numbered.partition, gsi3sk: pad(numbered.number, 8) }),
    ...(due === undefined || !openStatuses.has(document.status) ? {} : { gsi4pk: `DUE#${document.organId}`, gsi4sk: `${due}#${document.id}` }),
  };
}

/** The register partition of a numbered document: incoming per series and year, outgoing per register and year. */
export function registerPosition(document: Document): { partition: string; number: number } | undefined {
  if (document.direction === 'incoming') {
    if (document.arrivalNumber === undefined || document.arrivalYear === undefined) return undefined;
    return { partition: registerPartition(document.organId, 'incoming', incomingSeries(document.secrecy), document.arrivalYear), number: document.arrivalNumber };
  }
  if (document.issue === undefined) return undefined;
  return { partition: registerPartition(document.organId, 'outgoing', document.issue.registerId, document.issue.year), number: document.issue.number };
}

export function registerPartition(organId: string, direction: 'incoming' | 'outgoing', series: string, year: number): string {
  return `${documentIndexes.register(organId, direction, year)}#${series}`;
}
