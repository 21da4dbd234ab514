import type { Dependencies } from '#app/context';
import { vietnamSampleCalendar } from '#domain/calendar/vietnam';
import { defaultTargets } from '#domain/kpi/report';

/**
 * Dependencies for unit tests of use cases: the ports a test provides, and for every other port an
 * object whose every method throws — a use case that touches a port the test did not expect fails loudly.
 * Adding a port to Dependencies does not break the tests that do not use it.
 */
export function fakeDependencies(provided: Partial<Dependencies>): Dependencies {
  const unexpected = (port: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) => () => {
          throw new Error(`the test did not expect ${port}.${String(method)} to be called`);
        },
      },
    );
  return {
    documents: unexpected('documents'),
    numbering: unexpected('numbering'),
    agencies: unexpected('agencies'),
    files: unexpected('files'),
    records: unexpected('records'),
    deliveries: unexpected('deliveries'),
    webhooks: unexpected('webhooks'),
    clock: { now: () => new Date('2026-11-26T03:00:00Z') },
    ids: { next: () => '01J00000000000000000000000' },
    calendar: vietnamSampleCalendar,
    signaturePolicy: 'none',
    kpi: unexpected('kpi'),
    kpiTargets: defaultTargets,
    outbox: unexpected('outbox'),
    queue: unexpected('queue'),
    axis: () => unexpected('axis') as never,
    axisInbox: unexpected('axisInbox'),
    cityCode: '000.00.00.H26',
    reminders: unexpected('reminders'),
    notifier: unexpected('notifier'),
    ...provided,
  } as Dependencies;
}
