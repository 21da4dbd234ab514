/**
 * What the simulator's SAMPLE peer did, as `GET /_sim/peer` shows it: the packages it collected, the
 * packages it sent (answers and documents) and what went wrong. Bounded: the newest entries are kept.
 */
import type { AxisMessageType } from '#domain/axis/port';
import type { AnswerCode } from './peer-settings.ts';

/** A package the peer collected from the axis and acknowledged. */
export interface PeerReceipt {
  readonly at: string;
  /** The axis's id of the delivery. */
  readonly axisDocId: string;
  readonly messageType: AxisMessageType;
  readonly from: string;
  /** `fail` when the package could not be parsed. */
  readonly acknowledged: 'done' | 'fail';
  /** A document package's own DocumentId, or the one a status package answers. */
  readonly documentId?: string;
  readonly bussinessDocType?: number;
  readonly subject?: string;
  /** The peer agencies it was addressed to. */
  readonly to?: readonly string[];
  /** The answers scheduled, per addressed agency (none for a package already answered). */
  readonly answers?: readonly AnswerCode[];
  /** Listed again after it was answered (the axis lists at least once). */
  readonly duplicate?: boolean;
  readonly statusCode?: string;
  readonly description?: string;
  readonly error?: string;
}

/** A package the peer sent: a status package answering a document, or a document sent in. */
export interface PeerSending {
  readonly at: string;
  readonly axisDocId: string;
  readonly messageType: AxisMessageType;
  readonly from: string;
  readonly to: readonly string[];
  /** The document answered, or the document sent. */
  readonly documentId: string;
  readonly statusCode?: AnswerCode;
  readonly description?: string;
  readonly subject?: string;
}

export interface PeerProblem {
  readonly at: string;
  readonly message: string;
}

/** The newest `capacity` items, oldest first. */
export class RecentList<T> {
  private readonly entries: T[] = [];

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    this.entries.push(item);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  get items(): readonly T[] {
    return [...this.entries];
  }
}

/** What a receipt says about the package itself (the rest comes from the listing). */
export type ReceiptDetails = Omit<PeerReceipt, 'at' | 'axisDocId' | 'messageType' | 'from' | 'acknowledged'>;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
