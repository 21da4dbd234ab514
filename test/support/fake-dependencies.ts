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
    directory: unexpected('directory'),
    work: unexpected('work'),
    files: unexpected('files'),
    records: unexpected('records'),
    deliveries: unexpected('deliveries'),
    webhooks: unexpected('webhooks'),
    clock: { now: () => new Date('2026-11-26T03:00:00Z') },
    ids: { next: () => '01J00000000000000000000000' },
    calendar: vietnamSampleCalendar,
    // Issuing reads the policy: `none` unless a test gives its own signing ports (policy none: no PDF needed).
    signing: withPolicyNone(unexpected('signing')),
    kpi: unexpected('kpi'),
    kpiTargets: defaultTargets,
    outbox: unexpected('outbox'),
    queue: unexpected('queue'),
    axis: () => unexpected('axis') as never,
    axisInbox: unexpected('axisInbox'),
    cityCode: '000.00.00.H26',
    reminders: unexpected('reminders'),
    notices: unexpected('notices'),
    notifier: unexpected('notifier'),
    ...provided,
  } as Dependencies;
}

/** The signing ports of a stage with policy `none`: issuing needs no PDF; anything else a test did not expect throws. */
function withPolicyNone(unexpected: object): Dependencies['signing'] {
  return new Proxy(unexpected, {
    get: (target, name, receiver) => (name === 'settings' ? async () => ({ policy: 'none', remoteSigner: false }) : Reflect.get(target, name, receiver)),
  }) as Dependencies['signing'];
}
