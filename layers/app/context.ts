import type { AgencyStore } from '#domain/agency/store';
import type { WorkingCalendar } from '#domain/calendar/working-calendar';
import type { SignaturePolicy } from '#domain/documents/signature-policy';
import type { DocumentStore } from '#domain/documents/store';
import type { FilePorts } from '#domain/files/ports';
import type { Principal } from '#domain/identity/principal';
import type { RecordStore } from '#domain/records/store';
import type { Clock, IdGenerator } from '#domain/ports';

/** What every use case receives: its ports, and who is asking in which request. */
export interface Dependencies {
  readonly documents: DocumentStore;
  readonly agencies: AgencyStore;
  /** Document files: table items, the bucket, the file policy and the PDF verifier hook. */
  readonly files: FilePorts;
  /** Work records (hồ sơ công việc). */
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Working days and holidays: deadlines in working days, overdue flags. */
  readonly calendar: WorkingCalendar;
  /** What issuing requires of the final PDF's signatures. */
  readonly signaturePolicy: SignaturePolicy;
}

export interface RequestContext {
  readonly principal: Principal;
  readonly correlationId: string;
  /** The `Idempotency-Key` header of a write, if the caller sent one. */
  readonly idempotencyKey?: string;
}
