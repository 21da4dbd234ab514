/**
 * The SAMPLE peer system of the simulator, acting: it is a system registered on the axis (a ministry, say)
 * that collects what is sent to it and answers like a receiving agency would — 01, then 03, 04, 05, 06 (or
 * 02 when told to reject), 15 or 16 to a revocation, update or replacement — after configurable delays,
 * and sends documents in. It talks to the simulator through the production client over HTTP, exactly as
 * vanthu does, so that one document can be watched going out and coming back on one machine.
 *
 * Development tooling: everything it sends is SAMPLE data, its memory is bounded, its timers never keep
 * the process alive and every failure is logged (`report().problems`), never thrown at the event loop.
 */
import { createVdxpClient, type VdxpClient } from '#adapters/axis/vdxp-client';
import type { ReceivedItem } from '#domain/axis/answers';
import { vietnamTimestamp } from '#domain/time';
import { buildEdocToBuffer, EdxmlError, parseEdxml, type ParsedStatus } from '#edxml/index';
import { BackgroundWork } from './background-work.ts';
import { serves } from './store.ts';
import type { SimulatedSystem } from './model.ts';
import { PeerAnswers, sendPackage } from './peer-answers.ts';
import { peerDocumentInputSchema, sampleDocumentPackage, samplePeerAgencies, type PeerDocumentInput } from './peer-documents.ts';
import { messageOf, RecentList, type PeerProblem, type PeerReceipt, type PeerSending, type ReceiptDetails } from './peer-log.ts';
import { defaultPeerSettings, mergePeerSettings, type SamplePeerSettings, type SamplePeerSettingsInput } from './peer-settings.ts';

export type { SamplePeerSettings, SamplePeerSettingsInput } from './peer-settings.ts';
export type { PeerDocumentInput } from './peer-documents.ts';

export interface SamplePeerOptions {
  /** The simulator's VDXP endpoint. */
  readonly endpoint: string;
  /** The peer system as registered on the simulator (its agencies may be `*.XNN` patterns). */
  readonly system: SimulatedSystem;
  readonly settings?: SamplePeerSettingsInput;
  /** Per axis call; default 10 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** What `GET /_sim/peer` answers. */
export interface SamplePeerReport {
  readonly systemId: string;
  readonly agencies: readonly string[];
  readonly state: 'active' | 'paused' | 'stopped';
  readonly settings: SamplePeerSettings;
  /** Documents whose answers are not all sent yet. */
  readonly answering: number;
  readonly received: readonly PeerReceipt[];
  readonly sent: readonly PeerSending[];
  readonly problems: readonly PeerProblem[];
}

/** A document the peer sent in. */
export interface SentDocument {
  /** The axis's id of the package. */
  readonly docId: string;
  readonly documentId: string;
  readonly from: string;
  readonly to: readonly string[];
}

const LOG_ENTRIES = 200;

/**
 * @example
 * const peer = new SamplePeer({ endpoint: axis.url, system: { systemId: 'sample-peer', secret, agencies: ['*.G12'] }, settings: { delaysMs: { '03': 500 } } });
 * peer.start();
 * await peer.sendDocument({ to: '000.00.91.H26', subject: 'Về việc thử nghiệm liên thông' });
 * await peer.stop();
 */
export class SamplePeer {
  private readonly client: VdxpClient;
  private readonly now: () => Date;
  private current: SamplePeerSettings;
  /** The input schema, knowing which agencies may send. */
  private readonly documentSchema: typeof peerDocumentInputSchema;
  private readonly received = new RecentList<PeerReceipt>(LOG_ENTRIES);
  private readonly sent = new RecentList<PeerSending>(LOG_ENTRIES);
  private readonly problems = new RecentList<PeerProblem>(LOG_ENTRIES);
  private readonly work = new BackgroundWork((error) => this.problem(messageOf(error)));
  private readonly answers: PeerAnswers;
  private collectTimer: NodeJS.Timeout | undefined;
  private collecting = false;
  private started = false;
  private stopped = false;
  private sequence: number;

  constructor(private readonly options: SamplePeerOptions) {
    const { system } = options;
    this.client = createVdxpClient({ endpoint: options.endpoint, systemId: system.systemId, secret: system.secret, timeoutMs: options.timeoutMs ?? 10_000 });
    this.now = options.now ?? (() => new Date());
    this.current = mergePeerSettings(defaultPeerSettings, options.settings ?? {});
    this.answers = new PeerAnswers({
      client: this.client,
      work: this.work,
      settings: () => this.current,
      now: this.now,
      onSent: (entry) => this.sent.push(entry),
      onProblem: (message) => this.problem(message),
    });
    this.documentSchema = peerDocumentInputSchema.refine((d) => d.from === undefined || serves(system.agencies, d.from), {
      path: ['from'],
      message: `must be an agency of the peer system (${system.agencies.join(', ')})`,
    });
    // Numbers start at the seconds since midnight (Vietnam): a restarted runtime does not print one again
    // the same day, which the receiver would take for the same document (it keys on the DocumentId).
    this.sequence = Math.floor(((this.now().getTime() + 7 * 3_600_000) % 86_400_000) / 1000);
  }

