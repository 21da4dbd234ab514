import type { AgencyStore } from '#domain/agency/store';
import type { WorkingCalendar } from '#domain/calendar/working-calendar';
import type { DeliveryStore } from '#domain/deliveries/store';
import type { SigningPorts } from '#domain/signing/engine';
import type { Targets } from '#domain/kpi/report';
import type { KpiStore } from '#domain/kpi/store';
import type { MessageQueue, OutboxStore } from '#domain/outbox';
import type { AxisPort } from '#domain/axis/port';
import type { AxisInboxLedger } from '#domain/axis/inbox';
import type { DocumentStore } from '#domain/documents/store';
import type { NumberingStore } from '#domain/documents/numbering-store';
import type { FilePorts } from '#domain/files/ports';
import type { Principal } from '#domain/identity/principal';
import type { DirectoryStore } from '#domain/people/directory';
import type { WorkStore } from '#domain/work/work';
import type { RecordStore } from '#domain/records/store';
import type { NoticeStore } from '#domain/notifications/store';
import type { Notifier } from '#domain/reminders/notifier';
import type { ReminderStore } from '#domain/reminders/store';
import type { Clock, IdGenerator } from '#domain/ports';
import type { WebhookPorts } from '#domain/webhook-keys/ports';

/** What every use case receives: its ports, and who is asking in which request. */
export interface Dependencies {
  readonly documents: DocumentStore;
  /** The agencies' numbering configurations and the counters of their series. */
  readonly numbering: NumberingStore;
  readonly agencies: AgencyStore;
  /** The people directory: each agency's units (phòng, ban) and users. */
  readonly directory: DirectoryStore;
  /** "My work" counters: what waits for each agency, person and unit, kept with every change. */
  readonly work: WorkStore;
  /** Document files: table items, the bucket, the file policy and the PDF verifier hook. */
  readonly files: FilePorts;
  /** Work records (hồ sơ công việc). */
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Working days and holidays: deadlines in working days, overdue flags. */
  readonly calendar: WorkingCalendar;
  /** Per-recipient deliveries of outgoing documents and the statuses recipients report. */
  readonly deliveries: DeliveryStore;
  /** Signed webhooks: agency keys, receipts, endpoints, the outbound log, the secret cipher and the outbox. */
  readonly webhooks: WebhookPorts;
  /** Signing in the workflow: the policy, the PDF engine, deferred-signature sessions, the remote signer, the agency's seal, the TSA. */
  readonly signing: SigningPorts;
  /** KPI counters kept as work happens, and the online-processing targets per level. */
  readonly kpi: KpiStore;
  readonly kpiTargets: Targets;
  /** Deadline reminders (nhắc việc): recorded once each, and the recipients' inbox. */
  readonly reminders: ReminderStore;
  /** Notices that work arrived, and every person's inbox (notices and reminders). */
  readonly notices: NoticeStore;
  /** Where reminders leave the system: e-mail (SES) in AWS, a local outbox in the local runtime. */
  readonly notifier: Notifier;
  /** The transactional outbox and the queues it feeds. */
  readonly outbox: OutboxStore;
  readonly queue: MessageQueue;
  /** The national document axis (VDXP); resolved on first use, so functions that never call it need no configuration. */
  readonly axis: () => AxisPort;
  /** What the axis poller already queued. */
  readonly axisInbox: AxisInboxLedger;
  /** The city whose agencies this system serves (internal delivery at or below it). */
  readonly cityCode: string;
}

export interface RequestContext {
  readonly principal: Principal;
  /** Ties the log lines of one request together: the client's `x-correlation-id` (validated) or the request id. */
  readonly correlationId: string;
  /** The server's own id of the request (API Gateway's), the one the audit history trusts; absent for system work. */
  readonly requestId?: string;
  /** The `Idempotency-Key` header of a write, if the caller sent one. */
  readonly idempotencyKey?: string;
}
