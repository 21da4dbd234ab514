import type { AgencyStore } from '#domain/agency/store';
import type { DocumentStore } from '#domain/documents/store';
import type { Principal } from '#domain/identity/principal';
import type { Clock, IdGenerator } from '#domain/ports';

/** What every use case receives: its ports, and who is asking in which request. */
export interface Dependencies {
  readonly documents: DocumentStore;
  readonly agencies: AgencyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface RequestContext {
  readonly principal: Principal;
  readonly correlationId: string;
  /** The `Idempotency-Key` header of a write, if the caller sent one. */
  readonly idempotencyKey?: string;
}
