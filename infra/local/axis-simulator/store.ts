/**
 * The simulator's memory: registered systems, packages and their deliveries. A package sent by one system
 * becomes one delivery per receiving system (with the receiver's own docId), listed to that system until
 * it acknowledges it. Memory is bounded: payloads of fully acknowledged packages are dropped oldest first
 * when room is needed, and whole records beyond `maxRecords`; when nothing can be dropped the axis answers
 * 503 ("full, try later"), as a real queue would push back.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AxisAcknowledgement, AxisMessageType } from '#domain/axis/port';
import { VdxpRefusal, type SimulatedSystem, type StoreLimits } from './model.ts';

export { defaultLimits, VdxpRefusal, type SimulatedSystem, type StoreLimits } from './model.ts';

export type DeliveryStatus = 'pending' | AxisAcknowledgement;

interface StoredPackage {
  readonly docId: string;
  readonly senderSystemId: string;
  readonly from: string;
  readonly messageType: AxisMessageType;
  readonly documentId: string | undefined;
  readonly size: number;
  readonly createdAt: Date;
  readonly deliveryIds: string[];
  bytes: Buffer | undefined;
}

interface Delivery {
  readonly docId: string;
  readonly packageId: string;
  readonly systemId: string;
  readonly to: readonly string[];
  readonly createdAt: Date;
  status: DeliveryStatus;
  updatedAt: Date;
}

export interface NewPackage {
  readonly sender: SimulatedSystem;
  readonly from: string;
  readonly recipients: readonly string[];
  readonly messageType: AxisMessageType;
  readonly documentId: string | undefined;
  readonly bytes: Buffer;
}

/** A listing row in the VDXP shape (`getReceivedEdocList`, `getSentEdocList`). */
export interface ListingRow {
  readonly docId: string;
  readonly serviceType: 'eDoc';
  readonly messageType: AxisMessageType;
  readonly created_time: string;
  readonly updated_time: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly status: DeliveryStatus;
  readonly status_desc: string;
  /** Not VDXP: the edXML DocumentId, to make listings readable while debugging. */
  readonly documentId?: string;
  /** Sent rows: the id of the delivery on the receiver's side. */
  readonly receiverDocId?: string;
}

export interface SystemCounts {
  readonly sent: number;
  readonly pending: number;
  readonly done: number;
  readonly failed: number;
}

/** How many recently acknowledged deliveries per system may be listed again by the duplicate fault. */
const RECENT_ACKNOWLEDGED = 20;

export class AxisStore {
  private readonly systems = new Map<string, SimulatedSystem>();
  private readonly agencyOwner = new Map<string, string>();
  private readonly packages = new Map<string, StoredPackage>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly pending = new Map<string, Map<string, Delivery>>();
  private readonly recentlyAcknowledged = new Map<string, string[]>();
  private storedBytes = 0;