  get systemId(): string {
    return this.options.system.systemId;
  }

  get settings(): SamplePeerSettings {
    return this.current;
  }

  /** Starts collecting (unless paused). */
  start(): void {
    this.started = true;
    this.scheduleCollect(0);
  }

  /** Applies a partial change of settings; throws a ZodError on bad input. Resuming collects at once. */
  configure(change: SamplePeerSettingsInput): SamplePeerSettings {
    this.current = mergePeerSettings(this.current, change);
    if (this.current.paused && this.collectTimer !== undefined) {
      this.work.cancel(this.collectTimer);
      this.collectTimer = undefined;
    }
    if (!this.current.paused) this.scheduleCollect(0);
    return this.current;
  }

  /** Stops collecting and drops answers not yet due; resolves when calls under way have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.collectTimer = undefined;
    this.answers.stop();
    await this.work.stop();
  }

  report(): SamplePeerReport {
    return {
      systemId: this.systemId,
      agencies: this.options.system.agencies,
      state: this.stopped ? 'stopped' : this.current.paused ? 'paused' : 'active',
      settings: this.current,
      answering: this.answers.pending,
      received: this.received.items,
      sent: this.sent.items,
      problems: this.problems.items,
    };
  }

  /**
   * Sends a SAMPLE document package in, from one of the peer's agencies (default its first sample agency).
   * Throws a ZodError on bad input, an AxisError when the axis refuses or cannot be reached.
   */
  async sendDocument(input: PeerDocumentInput): Promise<SentDocument> {
    const document = this.documentSchema.parse(input);
    const from = document.from ?? this.defaultAgency();
    if (document.codeNumber === undefined) this.sequence += 1;
    const number = document.codeNumber ?? String(this.sequence);
    const edoc = sampleDocumentPackage(document, { from, number, now: this.now() });
    const docId = await sendPackage(this.client, { body: await buildEdocToBuffer(edoc), messageType: 'edoc', from, to: document.to });
    this.sent.push({ at: this.timestamp(), axisDocId: docId, messageType: 'edoc', from, to: document.to, documentId: edoc.documentId, subject: document.subject });
    return { docId, documentId: edoc.documentId, from, to: document.to };
  }

  private scheduleCollect(delay: number): void {
    if (!this.started || this.stopped || this.current.paused || this.collecting || this.collectTimer !== undefined) return;
    this.collectTimer = this.work.later(delay, () => {
      this.collectTimer = undefined;
      return this.collectOnce();
    });
  }

  private async collectOnce(): Promise<void> {
    this.collecting = true;
    try {
      const items = await this.client.listReceived();
      const seen = new Set<string>();
      for (const item of items) {
        if (this.stopped) return;
        if (seen.has(item.docId)) continue;
        seen.add(item.docId);
        // One package that fails is tried again at the next listing; the others go on.
        await this.receive(item).catch((error: unknown) => this.problem(`package ${item.docId} from ${item.from}: ${messageOf(error)}`));
      }
    } catch (error) {
      this.problem(`listing failed: ${messageOf(error)}`);
    } finally {
      this.collecting = false;
      this.scheduleCollect(this.current.intervalMs);
    }
  }

  /** Fetch → parse → schedule the answers → acknowledge (`fail` when the package is not edXML). */
  private async receive(item: ReceivedItem): Promise<void> {
    const bytes = await this.client.getEdoc(item.docId);
    const base = { axisDocId: item.docId, messageType: item.messageType, from: item.from };
    let receipt: ReceiptDetails;
    try {
      const pkg = await parseEdxml(bytes);
      receipt = pkg.kind === 'edoc' ? this.answers.answer(pkg, this.addressed(pkg.to)) : statusReceipt(pkg);
    } catch (error) {
      if (!(error instanceof EdxmlError)) throw error;
      await this.client.updateStatus(item.docId, 'fail');
      this.received.push({ at: this.timestamp(), ...base, acknowledged: 'fail', error: error.message });
      return;
    }
    await this.client.updateStatus(item.docId, 'done');
    this.received.push({ at: this.timestamp(), ...base, acknowledged: 'done', ...receipt });
  }

  /** The peer's agencies among those a package names, each once. */
  private addressed(to: readonly { organId: string }[]): string[] {
    return [...new Set(to.map((o) => o.organId).filter((code) => serves(this.options.system.agencies, code)))];
  }

  private defaultAgency(): string {
    const agencies = this.options.system.agencies;
    const code = [...agencies, ...Object.keys(samplePeerAgencies)].find((a) => !a.startsWith('*.') && serves(agencies, a));
    if (code === undefined) throw new Error(`the peer system serves no known agency code (${agencies.join(', ')}): pass from`);
    return code;
  }

  private problem(message: string): void {
    this.problems.push({ at: this.timestamp(), message });
  }

  private timestamp(): string {
    return vietnamTimestamp(this.now());
  }
}

function statusReceipt(status: ParsedStatus): ReceiptDetails {
  return { documentId: status.responseFor.documentId, statusCode: status.statusCode, ...(status.description === undefined ? {} : { description: status.description }) };
}