  constructor(
    readonly limits: StoreLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  addSystem(system: SimulatedSystem): void {
    if (this.systems.has(system.systemId)) throw new Error(`system ${system.systemId} is already registered`);
    for (const agency of system.agencies) {
      const owner = this.agencyOwner.get(agency);
      if (owner !== undefined) throw new Error(`agency ${agency} is already served by system ${owner}`);
    }
    this.systems.set(system.systemId, system);
    for (const agency of system.agencies) this.agencyOwner.set(agency, system.systemId);
    this.pending.set(system.systemId, new Map());
    this.recentlyAcknowledged.set(system.systemId, []);
  }

  /** The system serving an agency: by its exact code, else by a `*.XNN` pattern (a whole province's codes end in its level-1 block). */
  ownerOf(code: string): string | undefined {
    const exact = this.agencyOwner.get(code);
    if (exact !== undefined) return exact;
    for (const system of this.systems.values()) if (serves(system.agencies, code)) return system.systemId;
    return undefined;
  }

  get registeredSystems(): readonly SimulatedSystem[] {
    return [...this.systems.values()];
  }

  /** The system whose id and secret these are; compares secrets in constant time. */
  authenticate(systemId: string | undefined, secret: string | undefined): SimulatedSystem | undefined {
    const system = systemId === undefined ? undefined : this.systems.get(systemId);
    if (system === undefined || secret === undefined) return undefined;
    const expected = Buffer.from(system.secret);
    const given = Buffer.from(secret);
    return expected.length === given.length && timingSafeEqual(expected, given) ? system : undefined;
  }

  /** Stores a package and creates one pending delivery per receiving system; resolves the sender's docId. */
  accept(input: NewPackage): string {
    if (!serves(input.sender.agencies, input.from)) throw new VdxpRefusal('SENDER_NOT_SERVED', `system ${input.sender.systemId} does not send for agency ${input.from}`);
    const bySystem = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const code of new Set(input.recipients)) {
      const owner = this.ownerOf(code);
      if (owner === undefined) unknown.push(code);
      else bySystem.set(owner, [...(bySystem.get(owner) ?? []), code]);
    }
    if (unknown.length > 0) throw new VdxpRefusal('UNKNOWN_RECIPIENT', `no system serves ${unknown.join(', ')}`);
    if (bySystem.size === 0) throw new VdxpRefusal('NO_RECIPIENT', 'the package names no recipient');
    this.makeRoom(input.bytes.length);

    const createdAt = this.now();
    const pkg: StoredPackage = {
      docId: randomUUID(),
      senderSystemId: input.sender.systemId,
      from: input.from,
      messageType: input.messageType,
      documentId: input.documentId,
      size: input.bytes.length,
      createdAt,
      deliveryIds: [],
      bytes: input.bytes,
    };
    this.packages.set(pkg.docId, pkg);
    this.storedBytes += pkg.size;
    for (const [systemId, to] of bySystem) {
      const delivery: Delivery = { docId: randomUUID(), packageId: pkg.docId, systemId, to, createdAt, status: 'pending', updatedAt: createdAt };
      this.deliveries.set(delivery.docId, delivery);
      this.pending.get(systemId)?.set(delivery.docId, delivery);
      pkg.deliveryIds.push(delivery.docId);
    }
    return pkg.docId;
  }

  /**
   * Pending deliveries of a system, oldest first, at most `maxListed`. `duplicate` decides, per row and
   * per recently acknowledged delivery, whether it is listed (once more): the at-least-once listing a
   * receiver must survive.
   */
  listReceived(systemId: string, messageType: AxisMessageType | undefined, duplicate: () => boolean = () => false): ListingRow[] {
    const rows: ListingRow[] = [];
    for (const delivery of this.pending.get(systemId)?.values() ?? []) {
      if (rows.length >= this.limits.maxListed) break;
      const row = this.receivedRow(delivery, messageType);
      if (row === undefined) continue;
      rows.push(row);
      if (duplicate()) rows.push(row);
    }
    for (const docId of this.recentlyAcknowledged.get(systemId) ?? []) {
      const delivery = this.deliveries.get(docId);
      const row = delivery === undefined ? undefined : this.receivedRow(delivery, messageType);
      if (row !== undefined && duplicate()) rows.push(row);
    }
    return rows;
  }

  countPending(systemId: string, messageType: AxisMessageType | undefined): number {
    let count = 0;
    for (const delivery of this.pending.get(systemId)?.values() ?? []) if (this.receivedRow(delivery, messageType) !== undefined) count += 1;
    return count;
  }

  /** The bytes of a delivery to this system, or of a package this system sent. */
  payload(systemId: string, docId: string): Buffer {
    const delivery = this.deliveries.get(docId);
    const pkg = delivery !== undefined && delivery.systemId === systemId ? this.packages.get(delivery.packageId) : this.ownPackage(systemId, docId);
    if (pkg === undefined) throw new VdxpRefusal('NOT_FOUND', `no package ${docId} for system ${systemId}`);
    if (pkg.bytes === undefined) throw new VdxpRefusal('EXPIRED', `package ${docId} was acknowledged and its content dropped`);
    return pkg.bytes;
  }

  /** Records the receiver's acknowledgement; a delivery is listed no more after it. Idempotent. */
  acknowledge(systemId: string, docId: string, status: AxisAcknowledgement): void {
    const delivery = this.deliveries.get(docId);
    if (delivery === undefined || delivery.systemId !== systemId) throw new VdxpRefusal('NOT_FOUND', `no delivery ${docId} for system ${systemId}`);
    if (delivery.status === status) return;
    const wasPending = delivery.status === 'pending';
    delivery.status = status;
    delivery.updatedAt = this.now();
    this.pending.get(systemId)?.delete(docId);
    if (wasPending) {
      const recent = this.recentlyAcknowledged.get(systemId) ?? [];
      recent.push(docId);
      if (recent.length > RECENT_ACKNOWLEDGED) recent.shift();
    }
  }

  /** Deliveries of packages this system sent, newest last, at most `maxListed`. */
  listSent(systemId: string, messageType: AxisMessageType | undefined): ListingRow[] {
    const rows: ListingRow[] = [];
    for (const pkg of this.packages.values()) {
      if (pkg.senderSystemId !== systemId || (messageType !== undefined && pkg.messageType !== messageType)) continue;
      for (const id of pkg.deliveryIds) {
        const delivery = this.deliveries.get(id);
        if (delivery !== undefined) rows.push({ ...this.row(pkg, delivery), docId: pkg.docId, receiverDocId: delivery.docId });
      }
    }
    return rows.slice(-this.limits.maxListed);
  }

  counts(): Record<string, SystemCounts> {
    const counts: Record<string, { sent: number; pending: number; done: number; failed: number }> = {};
    for (const id of this.systems.keys()) counts[id] = { sent: 0, pending: 0, done: 0, failed: 0 };
    for (const pkg of this.packages.values()) {
      const sender = counts[pkg.senderSystemId];
      if (sender !== undefined) sender.sent += 1;
    }
    for (const delivery of this.deliveries.values()) {
      const receiver = counts[delivery.systemId];
      if (receiver === undefined) continue;
      if (delivery.status === 'pending') receiver.pending += 1;
      else if (delivery.status === 'done') receiver.done += 1;
      else receiver.failed += 1;
    }
    return counts;
  }

  get memory(): { readonly packages: number; readonly storedBytes: number } {
    return { packages: this.packages.size, storedBytes: this.storedBytes };
  }

  private receivedRow(delivery: Delivery, messageType: AxisMessageType | undefined): ListingRow | undefined {
    const pkg = this.packages.get(delivery.packageId);
    if (pkg === undefined || (messageType !== undefined && pkg.messageType !== messageType)) return undefined;
    return this.row(pkg, delivery);
  }

  private row(pkg: StoredPackage, delivery: Delivery): ListingRow {
    return {
      docId: delivery.docId,
      serviceType: 'eDoc',
      messageType: pkg.messageType,
      created_time: delivery.createdAt.toISOString(),
      updated_time: delivery.updatedAt.toISOString(),
      from: pkg.from,
      to: delivery.to,
      status: delivery.status,
      status_desc: delivery.status === 'pending' ? 'waiting for the receiver' : `acknowledged ${delivery.status}`,
      ...(pkg.documentId === undefined ? {} : { documentId: pkg.documentId }),
    };
  }

  private ownPackage(systemId: string, docId: string): StoredPackage | undefined {
    const pkg = this.packages.get(docId);
    return pkg?.senderSystemId === systemId ? pkg : undefined;
  }

  private settled(pkg: StoredPackage): boolean {
    return pkg.deliveryIds.every((id) => this.deliveries.get(id)?.status !== 'pending');
  }

  /** Frees payload bytes and records, oldest settled packages first; 503 when that is not enough. */
  private makeRoom(size: number): void {
    for (const pkg of this.packages.values()) {
      if (this.storedBytes + size <= this.limits.maxStoredBytes) break;
      if (pkg.bytes !== undefined && this.settled(pkg)) {
        this.storedBytes -= pkg.size;
        pkg.bytes = undefined;
      }
    }
    for (const pkg of this.packages.values()) {
      if (this.packages.size < this.limits.maxRecords) break;
      if (this.settled(pkg)) this.forget(pkg);
    }
    if (this.storedBytes + size > this.limits.maxStoredBytes || this.packages.size >= this.limits.maxRecords) {
      throw new VdxpRefusal('AXIS_FULL', 'the simulated axis holds too much unacknowledged content; try later', 503);
    }
  }

  private forget(pkg: StoredPackage): void {
    if (pkg.bytes !== undefined) this.storedBytes -= pkg.size;
    for (const id of pkg.deliveryIds) {
      const delivery = this.deliveries.get(id);
      this.deliveries.delete(id);
      if (delivery === undefined) continue;
      const recent = this.recentlyAcknowledged.get(delivery.systemId);
      const at = recent?.indexOf(id) ?? -1;
      if (recent !== undefined && at >= 0) recent.splice(at, 1);
    }
    this.packages.delete(pkg.docId);
  }
}

/** An agency list serves a code exactly, or by a `*.<suffix>` pattern. */
/** An agency list serves a code exactly or by a `*.<suffix>` pattern: how the simulator routes. */
export function serves(agencies: readonly string[], code: string): boolean {
  return agencies.some((agency) => agency === code || (agency.startsWith('*.') && code.endsWith(agency.slice(1))));
}
